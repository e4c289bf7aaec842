//! Frameworks: loading user tables in the official layout, JSON round trips, validation.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // test code: a panic is a failure

mod common;
use common::{d, testdata};
use parindex::framework::{builtin, builtin_ids, CsvFrameworkOptions, Measure, Method, Rule};
use parindex::{Framework, IndexKind, Scorecard};

fn example() -> Framework {
    let opts = CsvFrameworkOptions {
        id: "district".into(),
        index: IndexKind::Custom("district".into()),
        ..Default::default()
    };
    Framework::from_csv_path(testdata("frameworks/district-index-example.csv"), &opts).unwrap()
}

#[test]
fn official_layout_with_decimal_commas() {
    let fw = example();
    assert_eq!(fw.total_max_points, Some(d("10")));
    assert_eq!(fw.max_points("1").unwrap(), Some(d("4.5")));
    assert_eq!(fw.max_points("2.1").unwrap(), Some(d("5.5")));
    assert_eq!(fw.leaf_codes(), vec!["1.1", "1.2", "1.3", "2.1"]);
    assert_eq!(fw.node("2.1").unwrap().method, Some(Method::CitizenSurvey));
    assert_eq!(fw.node("1.1").unwrap().method, Some(Method::Appraised));
    assert!(matches!(fw.node("1.2").unwrap().rule, Some(Rule::Bands { .. })));
    assert_eq!(fw.counts(), (2, 4, 0));
}

#[test]
fn leaf_rules_drive_a_scorecard() {
    let fw = example();
    let mut card = Scorecard::new(fw, "Huyện A");
    card.set_measure("1.1", &Measure::Level("chậm".into())).unwrap();
    card.set_measure("1.2", &Measure::Value(d("90"))).unwrap(); // > 90 is strict: 1 point
    card.set_measure("1.3", &Measure::Flag(true)).unwrap();
    card.set_measure("2.1", &Measure::Value(d("80"))).unwrap(); // 5.5 × 80% = 4.4
    assert_eq!(card.total(), Some(d("7.4")));
    assert_eq!(card.index(), Some(d("74")));
}

#[test]
fn json_and_csv_round_trips() {
    for id in builtin_ids() {
        let fw = builtin(id).unwrap();
        let back = Framework::from_json(&fw.to_json().unwrap(), id).unwrap();
        assert_eq!(&back, fw, "{id}");
    }
    let fw = example();
    let again = Framework::from_csv(
        &fw.to_csv().unwrap(),
        "roundtrip.csv",
        &CsvFrameworkOptions { id: fw.id.clone(), index: fw.index.clone(), ..Default::default() },
    )
    .unwrap();
    assert_eq!(again.nodes(), fw.nodes());
    assert_eq!(again.total_max_points, fw.total_max_points);
}

#[test]
fn unknown_maxima_stay_unknown_with_their_constraint() {
    let fw = builtin("par-2022").unwrap();
    for code in ["2", "6", "7"] {
        assert_eq!(fw.max_points(code).unwrap(), None, "{code}");
    }
    assert_eq!(fw.node("2").unwrap().at_least, Some(d("9.38")));
    let c = &fw.constraints()[0];
    assert_eq!((c.codes.clone(), c.sum), (vec!["2".to_string(), "6".into(), "7".into()], d("35.5")));
    // The declared total still validates: 9.5 + 13 + 10.5 + 15 + 16.5 = 64.5 ≤ 100.
    let known: parindex::Decimal = fw.nodes().iter().filter_map(|n| n.max_points).sum();
    assert_eq!(known + c.sum, d("100"));
}

#[test]
fn json_accepts_numbers_and_decimal_comma_strings() {
    let json = r#"{"id":"t","index":"par","name_vi":"t","total_max_points":10,"nodes":[
        {"code":"1","name_vi":"a","max_points":"4,5"},{"code":"2","name_vi":"b","max_points":5.5}]}"#;
    let fw = Framework::from_json(json, "t.json").unwrap();
    assert_eq!(fw.max_points("1").unwrap(), Some(d("4.5")));
    assert_eq!(fw.max_points("2").unwrap(), Some(d("5.5")));
    let bad = json.replace("5.5}", "6.5}");
    let err = Framework::from_json(&bad, "t.json").unwrap_err();
    assert!(err.to_string().contains("add up to 11, not 10"), "{err}");
}
