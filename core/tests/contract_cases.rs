//! The cross-language cases (`testdata/contract/cases.json`): every case's `call` run on
//! its `args` through the contract, and its output compared with the stored `expected`
//! (or `error`). The Python and JS bindings run the same cases through their own API and
//! compare with the same file; the call names and argument keys are documented in
//! `testdata/README.md`.
//!
//! Regenerate the expected outputs after a deliberate change (or after adding a case with
//! `"expected": null`):
//!
//! ```text
//! PARINDEX_REGENERATE_CASES=1 cargo test -p parindex --test contract_cases
//! ```
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing, clippy::panic)] // test code: a panic is a failure

use parindex::contract::{self, what_if_rows, Costs, ExactDecimal, LeastCost, Points, Scenarios};
use parindex::simulate::{self, Basis, MonteCarlo, PlanOption};
use parindex::{framework, published, CsvTableOptions, EntryInput, Error, IndexKind, LeagueTable, Result, Scorecard};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::path::PathBuf;

fn cases_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../testdata/contract/cases.json")
}

/// Argument `key` of a case through the contract (a missing key reads as `null`).
fn arg<T: DeserializeOwned>(args: &Map<String, Value>, key: &str) -> Result<T> {
    contract::from_value(args.get(key).cloned().unwrap_or(Value::Null), key)
}

fn out<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap()
}

/// `{"framework": id, "province", "year"?, "points": {code: points}}`: a built-in
/// framework's scorecard from points.
fn scorecard(args: &Map<String, Value>) -> Result<Scorecard> {
    let spec: Map<String, Value> = arg(args, "scorecard")?;
    let id: String = arg(&spec, "framework")?;
    let province: String = arg(&spec, "province")?;
    let points: Points = arg(&spec, "points")?;
    let year: Option<u16> = arg(&spec, "year")?;
    let card = Scorecard::from_points(
        framework::builtin(&id)?.clone(),
        &province,
        points.0.iter().map(|(c, p)| (c.as_str(), *p)),
    )?;
    Ok(match year {
        Some(y) => card.with_year(y),
        None => card,
    })
}

/// `{"index", "year"}`: a published table; `null`: none.
fn table(args: &Map<String, Value>) -> Result<Option<LeagueTable>> {
    let Some(spec) = args.get("table").filter(|v| !v.is_null()) else { return Ok(None) };
    let spec: Map<String, Value> = contract::from_value(spec.clone(), "table")?;
    let index: IndexKind = arg(&spec, "index")?;
    let year: u16 = arg(&spec, "year")?;
    published(&index, year).map(Some)
}

fn required_table(args: &Map<String, Value>) -> Result<LeagueTable> {
    table(args)?.ok_or_else(|| Error::invalid_argument("table", "is required"))
}

/// A table from `entries` and `options`.
fn from_entries(args: &Map<String, Value>) -> Result<LeagueTable> {
    let entries: Vec<EntryInput> = arg(args, "entries")?;
    let options: CsvTableOptions = arg(args, "options")?;
    LeagueTable::from_entries(entries, &options, None)
}

/// The core's output of one call, as serde JSON.
fn run(call: &str, args: &Map<String, Value>) -> Result<Value> {
    Ok(match call {
        "what_if" => {
            let card = scorecard(args)?;
            let scenarios: Scenarios = arg(args, "scenarios")?;
            out(&what_if_rows(&simulate::what_if(&card, table(args)?.as_ref(), &scenarios.0)?))
        }
        "rank_gain" => {
            let target: Option<u32> = arg(args, "target_rank")?;
            out(&simulate::rank_gain(&scorecard(args)?, &required_table(args)?, target)?.flat_rows())
        }
        "plan" => {
            let target: u32 = arg(args, "target_rank")?;
            let costs: Costs = arg(args, "costs")?;
            let basis: Option<Basis> = arg(args, "basis")?;
            let plan =
                simulate::plan(&scorecard(args)?, &required_table(args)?, target, &costs.0, basis.unwrap_or_default())?;
            out(&plan)
        }
        "least_cost" => {
            let options: Vec<PlanOption> = arg(args, "options")?;
            let required: ExactDecimal = arg(args, "required")?;
            out(&LeastCost::solve(&options, required.0)?)
        }
        "simulate" => {
            let options: MonteCarlo = arg(args, "options")?;
            out(&simulate::simulate(&required_table(args)?, &options)?.summary_rows())
        }
        "exact" => {
            let options: MonteCarlo = arg(args, "options")?;
            out(&simulate::exact(&required_table(args)?, &options)?)
        }
        "from_entries" => out(&from_entries(args)?.rows()),
        "points_to_rank" => {
            let province: String = arg(args, "province")?;
            let target: u32 = arg(args, "target_rank")?;
            out(&from_entries(args)?.points_to_rank(&province, target)?)
        }
        other => return Err(Error::invalid_argument("call", format!("`{other}` is not a call of the cases"))),
    })
}

/// What a failing case stores: the stable kind, the argument path (for
/// `INVALID_ARGUMENT`) and the code involved.
fn error_record(e: &Error) -> Value {
    let argument = match e {
        Error::InvalidArgument { name, .. } => Some(name.clone()),
        _ => None,
    };
    json!({"kind": e.kind(), "argument": argument, "code": e.location().and_then(|l| l.code.clone())})
}

#[test]
fn the_cases_file_is_up_to_date() {
    let path = cases_path();
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut cases: Vec<Map<String, Value>> = serde_json::from_str(&text).unwrap();
    assert!(cases.len() >= 10, "too few cases: {}", cases.len());
    let regenerate = std::env::var_os("PARINDEX_REGENERATE_CASES").is_some();
    let mut stale = Vec::new();
    let mut names = Vec::new();
    for case in &mut cases {
        let name = case["name"].as_str().unwrap().to_string();
        assert!(!names.contains(&name), "duplicate case name `{name}`");
        names.push(name.clone());
        let call = case["call"].as_str().unwrap().to_string();
        let args = case["args"].as_object().unwrap().clone();
        let (key, got) = match run(&call, &args) {
            Ok(v) => ("expected", v),
            Err(e) => ("error", error_record(&e)),
        };
        let (other, _) = if key == "expected" { ("error", ()) } else { ("expected", ()) };
        if case.get(key) != Some(&got) || case.contains_key(other) {
            stale.push(name);
            case.remove(other);
            case.insert(key.to_string(), got);
        }
    }
    if regenerate && !stale.is_empty() {
        let mut text = serde_json::to_string_pretty(&cases).unwrap();
        text.push('\n');
        std::fs::write(&path, text).unwrap();
        return;
    }
    assert!(
        stale.is_empty(),
        "{} case(s) of {} differ from the core's output: {stale:?}. If the change is deliberate, regenerate with \
         PARINDEX_REGENERATE_CASES=1 cargo test -p parindex --test contract_cases (and review the diff)",
        stale.len(),
        path.display()
    );
}

#[test]
fn the_cases_cover_every_call_and_some_errors() {
    let text = std::fs::read_to_string(cases_path()).unwrap();
    let cases: Vec<Map<String, Value>> = serde_json::from_str(&text).unwrap();
    for call in ["what_if", "rank_gain", "plan", "least_cost", "simulate", "exact", "from_entries", "points_to_rank"] {
        assert!(cases.iter().any(|c| c["call"] == call && c.contains_key("expected")), "no case of `{call}`");
    }
    let errors: Vec<&Map<String, Value>> = cases.iter().filter(|c| c.contains_key("error")).collect();
    assert!(errors.len() >= 3, "too few error cases");
    // Golden: Quảng Nam 2023 (84.6, #56) with +1 point in field 3 is 85.6 points.
    let first = cases.iter().find(|c| c["name"] == "what_if: Quảng Nam 2023, four scenarios").unwrap();
    let rows = first["expected"].as_array().unwrap();
    let after: Vec<&str> = rows.iter().map(|r| r["points_after"].as_str().unwrap()).collect();
    assert_eq!(after, ["85.6", "85.85", "85.1", "83.6"]);
    assert!(rows.iter().all(|r| r["rank_before"] == 56));
    // Lạng Sơn 2023 #47 needs [1.10, 1.38] for rank ≤ 30 in the published table.
    let need =
        cases.iter().find(|c| c["name"] == "points_to_rank: the published PAR 2023 entries, Lạng Sơn to 30").unwrap();
    assert_eq!((need["expected"]["low"].as_str(), need["expected"]["high"].as_str()), (Some("1.10"), Some("1.38")));
}
