//! Extreme inputs get errors, never panics (decimal overflow, huge sizes).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // test code

mod common;
use common::d;
use parindex::framework::{builtin, CsvFrameworkOptions};
use parindex::simulate::{least_cost, what_if, Change, Gains, PlanOption, Scenario};
use parindex::sipas::{BootstrapOptions, SipasOptions, Survey, SyntheticSpec};
use parindex::{published, Decimal, Framework, IndexKind, Scorecard};
use proptest::prelude::*;

#[test]
fn decimal_max_is_refused_everywhere() {
    let max = Decimal::MAX;
    // A framework whose maxima are unknown still bounds points by its total, or by the limit.
    let fw =
        Framework::from_csv("STT,Tên,Điểm tối đa\n1,A,\n2,B,\n", "t.csv", &CsvFrameworkOptions::default()).unwrap();
    let mut card = Scorecard::new(fw, "Lạng Sơn");
    assert_eq!(card.set("1", max).unwrap_err().kind(), "ABOVE_MAX");
    card.set("1", d("1000000000")).unwrap();
    card.set("2", d("1000000000")).unwrap();
    assert_eq!(card.total(), Some(d("2000000000")));
    let huge = Framework::from_csv(
        "STT,Tên,Điểm tối đa\n1,A,79228162514264337593543950335\n",
        "t.csv",
        &CsvFrameworkOptions::default(),
    );
    assert_eq!(huge.unwrap_err().kind(), "ABOVE_MAX");
    let t = published(&IndexKind::Par, 2023).unwrap();
    assert_eq!(t.rank_with_gain("Lạng Sơn", max).unwrap_err().kind(), "INVALID_ARGUMENT");
    let fw = builtin("par-2022").unwrap().clone();
    let only_total = Scorecard::from_points(fw, "Lạng Sơn", [("total", d("85.94"))]).unwrap();
    let s = Scenario { name: "x".into(), changes: vec![Change::Add { code: "2".into(), points: max }] };
    assert_eq!(what_if(&only_total, Some(&t), &[s]).unwrap_err().kind(), "ABOVE_MAX");
    let options = vec![PlanOption { gains: Gains::Continuous { cap: max }, cost_per_point: max }; 2];
    assert_eq!(least_cost(&options, max).unwrap_err().kind(), "INVALID_ARGUMENT");
    let tiny = vec![PlanOption {
        gains: Gains::Continuous { cap: d("0.0000000000000000000000000001") },
        cost_per_point: d("1"),
    }];
    assert_eq!(least_cost(&tiny, d("5")).unwrap_err().kind(), "INVALID_ARGUMENT");
}

#[test]
fn survey_sizes_are_bounded() {
    let fw = builtin("sipas-2023").unwrap();
    let big = SyntheticSpec { units: 63, respondents: 1_000_000_000, ..SyntheticSpec::default() };
    let err = Survey::synthetic(fw, &big).unwrap_err();
    assert_eq!((err.kind(), err.to_string().contains("respondents")), ("INVALID_ARGUMENT", true));
    let zero = SyntheticSpec { respondents: 0, ..SyntheticSpec::default() };
    assert!(Survey::synthetic(fw, &zero).unwrap_err().to_string().contains("`respondents`"));
    let small =
        Survey::synthetic(fw, &SyntheticSpec { units: 5, respondents: 50, seed: 3, ..SyntheticSpec::default() })
            .unwrap();
    let too_many = BootstrapOptions { replicates: 4_000_000_000, ..BootstrapOptions::default() };
    let err = small.bootstrap(&SipasOptions::default(), &too_many).unwrap_err();
    assert_eq!(err.kind(), "INVALID_ARGUMENT");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// Any decimal at any node: an error or a value, never a panic.
    #[test]
    fn scorecards_never_panic(mantissa in any::<i64>(), scale in 0u32..28, code in prop::sample::select(vec!["1", "2", "3", "8", "total", "appraised", "sipas"])) {
        let fw = builtin("par-2022").unwrap().clone();
        let mut card = Scorecard::new(fw, "Lạng Sơn");
        let v = Decimal::new(mantissa, scale);
        let _ = card.set(code, v);
        let _ = card.set("2", v);
        let _ = (card.total(), card.index(), card.band(), card.rows(), card.problems());
        let t = published(&IndexKind::Par, 2023).unwrap();
        let _ = t.rank_with_gain("Lạng Sơn", v);
        let _ = t.rank_if("Lạng Sơn", v);
        let s = Scenario { name: "x".into(), changes: vec![Change::Add { code: code.into(), points: v }] };
        let _ = what_if(&card, Some(&t), &[s]);
    }
}
