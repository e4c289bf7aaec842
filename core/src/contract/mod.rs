//! The data contract: every input shape the library reads from callers, defined once here
//! and in the input types' `Deserialize` impls, and the ordered output rows of its
//! table-shaped results. The Python and JavaScript bindings read their inputs through
//! [`from_value`] / [`deserialize`] (their own values turned into serde data) and write
//! their outputs through `Serialize`, so the names, shapes, defaults and errors are the
//! same in every language.
//!
//! - **Names**: the serde names (snake_case fields, the enum values as they serialize) are
//!   the one spelling. Unknown keys are refused everywhere (`deny_unknown_fields`).
//! - **Defaults** live once, in each type's `impl Default` (e.g.
//!   [`MonteCarlo`](crate::simulate::MonteCarlo): 100,000
//!   scenarios, seed 7, the fitted model).
//! - **Decimals**: one rule, in [`number`] (a string, an integer or a float through its
//!   shortest round-trip text; exact or refused; `NaN`, infinities and booleans refused).
//! - **Errors**: [`Error::InvalidArgument`] whose `name` is the path of the bad value
//!   within the argument: `model.sd`, `entries[3].score`, `scenarios["Kế hoạch A"]["1.1"].add`.
//!
//! # Input shapes
//!
//! | argument | shape | core type |
//! |---|---|---|
//! | points | `{code: points}` | [`Points`] |
//! | a change | a number (= add), `{"add": x}`, `{"set": x}` or `{"measure": m}` | [`ChangeSpec`] |
//! | a measure | a bool (flag), a number (value), a string (a decimal text is a value, any other text a level), or `{"flag" \| "level" \| "value": …}` | [`Measure`](crate::framework::Measure) |
//! | scenarios | `{scenario_name: {code: change}}` (order kept) | [`Scenarios`] |
//! | costs | `{code: cost_per_point}` or `{code: {"cost_per_point": c, "cap": p}}` | [`Costs`] |
//! | least-cost options | `[{"cost_per_point": c, "cap": p} \| {"cost_per_point": c, "steps": [...]}]` | `Vec<`[`PlanOption`](crate::simulate::PlanOption)`>` |
//! | change model | `"fitted"` \| `"empirical"` \| `{"kind": "fitted", …overrides}` \| `{"kind": "normal", "mean": m, "sd": s}` \| `{"kind": "sample", "values": [...]}` \| `{"kind": "empirical", "years": [[2022, 2023]]}` | [`ChangeModel`](crate::simulate::ChangeModel) |
//! | Monte Carlo options | `{"province", "gains" (or "gain"), "target_rank", "scenarios"?, "seed"?, "model"?}` | [`MonteCarlo`](crate::simulate::MonteCarlo) |
//! | entries | `[{"province", "score"?, "rank"?, "rank_basis"?, "source"?, "note"?, "row"?}]` | `Vec<`[`EntryInput`](crate::EntryInput)`>` |
//! | SIPAS changes | `{code: change}` with a change a number (= add), `{"add": x}` or `{"set": x}` | [`SipasChanges`] |
//! | SIPAS, bootstrap, survey, synthetic, table and framework options | their fields, each optional (defaults of `impl Default`) | [`SipasOptions`](crate::SipasOptions), [`BootstrapOptions`](crate::sipas::BootstrapOptions), [`SurveyOptions`](crate::sipas::SurveyOptions), [`SyntheticSpec`](crate::sipas::SyntheticSpec), [`TableOptions`](crate::TableOptions), [`CsvTableOptions`](crate::CsvTableOptions), [`CsvFrameworkOptions`](crate::framework::CsvFrameworkOptions) |
//! | roster | `"provinces"` \| `"units_2025"` \| `"open"` | [`Roster`](crate::Roster) |
//! | forecast options, fitted-model overrides | their fields, each optional | [`ForecastOptions`](crate::simulate::ForecastOptions), [`NextYearModel`](crate::simulate::NextYearModel) |
//! | planner basis, tie policy, index | `"low"` \| `"estimate"` \| `"high"`; `"competition"` \| `"dense"` \| `"unrounded"`; `"par"` \| `"sipas"` \| a custom name | [`Basis`](crate::simulate::Basis), [`TiePolicy`](crate::TiePolicy), [`IndexKind`](crate::IndexKind) |
//!
//! # Output rows
//!
//! Table-shaped results have one ordered row type each ([`rows`]): the field order is
//! the column order, rank bounds are `rank_best` / `rank_worst`, quantiles `rank_p05` /
//! `rank_p50` / `rank_p95`.

mod inputs;
pub mod number;
pub mod rows;
#[cfg(feature = "ts")]
pub mod ts;

pub use inputs::{ChangeSpec, Costs, Points, Scenarios, SipasChanges};
pub use number::{decimal, decimal_list, decimals, opt_decimal, parse_exact, ExactDecimal, NotDecimal};
pub use rows::{
    what_if_columns, what_if_rows, BootstrapUnitRow, ExactRow, ForecastTableRow, LeastCost, RankGainRow, SimulationRow,
    SipasUnitDetail, SipasUnitRow, SipasWhatIfRow, WhatIfRow, WHAT_IF_COLUMNS,
};

use crate::error::{Error, Result};
use serde::de::{DeserializeOwned, Deserializer};
use serde::Deserialize;
use std::fmt::Display;

/// Read an input of the contract from a JSON value; `name` is the argument's name, the
/// start of every error's path.
///
/// Errors: [`Error::InvalidArgument`] whose name is the path of the bad value (`model.sd`,
/// `entries[3].score`, `scenarios["A"]["1.1"].add`; `name` itself for the whole value)
/// and whose message says what is wrong (an unknown key, a missing key, a wrong type, a
/// decimal outside the rule of [`number`]).
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value, name: &str) -> Result<T> {
    deserialize(value, name)
}

/// [`from_value`] from JSON text.
///
/// Errors: as [`from_value`]; malformed JSON is [`Error::InvalidArgument`] naming `name`.
pub fn from_str<T: DeserializeOwned>(json: &str, name: &str) -> Result<T> {
    let mut de = serde_json::Deserializer::from_str(json);
    let value = deserialize(&mut de, name)?;
    de.end().map_err(|e| Error::invalid_argument(name, e.to_string()))?;
    Ok(value)
}

/// [`from_value`] from any serde deserializer (a binding's own values: Python objects
/// through `pythonize`, JS values through the wasm binding's reader).
///
/// Errors: as [`from_value`].
pub fn deserialize<'de, T: Deserialize<'de>, D>(de: D, name: &str) -> Result<T>
where
    D: Deserializer<'de>,
    D::Error: Display,
{
    serde_path_to_error::deserialize(de).map_err(|e| {
        let at = path(name, e.path());
        Error::invalid_argument(at, plain(e.into_inner().to_string()))
    })
}

/// What serde names as a Rust type at the end of its messages ("…, expected u32"), in the
/// words of the contract: what the value may be.
const EXPECTED_TYPES: [(&str, &str); 10] = [
    ("u8", "a whole number 0..=255"),
    ("u16", "a whole number 0..=65535"),
    ("u32", "a whole number 0..=4294967295"),
    ("u64", "a whole number 0..=18446744073709551615"),
    ("usize", "a whole number ≥ 0"),
    ("i32", "a whole number"),
    ("i64", "a whole number"),
    ("f32", "a number"),
    ("f64", "a number"),
    ("bool", "true or false"),
];

/// serde's message with a Rust type it expected named in plain words ("invalid value:
/// integer `-1`, expected a whole number 0..=4294967295", not "…, expected u32"), and a
/// missing `gains` naming its alias `gain`; any other message unchanged.
fn plain(message: String) -> String {
    // A key read under two names: serde names only the first when both are missing.
    if let Some(place) = message.strip_prefix("missing field `gains`") {
        return format!("missing field `gains` (a list of gains; one gain may be given as `gain`){place}");
    }
    const EXPECTED: &str = ", expected ";
    let Some(at) = message.rfind(EXPECTED) else { return message };
    let (head, rest) = (message.get(..at).unwrap_or_default(), message.get(at + EXPECTED.len()..).unwrap_or_default());
    // serde_json adds where in the text: " at line 1 column 17".
    let (ty, place) = match rest.find(" at line ") {
        Some(p) => (rest.get(..p).unwrap_or_default(), rest.get(p..).unwrap_or_default()),
        None => (rest, ""),
    };
    match EXPECTED_TYPES.iter().find(|(t, _)| *t == ty) {
        Some((_, words)) => format!("{head}{EXPECTED}{words}{place}"),
        None => message,
    }
}

/// `name` followed by the path: a field as `.field`, a list element as `[3]`, a key that
/// is data (a code, a scenario or province name: anything but a lower-case snake_case
/// word) as `["1.1"]`.
fn path(name: &str, path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut out = name.to_string();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } if is_field(key) => {
                out.push('.');
                out.push_str(key);
            }
            Segment::Map { key } => out.push_str(&format!("[{}]", serde_json::Value::String(key.clone()))),
            Segment::Enum { variant } => {
                out.push('.');
                out.push_str(variant);
            }
            Segment::Unknown => out.push_str(".?"),
        }
    }
    out
}

/// A field name of the contract: a lower-case snake_case word.
fn is_field(key: &str) -> bool {
    let mut bytes = key.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_lowercase() || b == b'_')
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// Every default of the contract's options, read from the types' `impl Default` (the one
/// place they live): for bindings that show defaults in signatures or documentation, and
/// for tests that check them.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct Defaults {
    /// A Monte Carlo run ([`MonteCarlo::default`](crate::simulate::MonteCarlo)): its
    /// `scenarios`, `seed` and `model` (`"fitted"`).
    pub monte_carlo: MonteCarloDefaults,
    /// The forecast ([`ForecastOptions::default`](crate::simulate::ForecastOptions)).
    pub forecast: crate::simulate::ForecastOptions,
    /// A SIPAS computation ([`SipasOptions::default`](crate::SipasOptions)).
    pub sipas: crate::SipasOptions,
    /// A SIPAS bootstrap ([`BootstrapOptions::default`](crate::sipas::BootstrapOptions)).
    pub bootstrap: crate::sipas::BootstrapOptions,
    /// Reading survey answers ([`SurveyOptions::default`](crate::sipas::SurveyOptions)).
    pub survey: crate::sipas::SurveyOptions,
    /// A synthetic survey ([`SyntheticSpec::default`](crate::sipas::SyntheticSpec)).
    pub synthetic: crate::sipas::SyntheticSpec,
    /// The planner: cost per point of a node without a cost, and the basis.
    pub plan: PlanDefaults,
}

/// The defaults of a Monte Carlo run.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct MonteCarloDefaults {
    /// Scenarios (100,000).
    pub scenarios: u64,
    /// Seed (7).
    pub seed: u64,
    /// The change model (`"fitted"`).
    pub model: &'static str,
}

/// The defaults of the planner.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(tsify::Tsify))]
pub struct PlanDefaults {
    /// Cost per framework point of a node whose cost is not given (1).
    #[serde(with = "number::decimal")]
    pub cost_per_point: rust_decimal::Decimal,
    /// The basis (`"high"`).
    pub basis: crate::simulate::Basis,
}

/// Every default, from the types' `impl Default`.
pub fn defaults() -> Defaults {
    let mc = crate::simulate::MonteCarlo::default();
    Defaults {
        monte_carlo: MonteCarloDefaults { scenarios: mc.scenarios, seed: mc.seed, model: "fitted" },
        forecast: crate::simulate::ForecastOptions::default(),
        sipas: crate::SipasOptions::default(),
        bootstrap: crate::sipas::BootstrapOptions::default(),
        survey: crate::sipas::SurveyOptions::default(),
        synthetic: crate::sipas::SyntheticSpec::default(),
        plan: PlanDefaults {
            cost_per_point: crate::simulate::NodeCost::DEFAULT_COST_PER_POINT,
            basis: crate::simulate::Basis::default(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::{from_value, is_field};
    use crate::simulate::ForecastOptions;

    #[test]
    fn serde_type_names_are_said_in_plain_words() {
        for (value, want) in [
            (serde_json::json!({ "target_rank": -1 }), "integer `-1`, expected a whole number 0..=4294967295"),
            (serde_json::json!({ "target_rank": 2.5 }), "floating point `2.5`, expected a whole number 0..=4294967295"),
            (
                serde_json::json!({ "scenarios": "many" }),
                "string \"many\", expected a whole number 0..=18446744073709551615",
            ),
        ] {
            let err = from_value::<ForecastOptions>(value, "options").err().map(|e| e.to_string()).unwrap_or_default();
            assert!(err.contains(want) && !err.contains("u32") && !err.contains("u64"), "{err}");
        }
        // From JSON text (the Python binding's way), where serde_json says where.
        let err = super::from_str::<ForecastOptions>(r#"{"target_rank": -1}"#, "options").err().map(|e| e.to_string());
        assert!(err.unwrap_or_default().contains("expected a whole number 0..=4294967295 at line 1"));
        // A key with an alias names both when missing.
        let err = from_value::<crate::simulate::MonteCarlo>(
            serde_json::json!({ "province": "Lạng Sơn", "target_rank": 30 }),
            "options",
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert!(err.contains("missing field `gains`") && err.contains("`gain`"), "{err}");
        // Other messages are serde's own.
        let err =
            from_value::<ForecastOptions>(serde_json::json!({ "target": 1 }), "options").err().map(|e| e.to_string());
        assert!(err.unwrap_or_default().contains("unknown field `target`"));
    }

    #[test]
    fn field_names_are_snake_case_words() {
        assert!(is_field("rank_p05") && is_field("sd") && is_field("_x"));
        assert!(!is_field("1.1") && !is_field("Kế hoạch A") && !is_field("A") && !is_field(""));
    }
}
