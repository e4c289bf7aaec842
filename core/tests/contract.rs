//! The data contract (`parindex::contract`): every input type read from JSON, the one
//! decimal rule, the paths errors name, unknown keys refused.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // test code: a panic is a failure

use parindex::contract::{self, Costs, Points, Scenarios, SipasChanges};
use parindex::framework::{CsvFrameworkOptions, Measure};
use parindex::simulate::{Basis, Change, ChangeModel, Gains, MonteCarlo, NodeCost, PlanOption};
use parindex::sipas::BootstrapOptions;
use parindex::sipas::SyntheticSpec;
use parindex::sipas::{Aggregation, SatisfactionRule};
use parindex::sipas::{Layout, SurveyOptions};
use parindex::{
    CsvTableOptions, Decimal, EntryInput, Error, IndexKind, Roster, Sheet, SipasOptions, TableOptions, TiePolicy,
};
use serde::de::DeserializeOwned;
use serde_json::json;
use std::str::FromStr;

fn d(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

fn read<T: DeserializeOwned>(value: serde_json::Value, name: &str) -> T {
    contract::from_value(value, name).unwrap_or_else(|e| panic!("{e}"))
}

/// The error's (path, message), asserting it is an `INVALID_ARGUMENT`.
fn fail<T: DeserializeOwned + std::fmt::Debug>(value: serde_json::Value, name: &str) -> (String, String) {
    match contract::from_value::<T>(value, name) {
        Ok(v) => panic!("accepted: {v:?}"),
        Err(e) => {
            assert_eq!(e.kind(), "INVALID_ARGUMENT", "{e}");
            match e {
                Error::InvalidArgument { name, message } => (name, message),
                other => panic!("{other}"),
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// The decimal rule

fn dec(value: serde_json::Value) -> Result<Decimal, Error> {
    contract::from_value::<contract::ExactDecimal>(value, "x").map(|x| x.0)
}

#[test]
fn a_float_is_read_through_its_shortest_text() {
    assert_eq!(dec(json!(0.1)).unwrap(), d("0.1"));
    assert_eq!(dec(json!(85.94)).unwrap(), d("85.94"));
    assert_eq!(dec(json!(-1.25)).unwrap(), d("-1.25"));
    assert_eq!(dec(json!(1e3)).unwrap(), d("1000"));
    assert_eq!(dec(json!(1e21)).unwrap(), d("1000000000000000000000"));
    // Not the binary value 0.1000000000000000055511151231257827…
    assert_eq!(dec(json!(0.1)).unwrap().to_string(), "0.1");
    // From JSON text too.
    assert_eq!(contract::from_str::<contract::ExactDecimal>("0.3", "x").unwrap().0, d("0.3"));
}

#[test]
fn strings_follow_the_rule_and_keep_their_scale() {
    assert_eq!(dec(json!("85.90")).unwrap().to_string(), "85.90");
    assert_eq!(dec(json!(" 9,5 ")).unwrap(), d("9.5"));
    assert_eq!(dec(json!("-1.2")).unwrap(), d("-1.2"));
    assert_eq!(dec(json!("+3")).unwrap(), d("3"));
    assert_eq!(dec(json!(".5")).unwrap(), d("0.5"));
    assert_eq!(dec(json!("7")).unwrap(), d("7"));
    // Trailing zeros beyond 28 decimal places carry no precision: accepted, exact.
    assert_eq!(dec(json!("1.00000000000000000000000000000000")).unwrap(), d("1"));
}

#[test]
fn exponents_separators_and_non_numbers_are_refused_as_text() {
    for bad in ["1e3", "1E3", "1,234.5", "1.2.3", "NaN", "inf", "-", "", "85.94%", "abc"] {
        let e = dec(json!(bad)).unwrap_err();
        assert!(e.to_string().contains("is not a decimal number"), "{bad}: {e}");
        assert_eq!(e.kind(), "INVALID_ARGUMENT");
    }
    // The core's CSV cells follow the same rule.
    let at = parindex::Location::default();
    assert_eq!(parindex::decimal::parse_decimal("1e3", &at).unwrap_err().kind(), "INVALID_NUMBER");
    assert_eq!(parindex::decimal::parse_decimal("9,5", &at).unwrap(), d("9.5"));
}

#[test]
fn inexact_values_are_refused_never_rounded() {
    let e = dec(json!("0.12345678901234567890123456789")).unwrap_err();
    assert!(e.to_string().contains("cannot be held exactly"), "{e}");
    let e = dec(json!("79228162514264337593543950336")).unwrap_err();
    assert!(e.to_string().contains("out of range"), "{e}");
    let e = dec(json!(1e300)).unwrap_err();
    assert!(e.to_string().contains("out of range"), "{e}");
    assert_eq!(dec(json!("79228162514264337593543950335")).unwrap(), Decimal::MAX);
    assert_eq!(dec(json!(u64::MAX)).unwrap(), Decimal::from(u64::MAX));
    assert_eq!(dec(json!(i64::MIN)).unwrap(), Decimal::from(i64::MIN));
}

#[test]
fn booleans_nulls_and_non_finite_floats_are_refused() {
    let e = dec(json!(true)).unwrap_err();
    assert!(e.to_string().contains("invalid type: boolean"), "{e}");
    assert!(dec(json!(null)).is_err());
    assert!(dec(json!([1])).is_err());
    // JSON has no NaN; serde data from a binding can: the visitor refuses it.
    use serde::de::IntoDeserializer;
    for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let de: serde::de::value::F64Deserializer<serde::de::value::Error> = v.into_deserializer();
        let e = contract::deserialize::<contract::ExactDecimal, _>(de, "gain").unwrap_err();
        assert!(e.to_string().contains("not a finite number"), "{e}");
        assert_eq!(e.kind(), "INVALID_ARGUMENT");
    }
    // An f32 through its own shortest text.
    let de: serde::de::value::F32Deserializer<serde::de::value::Error> = 85.94f32.into_deserializer();
    assert_eq!(contract::deserialize::<contract::ExactDecimal, _>(de, "x").unwrap().0, d("85.94"));
}

// ---------------------------------------------------------------------------------------
// Paths

#[test]
fn errors_name_the_path_of_the_bad_value() {
    let (path, message) = fail::<ChangeModel>(json!({"kind": "normal", "mean": 0, "sd": true}), "model");
    assert_eq!(path, "model.sd");
    assert!(message.contains("boolean"), "{message}");

    let entries =
        json!([{"province": "Hà Nội", "score": 90}, {"province": "Huế"}, {}, {"province": "X", "score": "9O"}]);
    let (path, message) = fail::<Vec<EntryInput>>(entries, "entries");
    assert_eq!(path, "entries[3].score");
    assert!(message.contains("`9O` is not a decimal number"), "{message}");

    let scenarios = json!({"Kế hoạch A": {"1.1": {"add": "x"}}});
    let (path, _) = fail::<Scenarios>(scenarios, "scenarios");
    assert_eq!(path, r#"scenarios["Kế hoạch A"]["1.1"].add"#);

    let (path, _) = fail::<Costs>(json!({"3": {"cost_per_point": 2, "cap": "?"}}), "costs");
    assert_eq!(path, r#"costs["3"].cap"#);

    let (path, _) =
        fail::<MonteCarlo>(json!({"province": "Lạng Sơn", "gains": [1, "a"], "target_rank": 30}), "options");
    assert_eq!(path, "options.gains[1]");

    let e = contract::from_str::<ChangeModel>(r#"{"kind": "normal", "mean": 0, "sd": }"#, "model").unwrap_err();
    assert_eq!(e.kind(), "INVALID_ARGUMENT");
    assert!(e.to_string().starts_with("invalid `model"), "{e}");
}

#[test]
fn unknown_keys_are_refused_everywhere() {
    type Read = fn(serde_json::Value) -> Result<(), Error>;
    let cases: Vec<(&str, serde_json::Value, Read)> = vec![
        ("model", json!({"kind": "normal", "mean": 0, "sd": 1, "sdd": 2}), |v| {
            contract::from_value::<ChangeModel>(v, "model").map(drop)
        }),
        ("options", json!({"province": "A", "gain": 1, "target_rank": 3, "scenario": 5}), |v| {
            contract::from_value::<MonteCarlo>(v, "options").map(drop)
        }),
        ("entries", json!([{"province": "A", "scor": 1}]), |v| {
            contract::from_value::<Vec<EntryInput>>(v, "entries").map(drop)
        }),
        ("scenarios", json!({"A": {"1": {"plus": 1}}}), |v| {
            contract::from_value::<Scenarios>(v, "scenarios").map(drop)
        }),
        ("costs", json!({"1": {"cost": 1}}), |v| contract::from_value::<Costs>(v, "costs").map(drop)),
        ("options", json!([{"cap": 1, "cost": 2}]), |v| {
            contract::from_value::<Vec<PlanOption>>(v, "options").map(drop)
        }),
        ("changes", json!({"B.2": {"plus": 1}}), |v| contract::from_value::<SipasChanges>(v, "changes").map(drop)),
        ("options", json!({"rules": "top2"}), |v| contract::from_value::<SipasOptions>(v, "options").map(drop)),
        ("options", json!({"replicate": 5}), |v| contract::from_value::<BootstrapOptions>(v, "options").map(drop)),
        ("options", json!({"unit": "x"}), |v| contract::from_value::<SurveyOptions>(v, "options").map(drop)),
        ("spec", json!({"unit": 3}), |v| contract::from_value::<SyntheticSpec>(v, "spec").map(drop)),
        ("options", json!({"index": "par", "year": 2023, "roster": "provinces", "label": "x"}), |v| {
            contract::from_value::<CsvTableOptions>(v, "options").map(drop)
        }),
        ("options", json!({"sheet": 0, "header": 2}), |v| contract::from_value::<TableOptions>(v, "options").map(drop)),
        ("options", json!({"id": "x", "name": "y"}), |v| {
            contract::from_value::<CsvFrameworkOptions>(v, "options").map(drop)
        }),
        ("model", json!({"kind": "fitted", "sprad": 1.0}), |v| {
            contract::from_value::<ChangeModel>(v, "model").map(drop)
        }),
    ];
    for (name, value, read) in cases {
        let shown = value.to_string();
        let e = read(value).unwrap_err();
        assert_eq!(e.kind(), "INVALID_ARGUMENT", "{shown}: {e}");
        let message = e.to_string();
        assert!(message.contains("unknown field"), "{shown}: {message}");
        assert!(message.starts_with(&format!("invalid `{name}")), "{shown}: {message}");
    }
}

// ---------------------------------------------------------------------------------------
// Each input type

#[test]
fn change_models() {
    assert_eq!(read::<ChangeModel>(json!("fitted"), "model"), ChangeModel::default());
    assert_eq!(read::<ChangeModel>(json!(null), "model"), ChangeModel::default());
    assert_eq!(read::<ChangeModel>(json!("empirical"), "model"), ChangeModel::Empirical { years: None });
    assert_eq!(
        read::<ChangeModel>(json!({"kind": "empirical", "years": [[2022, 2023]]}), "model"),
        ChangeModel::Empirical { years: Some(vec![(2022, 2023)]) }
    );
    assert_eq!(
        read::<ChangeModel>(json!({"sd": "1.2", "kind": "normal", "mean": 0.5}), "model"),
        ChangeModel::Normal { mean: d("0.5"), sd: d("1.2") }
    );
    assert_eq!(
        read::<ChangeModel>(json!({"kind": "sample", "values": [0.1, "-2", 3]}), "model"),
        ChangeModel::Sample(vec![d("0.1"), d("-2"), d("3")])
    );
    let ChangeModel::Fitted(m) = read::<ChangeModel>(json!({"kind": "fitted", "spread": 1.5, "own_sd": 0.2}), "model")
    else {
        panic!("not fitted")
    };
    assert_eq!((m.spread, m.own_sd, m.shock_sd), (Some(1.5), Some(0.2), None));

    let (path, message) = fail::<ChangeModel>(json!({"kind": "normal", "mean": 1}), "model");
    assert_eq!((path.as_str(), message.as_str()), ("model", "missing field `sd`"));
    let (_, message) = fail::<ChangeModel>(json!({"kind": "normal", "mean": 1, "sd": 1, "years": []}), "model");
    assert!(message.contains("a `normal` model does not take `years`"), "{message}");
    let (_, message) = fail::<ChangeModel>(json!({"kind": "gamma"}), "model");
    assert!(message.contains("unknown variant `gamma`"), "{message}");
    let (_, message) = fail::<ChangeModel>(json!("normal"), "model");
    assert!(message.contains("`normal` is not one of fitted, empirical"), "{message}");
    let (_, message) = fail::<ChangeModel>(json!({"mean": 1}), "model");
    assert_eq!(message, "missing field `kind`");
    let (path, _) = fail::<ChangeModel>(json!({"kind": "empirical", "years": [[2022]]}), "model");
    assert_eq!(path, "model.years[0]");
}

#[test]
fn monte_carlo_defaults_live_in_impl_default() {
    let defaults = MonteCarlo::default();
    assert_eq!((defaults.scenarios, defaults.seed, &defaults.model), (100_000, 7, &ChangeModel::default()));
    let mc: MonteCarlo = read(json!({"province": "Lạng Sơn", "gain": 1.5, "target_rank": 30}), "options");
    assert_eq!(mc, MonteCarlo::new("Lạng Sơn", vec![d("1.5")], 30, 100_000, 7));
    let mc: MonteCarlo = read(
        json!({"province": "Lạng Sơn", "gains": [1, "2.5"], "target_rank": 30, "scenarios": 1000, "seed": 3,
               "model": {"kind": "normal", "mean": 0, "sd": 1}}),
        "options",
    );
    assert_eq!(mc.gains, vec![d("1"), d("2.5")]);
    assert_eq!((mc.scenarios, mc.seed), (1000, 3));
    assert_eq!(mc.model, ChangeModel::Normal { mean: d("0"), sd: d("1") });
    let (path, message) = fail::<MonteCarlo>(json!({"province": "A", "gain": 1}), "options");
    assert_eq!((path.as_str(), message.as_str()), ("options", "missing field `target_rank`"));
    let (_, message) =
        fail::<MonteCarlo>(json!({"province": "A", "gain": 1, "gains": [1], "target_rank": 2}), "options");
    assert!(message.contains("duplicate field `gains`"), "{message}");
    let (path, _) = fail::<MonteCarlo>(json!({"province": "A", "gain": 1, "target_rank": 2, "scenarios": 1.5}), "o");
    assert_eq!(path, "o.scenarios");
}

#[test]
fn entries() {
    let entries: Vec<EntryInput> = read(
        json!([
            {"province": "Hà Nội", "score": 90.1, "rank": 1, "source": "s", "note": "n", "rank_basis": "stated"},
            {"province": "Huế", "score": null, "rank": 2.0, "row": 3},
            {"province": "Lạng Sơn", "score": "85,94"}
        ]),
        "entries",
    );
    assert_eq!(entries.len(), 3);
    assert_eq!(entries[0].score, Some(d("90.1")));
    assert_eq!(entries[0].rank, Some(1));
    assert_eq!(entries[0].rank_basis.as_deref(), Some("stated"));
    assert_eq!((entries[1].score, entries[1].rank, entries[1].row), (None, Some(2), Some(3)));
    assert_eq!((entries[2].score, entries[2].rank), (Some(d("85.94")), None));
    let (path, message) = fail::<Vec<EntryInput>>(json!([{"province": "A", "rank": 2.5}]), "entries");
    assert_eq!(path, "entries[0].rank");
    assert!(message.contains("`2.5` is not a whole number"), "{message}");
    let (path, _) = fail::<Vec<EntryInput>>(json!([{"province": "A", "row": -1}]), "entries");
    assert_eq!(path, "entries[0].row");
    let (path, _) = fail::<Vec<EntryInput>>(json!([{"province": "A", "rank": "1"}]), "entries");
    assert_eq!(path, "entries[0].rank");
}

#[test]
fn scenarios_keep_their_order_and_every_change_form() {
    let scenarios: Scenarios = read(
        json!({
            "Kế hoạch B": {"3.2": 1.5, "1": {"add": "-0.5"}},
            "A": {"2": {"set": 4}, "1.1": {"measure": true}, "1.2": {"measure": "đúng hạn"},
                  "1.3": {"measure": 2.5}, "1.4": {"measure": "7,5"}, "1.5": {"measure": {"level": "3"}}},
            "empty": {}
        }),
        "scenarios",
    );
    let names: Vec<&str> = scenarios.0.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["Kế hoạch B", "A", "empty"]);
    assert_eq!(
        scenarios.0[0].changes,
        vec![Change::Add { code: "3.2".into(), points: d("1.5") }, Change::Add { code: "1".into(), points: d("-0.5") }]
    );
    assert_eq!(
        scenarios.0[1].changes,
        vec![
            Change::Set { code: "2".into(), points: d("4") },
            Change::Measure { code: "1.1".into(), measure: Measure::Flag(true) },
            Change::Measure { code: "1.2".into(), measure: Measure::Level("đúng hạn".into()) },
            Change::Measure { code: "1.3".into(), measure: Measure::Value(d("2.5")) },
            Change::Measure { code: "1.4".into(), measure: Measure::Value(d("7.5")) },
            Change::Measure { code: "1.5".into(), measure: Measure::Level("3".into()) },
        ]
    );
    assert!(scenarios.0[2].changes.is_empty());
    // Order is kept from JSON text too.
    let from_text: Scenarios = contract::from_str(r#"{"z": {"1": 1}, "a": {"1": 2}}"#, "scenarios").unwrap();
    assert_eq!(from_text.0.iter().map(|s| s.name.as_str()).collect::<Vec<_>>(), ["z", "a"]);

    let (path, message) = fail::<Scenarios>(json!({"A": {"1": {"add": 1, "set": 2}}}), "scenarios");
    assert_eq!(path, r#"scenarios["A"]["1"]"#);
    assert!(message.contains("not both `add` and `set`"), "{message}");
    let (_, message) = fail::<Scenarios>(json!({"A": {"1": {}}}), "scenarios");
    assert!(message.contains("give exactly one of `add`, `set`, `measure`"), "{message}");
    let (path, _) = fail::<Scenarios>(json!({"A": [["1", 2]]}), "scenarios");
    assert_eq!(path, r#"scenarios["A"]"#);
    let (path, _) = fail::<Scenarios>(json!({"A": {"1": true}}), "scenarios");
    assert_eq!(path, r#"scenarios["A"]["1"]"#);
    let (path, _) = fail::<Scenarios>(json!({"A": {"1": {"measure": {"flag": 1}}}}), "scenarios");
    assert_eq!(path, r#"scenarios["A"]["1"].measure.flag"#);
}

#[test]
fn points_costs_and_plan_options() {
    let points: Points = read(json!({"1": 5.5, "2.1": "3", "3": 0}), "points");
    assert_eq!(points.0, vec![("1".into(), d("5.5")), ("2.1".into(), d("3")), ("3".into(), d("0"))]);

    let costs: Costs = read(json!({"1": 2, "2": {"cost_per_point": "0.5", "cap": 3}, "3": {"cap": 1}}), "costs");
    assert_eq!(
        costs.0,
        vec![
            NodeCost { code: "1".into(), cost_per_point: d("2"), cap: None },
            NodeCost { code: "2".into(), cost_per_point: d("0.5"), cap: Some(d("3")) },
            NodeCost { code: "3".into(), cost_per_point: NodeCost::DEFAULT_COST_PER_POINT, cap: Some(d("1")) },
        ]
    );
    assert_eq!(read::<Costs>(json!(null), "costs"), Costs::default());

    let options: Vec<PlanOption> =
        read(json!([{"cost_per_point": 2, "cap": 1.5}, {"steps": [0.5, "1"]}, {"cap": 1}]), "options");
    assert_eq!(
        options,
        vec![
            PlanOption { gains: Gains::Continuous { cap: d("1.5") }, cost_per_point: d("2") },
            PlanOption { gains: Gains::Steps(vec![d("0.5"), d("1")]), cost_per_point: Decimal::ONE },
            PlanOption { gains: Gains::Continuous { cap: d("1") }, cost_per_point: Decimal::ONE },
        ]
    );
    let (path, message) = fail::<Vec<PlanOption>>(json!([{"cap": 1}, {"cap": 1, "steps": [1]}]), "options");
    assert_eq!(path, "options[1]");
    assert_eq!(message, "give exactly one of `cap` or `steps`");
    let (path, _) = fail::<Vec<PlanOption>>(json!([{"steps": [1, null]}]), "options");
    assert_eq!(path, "options[0].steps[1]");
    assert_eq!(read::<Basis>(json!("estimate"), "basis"), Basis::Estimate);
    assert!(contract::from_value::<Basis>(json!("middle"), "basis").is_err());
}

#[test]
fn sipas_inputs() {
    let changes: SipasChanges = read(json!({"B.2": 1.5, "procedures": {"set": "90"}, "sipas": {"add": -2}}), "changes");
    use parindex::sipas::{Change as SChange, NodeChange};
    assert_eq!(
        changes.0,
        vec![
            NodeChange { code: "B.2".into(), change: SChange::Add(d("1.5")) },
            NodeChange { code: "procedures".into(), change: SChange::Set(d("90")) },
            NodeChange { code: "sipas".into(), change: SChange::Add(d("-2")) },
        ]
    );
    let (path, _) = fail::<SipasChanges>(json!({"B.2": {"measure": 1}}), "changes");
    assert_eq!(path, r#"changes["B.2"]"#);

    assert_eq!(read::<SipasOptions>(json!({}), "options"), SipasOptions::default());
    let o: SipasOptions = read(
        json!({"rule": "mean", "aggregation": "domain_mean", "tie_policy": "dense", "year": 2024, "decimals": 3}),
        "o",
    );
    assert_eq!(
        (o.rule, o.aggregation, o.tie_policy, o.year, o.decimals),
        (SatisfactionRule::Mean, Aggregation::DomainMean, TiePolicy::Dense, Some(2024), 3)
    );
    assert_eq!(read::<BootstrapOptions>(json!({}), "o"), BootstrapOptions::default());
    let b: BootstrapOptions = read(json!({"replicates": 50, "seed": 9, "level": 0.9}), "o");
    assert_eq!((b.replicates, b.seed, b.level), (50, 9, d("0.9")));
    let (path, _) = fail::<BootstrapOptions>(json!({"level": "high"}), "options");
    assert_eq!(path, "options.level");

    assert_eq!(read::<SurveyOptions>(json!({}), "o"), SurveyOptions::default());
    let s: SurveyOptions = read(
        json!({"layout": "wide", "unit_column": "district", "dont_know": ["9"], "units": ["A"], "require_all_items": false}),
        "o",
    );
    assert_eq!((s.layout, s.unit_column.as_deref(), s.require_all_items), (Layout::Wide, Some("district"), false));
    assert_eq!((s.dont_know, s.units), (vec!["9".to_string()], Some(vec!["A".to_string()])));

    assert_eq!(read::<SyntheticSpec>(json!({}), "o"), SyntheticSpec::default());
    let spec: SyntheticSpec = read(json!({"units": 3, "respondents": 10, "weighted": true}), "o");
    assert_eq!((spec.units, spec.respondents, spec.weighted, spec.seed), (3, 10, true, SyntheticSpec::default().seed));
}

#[test]
fn table_options_and_rosters() {
    assert_eq!(read::<Roster>(json!("units_2025"), "roster"), Roster::Units2025);
    assert_eq!(serde_json::to_value(Roster::Units2025).unwrap(), json!("units_2025"));
    assert_eq!(read::<Roster>(json!("provinces"), "roster"), Roster::Provinces);
    assert!(contract::from_value::<Roster>(json!("units2025"), "roster").is_err());

    let o: CsvTableOptions = read(json!({"index": "par", "year": 2023}), "options");
    assert_eq!(o, CsvTableOptions::new(IndexKind::Par, 2023));
    let o: CsvTableOptions = read(
        json!({"index": "district", "year": 2024, "roster": "open", "of": 3, "decimals": 3, "score_column": "s"}),
        "o",
    );
    assert_eq!(
        (o.index, o.roster, o.of, o.decimals),
        (IndexKind::Custom("district".into()), Some(Roster::Open), Some(3), Some(3))
    );
    let (_, message) = fail::<CsvTableOptions>(json!({"index": "par"}), "options");
    assert_eq!(message, "missing field `year`");

    let t: TableOptions = read(json!({"sheet": "Bảng 1", "header_row": 3, "columns": {"province": "Địa bàn"}}), "o");
    assert_eq!(t.sheet, Some(Sheet::Name("Bảng 1".into())));
    assert_eq!(t.header_row, Some(3));

    let f: CsvFrameworkOptions = read(json!({"id": "district", "index": "district", "total_max_points": "100"}), "o");
    assert_eq!((f.id.as_str(), f.total_max_points), ("district", Some(d("100"))));
    assert_eq!(f.max_input_bytes, CsvFrameworkOptions::default().max_input_bytes);
}

#[test]
fn measures_alone() {
    assert_eq!(read::<Measure>(json!(false), "measure"), Measure::Flag(false));
    assert_eq!(read::<Measure>(json!(92.5), "measure"), Measure::Value(d("92.5")));
    assert_eq!(read::<Measure>(json!("chậm"), "measure"), Measure::Level("chậm".into()));
    assert_eq!(read::<Measure>(json!({"value": "1"}), "measure"), Measure::Value(d("1")));
    let (_, message) = fail::<Measure>(json!({"value": 1, "level": "x"}), "measure");
    assert!(message.contains("not both `value` and `level`"), "{message}");
}
