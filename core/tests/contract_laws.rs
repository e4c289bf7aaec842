//! Laws of the contract's decimal rule and readers, as properties (fixed seed, the same
//! cases in every run):
//!
//! 1. Every decimal's text reads back as the same decimal, scale included, with a point or
//!    (no point) a decimal comma.
//! 2. Every finite float reads as the decimal of its shortest round-trip text, which reads
//!    back as the same float; floats beyond the decimal range are refused, never rounded.
//! 3. Any JSON value given to any input type is read or refused with an `INVALID_ARGUMENT`
//!    error naming a path under the argument: never a panic.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // test code: a panic is a failure

use parindex::contract::{self, parse_exact, Costs, ExactDecimal, NotDecimal, Points, Scenarios, SipasChanges};
use parindex::framework::{CsvFrameworkOptions, Measure};
use parindex::simulate::{ChangeModel, MonteCarlo, PlanOption};
use parindex::{CsvTableOptions, Decimal, EntryInput, Error, SipasOptions, TableOptions};
use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use serde::de::DeserializeOwned;
use serde_json::Value;

fn config(cases: u32) -> Config {
    Config { cases, rng_seed: RngSeed::Fixed(14), failure_persistence: None, ..Config::default() }
}

fn decimal() -> impl Strategy<Value = Decimal> {
    (any::<i64>(), 0u32..=18).prop_map(|(m, scale)| Decimal::new(m, scale))
}

/// Arbitrary JSON, keys drawn from the contract's own words so that shapes are often
/// nearly right.
fn json() -> impl Strategy<Value = Value> {
    let key = prop::sample::select(vec![
        "kind",
        "mean",
        "sd",
        "values",
        "years",
        "spread",
        "province",
        "score",
        "rank",
        "row",
        "gain",
        "gains",
        "target_rank",
        "scenarios",
        "seed",
        "model",
        "add",
        "set",
        "measure",
        "level",
        "flag",
        "value",
        "cap",
        "steps",
        "cost_per_point",
        "index",
        "year",
        "roster",
        "fitted",
        "normal",
        "1.1",
        "A",
    ])
    .prop_map(str::to_string);
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        "[-+0-9.,e]{0,12}".prop_map(Value::String),
        prop::sample::select(vec!["fitted", "empirical", "normal", "sample", "par", "units_2025", "high"])
            .prop_map(|s| Value::String(s.to_string())),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..6).prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// Read `v` as `T`: either a value, or an `INVALID_ARGUMENT` naming a path under `name`.
fn read_or_refuse<T: DeserializeOwned>(v: &Value, name: &str) -> Result<(), TestCaseError> {
    match contract::from_value::<T>(v.clone(), name) {
        Ok(_) => Ok(()),
        Err(Error::InvalidArgument { name: path, message }) => {
            prop_assert!(path.starts_with(name), "{path}");
            prop_assert!(!message.is_empty());
            Ok(())
        }
        Err(other) => Err(TestCaseError::fail(format!("not an INVALID_ARGUMENT: {other}"))),
    }
}

proptest! {
    #![proptest_config(config(5_000))]

    #[test]
    fn a_decimal_text_reads_back_as_the_same_decimal(d in decimal()) {
        let text = d.to_string();
        let read = parse_exact(&text).unwrap();
        prop_assert_eq!(read, d);
        prop_assert_eq!(read.scale(), d.scale());
        prop_assert_eq!(parse_exact(&format!(" {text} ")).unwrap(), d);
        if text.contains('.') {
            prop_assert_eq!(parse_exact(&text.replace('.', ",")).unwrap(), d);
        }
        let json: ExactDecimal = contract::from_value(Value::String(text), "x").unwrap();
        prop_assert_eq!(json.0, d);
    }

    #[test]
    fn a_float_reads_as_its_shortest_text(x in any::<f64>().prop_filter("finite", |x| x.is_finite())) {
        match contract::from_value::<ExactDecimal>(Value::from(x), "x") {
            Ok(d) => {
                let text = x.to_string();
                prop_assert_eq!(d.0, parse_exact(&text).unwrap());
                // The decimal is the float's own value as the shortest text writes it.
                prop_assert_eq!(d.0.to_string().parse::<f64>().unwrap(), x);
            }
            Err(e) => {
                // Refused only when the float's text is beyond what a decimal holds exactly:
                // out of range or too precise, never "not a number".
                let why = parse_exact(&x.to_string()).unwrap_err();
                prop_assert!(why != NotDecimal::NotNumber, "{x}: {e}");
                prop_assert!(x.abs() >= 7.9e28 || x.abs() < 1e-9, "{x}: {e}");
                prop_assert_eq!(e.kind(), "INVALID_ARGUMENT");
            }
        }
    }

    #[test]
    fn any_json_is_read_or_refused_with_a_path(v in json()) {
        read_or_refuse::<ExactDecimal>(&v, "x")?;
        read_or_refuse::<ChangeModel>(&v, "model")?;
        read_or_refuse::<MonteCarlo>(&v, "options")?;
        read_or_refuse::<Vec<EntryInput>>(&v, "entries")?;
        read_or_refuse::<Scenarios>(&v, "scenarios")?;
        read_or_refuse::<Costs>(&v, "costs")?;
        read_or_refuse::<Points>(&v, "points")?;
        read_or_refuse::<Vec<PlanOption>>(&v, "options")?;
        read_or_refuse::<SipasChanges>(&v, "changes")?;
        read_or_refuse::<Measure>(&v, "measure")?;
        read_or_refuse::<SipasOptions>(&v, "options")?;
        read_or_refuse::<CsvTableOptions>(&v, "options")?;
        read_or_refuse::<TableOptions>(&v, "options")?;
        read_or_refuse::<CsvFrameworkOptions>(&v, "options")?;
        // The same through JSON text.
        let text = v.to_string();
        prop_assert_eq!(
            contract::from_str::<Scenarios>(&text, "scenarios").is_ok(),
            contract::from_value::<Scenarios>(v.clone(), "scenarios").is_ok()
        );
    }
}
