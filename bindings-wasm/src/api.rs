//! The exports: functions and classes in JS conventions over the core. Each export reads
//! its arguments with [`crate::convert`], calls one core function and writes the result
//! back; errors are thrown by [`crate::bridge::js`]. No scoring logic lives here.

use crate::bridge::{self, js, js_as, out, read, write};
use crate::convert::{self, Js};
use crate::reader::{self, fields, Options};
use parindex::contract::{what_if_rows, Costs, Points, Scenarios};
use parindex::framework::{self, CsvFrameworkOptions, Measure};
use parindex::simulate::{self as sim, Basis, ChangeModel, MonteCarlo, PlanOption};
use parindex::{CsvTableOptions, Decimal, EntryInput, Error, Roster, TableOptions, TiePolicy};
use std::sync::Arc;
use wasm_bindgen::prelude::*;

type R<T> = Result<T, JsValue>;

/// The core's argument names for a scorecard passed as `card` (JS names, see
/// [`crate::error::renamed`]).
const CARD: [(&str, &str); 2] = [("scorecard", "card"), ("framework", "card")];

fn fail<T>(e: Error) -> R<T> {
    Err(bridge::throwable(&e))
}

fn text_arg(v: &JsValue, name: &str) -> R<String> {
    js(convert::string(&read(v), name))
}

#[wasm_bindgen(start)]
fn start() {
    bridge::install_panic_hook();
}

/// The version of the parindex library.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// The published league table of an index and year (embedded: PAR INDEX and SIPAS,
/// 2021–2023; values read in cited public sources, usually partial — PAR 2023 has 34 of
/// 63 ranks and 26 scores). Scores are percent (0–100).
///
/// @param index - `"par"` or `"sipas"`.
/// @param year - the assessment year (2021–2023).
/// @throws ParIndexError `NOT_FOUND` for a year or index without embedded results.
#[wasm_bindgen]
pub fn published(
    #[wasm_bindgen(unchecked_param_type = "IndexName")] index: JsValue,
    #[wasm_bindgen(unchecked_param_type = "number")] year: JsValue,
) -> R<LeagueTable> {
    let index = js(convert::index_kind(&read(&index), "index"))?;
    let year = js(convert::year(&read(&year), "year"))?;
    js(parindex::published(&index, year)).map(LeagueTable::wrap)
}

/// Years with embedded published results for an index.
///
/// @throws ParIndexError `NOT_FOUND` for a custom index.
#[wasm_bindgen(js_name = publishedYears, unchecked_return_type = "number[]")]
pub fn published_years(#[wasm_bindgen(unchecked_param_type = "IndexName")] index: JsValue) -> R<JsValue> {
    let index = js(convert::index_kind(&read(&index), "index"))?;
    out(&js(parindex::published_years(&index))?)
}

/// Ids of the built-in frameworks: `par-2017` (2948/QĐ-BNV), `par-2022` (876/QĐ-BNV,
/// 2022–2023), `par-2024` (892/QĐ-BNV, 2024–), `sipas-2017` (2640/QĐ-BNV),
/// `sipas-2023` (1001/QĐ-BNV, 2023–2026).
#[wasm_bindgen(js_name = frameworkIds, unchecked_return_type = "string[]")]
pub fn framework_ids() -> R<JsValue> {
    out(&framework::builtin_ids())
}

/// The methodology periods, oldest first: which decision governs each index for a range of
/// assessment years (`index, firstYear, lastYear` — `null` while in force —, `decision`,
/// `framework`: the built-in id or `null`, `status`, `note`). E.g. SIPAS 2017–2021:
/// 2640/QĐ-BNV; 2023–2026: 1001/QĐ-BNV.
#[wasm_bindgen(unchecked_return_type = "Period[]")]
pub fn periods() -> R<JsValue> {
    out(js(framework::periods())?)
}

/// The 63 provinces ranked until 2024: canonical name, socio-economic region, the
/// provincial unit it belongs to from 1 July 2025 (Resolution 202/2025/QH15), other spellings.
#[wasm_bindgen(unchecked_return_type = "Province[]")]
pub fn provinces() -> R<JsValue> {
    let mut list = js(convert::out(js(parindex::province::registry())?.provinces()))?;
    // The record's key is `province` in both languages (Python's column), where the core's
    // `Province` serializes its `name`.
    if let Js::Arr(items) = &mut list {
        for p in items {
            if let Js::Obj(entries) = p {
                for (key, _) in entries.iter_mut().filter(|(k, _)| k == "name") {
                    *key = "province".to_string();
                }
            }
        }
    }
    write(&list)
}

/// The band (nhóm) of an index in percent, judged on its published 2-decimal value:
/// `"A"` (≥ 90), `"B"` (80 to < 90), `"C"` (70 to < 80) or `"below C"`.
///
/// @throws ParIndexError `INVALID_ARGUMENT` for a value outside 0–100 or not a decimal.
#[wasm_bindgen(js_name = bandOf, unchecked_return_type = "BandName")]
pub fn band_of(#[wasm_bindgen(unchecked_param_type = "DecimalInput")] percent: JsValue) -> R<String> {
    let p = js(convert::decimal(&read(&percent), "percent"))?;
    if p < Decimal::ZERO || p > Decimal::ONE_HUNDRED {
        return fail(Error::invalid_argument("percent", format!("{p} is outside 0–100 percent")));
    }
    Ok(parindex::Band::of(p).as_str().to_string())
}

/// Year-over-year changes between two tables of the same index (percentage points and
/// places; `rankChange` +7 means up 7 places).
///
/// @throws ParIndexError `INVALID_ARGUMENT` if the indices differ or `before` is not earlier.
#[wasm_bindgen(js_name = yearOverYear, unchecked_return_type = "YearOverYear[]")]
pub fn year_over_year(before: &LeagueTable, after: &LeagueTable) -> R<JsValue> {
    out(&js_as(parindex::year_over_year(&before.inner, &after.inner), &[("tables", "after")])?)
}

/// Monte Carlo of next year's ranking (same as `table.simulate(options)`). With one
/// `gain`, the result's `gain`, `pTarget` and `rankQuantiles` are set; with `gains`, they
/// are `null` and each gain's figures are in `plans`.
#[wasm_bindgen(unchecked_return_type = "SimulationResult")]
pub fn simulate(
    table: &LeagueTable,
    #[wasm_bindgen(unchecked_param_type = "SimulateOptions")] options: JsValue,
) -> R<JsValue> {
    table.simulate(options)
}

/// The Monte Carlo's model solved exactly (same as `table.exact(options)`).
#[wasm_bindgen(unchecked_return_type = "ExactOutcome")]
pub fn exact(
    table: &LeagueTable,
    #[wasm_bindgen(unchecked_param_type = "SimulateOptions")] options: JsValue,
) -> R<JsValue> {
    table.exact(options)
}

/// The competitors' current score ranges (percent, best rank first) the Monte Carlo and
/// `exact` start from: `[low, high]` pairs of decimal strings, `low === high` when published.
/// For cross-checks and benchmarks.
///
/// @throws ParIndexError `UNKNOWN_PROVINCE`, `NOT_FOUND`, `UNSUPPORTED` (as `simulate`).
#[wasm_bindgen(js_name = competitorRanges, unchecked_return_type = "[DecimalString, DecimalString][]")]
pub fn competitor_ranges(
    table: &LeagueTable,
    #[wasm_bindgen(unchecked_param_type = "string")] province: JsValue,
) -> R<JsValue> {
    let province = text_arg(&province, "province")?;
    out(&js(sim::competitor_ranges(&table.inner, &province))?)
}

/// The least total cost of gains adding up to at least `required` points (one unit for all;
/// the planner passes framework points) (exact: a
/// dynamic programme over hundredths of a point, or finer when the inputs are finer). Each
/// option is `{ cap, costPerPoint? }` or `{ steps: [...], costPerPoint? }` — any gain from 0
/// to `cap`, or only the listed gains (0 always allowed) — at `costPerPoint` (default 1) per
/// point. Returns
/// `{ gains, totalCost }` (decimal strings, one gain per option, in the options' order) or
/// `null` when the options cannot reach `required`. Ties in cost go to the smaller total
/// gain, then to earlier options.
///
/// @throws ParIndexError `INVALID_ARGUMENT` (negative costs, caps or steps; a need too fine
///   or too large to plan exactly, beyond 10⁷ units; a malformed option).
#[wasm_bindgen(js_name = leastCost, unchecked_return_type = "LeastCostResult | null")]
pub fn least_cost(
    #[wasm_bindgen(unchecked_param_type = "PlanOptionInput[]")] options: JsValue,
    #[wasm_bindgen(unchecked_param_type = "DecimalInput")] required: JsValue,
) -> R<JsValue> {
    let options: Vec<PlanOption> = js(reader::input(&read(&options), "options"))?;
    let required = js(convert::decimal(&read(&required), "required"))?;
    let names = [("cost_per_point", "options"), ("cap", "options"), ("steps", "options")];
    write(&convert::least_cost_out(js_as(sim::least_cost(&options, required), &names)?))
}

/// What-if scenarios on a scorecard, ranked against a table (everyone else as published).
/// Scenarios are `{ name: { code: change } }` (insertion order kept); a change is a number
/// or `{ add }` (points added, also where the node's points are unknown: the total moves by
/// as much), `{ set }` or `{ measure }`. Points in the framework's points; indices in percent.
///
/// @throws ParIndexError `UNKNOWN_CODE`, `ABOVE_MAX`, `NEGATIVE`, `INVALID_ARGUMENT`, `RULE`.
#[wasm_bindgen(js_name = whatIf, unchecked_return_type = "WhatIfRow[]")]
pub fn what_if(
    card: &Scorecard,
    table: &LeagueTable,
    #[wasm_bindgen(unchecked_param_type = "Scenarios")] scenarios: JsValue,
) -> R<JsValue> {
    let scenarios = js(reader::input::<Scenarios>(&read(&scenarios), "scenarios"))?.0;
    out(&what_if_rows(&js_as(sim::what_if(&card.inner, Some(&table.inner), &scenarios), &WHAT_IF_NAMES)?))
}

/// The core's argument names in a what-if on `card` (JS names).
const WHAT_IF_NAMES: [(&str, &str); 3] = [CARD[0], CARD[1], ("change", "scenarios")];

/// The rank-gain table: per node, the points lost and the ranks they would buy back
/// (everyone else as published), and the points needed for +1, +5, +10 ranks and the target.
/// Every points value is in framework points (the scorecard's scale); the table's
/// percentage points of the index are converted once (× total max ÷ 100).
///
/// Returns `{ province, index, rank, targetRank, plus1, plus5, plus10, target, rows,
/// unknownMax }`: the headline needs `{ low, high, estimate }`, `rows` flat as Python's
/// DataFrame (`code, level, nameVi, nameEn, maxPoints, points, source, lost,
/// rankIfRecovered[Best|Worst], ranksGained[Best|Worst], ranksPerPoint,
/// forPlus1Low … forTargetHigh`).
///
/// @throws ParIndexError `INVALID_ARGUMENT` (no total, target outside 1..=of), the table's errors.
#[wasm_bindgen(js_name = rankGain, unchecked_return_type = "GainTable")]
pub fn rank_gain(
    card: &Scorecard,
    table: &LeagueTable,
    #[wasm_bindgen(js_name = targetRank, unchecked_optional_param_type = "number")] target_rank: JsValue,
) -> R<JsValue> {
    let target = js(convert::opt_rank(&read(&target_rank), "targetRank", table.inner.of()))?;
    let names = [CARD[0], CARD[1], ("target_rank", "targetRank")];
    let gains = js_as(sim::rank_gain(&card.inner, &table.inner, target), &names)?;
    // The headline needs as the core serializes them, the rows flat (the contract's
    // `RankGainRow`, Python's DataFrame columns).
    let mut result = js(convert::out(&gains))?;
    result.set("rows", js(convert::out(&gains.flat_rows()))?);
    write(&result)
}

/// The least-effort plan to reach rank ≤ `targetRank` (exact; leaves scored in steps gain
/// in steps). Options: `costs` (`{ code: costPerPoint }` or `{ code: { costPerPoint?, cap? } }`: cost default 1, cap default
/// the points lost) and `basis` (`"high"`, the default: enough whatever the unknown scores
/// are; `"estimate"`; `"low"`). Points (gains, caps, costs per point) are framework points
/// (the scorecard's scale); the table is read in percentage points of the index.
///
/// @throws ParIndexError `UNKNOWN_CODE`, `INVALID_ARGUMENT`, the table's errors.
#[wasm_bindgen(unchecked_return_type = "PlanResult")]
pub fn plan(
    card: &Scorecard,
    table: &LeagueTable,
    #[wasm_bindgen(js_name = targetRank, unchecked_param_type = "number")] target_rank: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "PlanOptions")] options: JsValue,
) -> R<JsValue> {
    let target = js(convert::rank(&read(&target_rank), "targetRank", table.inner.of()))?;
    let o = js(Options::new(&read(&options), "options", &[], &["costs", "basis"], true))?;
    let costs = js(o.value::<Option<Costs>>("costs"))?.map(|c| c.0).unwrap_or_default();
    let basis = js(o.value::<Option<Basis>>("basis"))?.unwrap_or_default();
    // The planner's own checks on the costs (overlaps, nodes without points, the amounts
    // it plans with) are about `options.costs`.
    let names = [
        CARD[0],
        CARD[1],
        ("target_rank", "targetRank"),
        ("costs", "options.costs"),
        ("cost_per_point", "options.costs"),
        ("cap", "options.costs"),
        ("steps", "options.costs"),
        ("required", "options.costs"),
        ("basis", "options.basis"),
    ];
    out(&js_as(sim::plan(&card.inner, &table.inner, target, &costs, basis), &names)?)
}

// ---------------------------------------------------------------------------------------
// LeagueTable
// ---------------------------------------------------------------------------------------

/// A league table: one index, one year, `of` provinces ranked (63 until 2024), usually
/// with partial data. Scores are percent (0–100) as exact decimal strings. Ranks follow
/// the table's tie policy (default `"competition"`: ties share the rank, 1-2-2-4).
#[wasm_bindgen]
pub struct LeagueTable {
    pub(crate) inner: parindex::LeagueTable,
}

impl LeagueTable {
    pub(crate) fn wrap(inner: parindex::LeagueTable) -> LeagueTable {
        LeagueTable { inner }
    }
}

/// A framework table's options (the core's `CsvFrameworkOptions`: `{ id?, index?, nameVi?,
/// decision?, totalMaxPoints?, maxInputBytes? }`, with `{ sheet?, headerRow?, columns? }`
/// for a workbook) and the binding's `label` (default `default_label`).
fn framework_options(
    options: &JsValue,
    workbook: bool,
    default_label: &str,
) -> parindex::Result<(CsvFrameworkOptions, TableOptions, String)> {
    let table: &[&str] = if workbook { fields::<TableOptions>() } else { &[] };
    let o = Options::new(&read(options), "options", &[fields::<CsvFrameworkOptions>(), table], &["label"], true)?;
    let label = o.value::<Option<String>>("label")?.unwrap_or_else(|| default_label.into());
    Ok((o.part()?, o.table()?, label))
}

/// A league table's options: the core's `CsvTableOptions` (`{ index, year, scoreColumn?,
/// roster?, of?, decimals?, maxInputBytes? }`), the workbook keys `table` allows (`sheet`,
/// `headerRow`, `columns`), and the binding's `label`.
fn table_options_of(
    options: &JsValue,
    table: &[&str],
) -> parindex::Result<(CsvTableOptions, TableOptions, Option<String>)> {
    let o = Options::new(&read(options), "options", &[fields::<CsvTableOptions>(), table], &["label"], false)?;
    Ok((o.part()?, o.table()?, o.value("label")?))
}

/// Every problem of CSV `text` by `csv` (a loader's `validate_csv`), or, when `table` names
/// a header row or columns, of the core's `Table` read from it by `from_table`.
pub(crate) fn validated(
    text: &str,
    label: &str,
    table: &TableOptions,
    csv: impl FnOnce(&str, &str) -> Vec<Error>,
    from_table: impl FnOnce(&parindex::Table) -> Vec<Error>,
) -> Vec<Error> {
    if *table == TableOptions::default() {
        return csv(text, label);
    }
    match parindex::Table::from_csv(text, label, table) {
        Ok(t) => from_table(&t),
        Err(e) => vec![e],
    }
}

/// Errors as an array of `ParIndexError` objects (not thrown).
pub(crate) fn errors_array(errors: &[Error]) -> js_sys::Array {
    errors.iter().map(bridge::throwable).collect()
}

/// The workbook keys a CSV reader takes: the header row and the columns' roles.
const CSV_TABLE_KEYS: &[&str] = &["header_row", "columns"];

/// The core's argument names in reading a table (JS names).
const TABLE_NAMES: [(&str, &str); 3] =
    [("of", "options.of"), ("index", "options.index"), ("decimals", "options.decimals")];

/// The options of `simulate` and `exact`: the Monte Carlo's settings (the core's shape and
/// defaults) and whether to add the gain counts (`includeGainCounts`, JS only).
fn read_monte_carlo(options: &Js) -> parindex::Result<(MonteCarlo, bool)> {
    let mut options = options.clone();
    let gain_counts: Option<bool> = reader::input(&options.take("includeGainCounts"), "options.includeGainCounts")?;
    Ok((reader::input(&options, "options")?, gain_counts.unwrap_or(false)))
}

/// The core's argument names in a Monte Carlo or exact solution, as the options name them:
/// `options.gain` or `options.gains` (whichever was given), `options.model.values` for a
/// sample model's values, `options.model` for the other models' checks.
fn monte_carlo_names(options: &Js, mc: &MonteCarlo) -> Vec<(&'static str, &'static str)> {
    let gains = if options.get("gains").is_absent() { "options.gain" } else { "options.gains" };
    let changes = match mc.model {
        ChangeModel::Sample(_) => "options.model.values",
        _ => "options.model",
    };
    vec![
        ("target_rank", "options.targetRank"),
        ("scenarios", "options.scenarios"),
        ("gain", gains),
        ("gains", gains),
        ("value", gains),
        ("sd", "options.model.sd"),
        ("mean", "options.model.mean"),
        ("changes", changes),
        ("province", "options.province"),
    ]
}

/// The shape of a simulation for JS: with one planned gain, its `gain`, `pTarget` and
/// `rankQuantiles` up front; with several, these three are `null` (as Python raises for
/// them): the per-plan figures are in `plans`. Then every plan, the gains for 50% and 80%,
/// and the model.
fn simulation_js(s: &sim::Simulation, gain_counts: bool) -> parindex::Result<Js> {
    let mut full = convert::out(s)?;
    let plans = full.take("plans");
    let single = match &plans {
        Js::Arr(items) if items.len() == 1 => items.first().cloned(),
        _ => None,
    };
    let (gain, p_target, quantiles) = match &single {
        Some(plan) => (
            plan.get("gain").clone(),
            plan.get("pTarget").clone(),
            Js::obj([
                ("p05", plan.get("rankP05").clone()),
                ("p50", plan.get("rankP50").clone()),
                ("p95", plan.get("rankP95").clone()),
            ]),
        ),
        None => (Js::Null, Js::Null, Js::Null),
    };
    let mut result = Js::obj([
        ("province", full.take("province")),
        ("index", full.take("index")),
        ("year", full.take("year")),
        ("of", full.take("of")),
        ("targetRank", full.take("targetRank")),
        ("gain", gain),
        ("pTarget", p_target),
        ("rankQuantiles", quantiles),
        ("gainForP50", Js::opt_dec(s.gain_for_p50())),
        ("gainForP80", Js::opt_dec(s.gain_for_p80())),
        ("plans", plans),
    ]);
    let counts = full.take("gainCounts");
    if let Js::Obj(rest) = full {
        for (k, v) in rest {
            result.set(&k, v);
        }
    }
    if gain_counts {
        result.set("gainCounts", counts);
    }
    Ok(result)
}

#[wasm_bindgen]
impl LeagueTable {
    /// Read a league table from CSV text: one row per province (and year), columns
    /// `province`, a score column (percent; decimal comma accepted), `rank`, optionally
    /// `year`, `source_url`, `rank_basis`, `note` (Vietnamese headers accepted). Empty cells
    /// are unknowns.
    ///
    /// @param options - `{ index, year, label?, scoreColumn?, roster?, of?, decimals?,
    ///   headerRow?, columns? }`; `label` names the input in errors (default `"table.csv"`);
    ///   `decimals`: the decimal places compared when ranking (default: the values as given,
    ///   at least 2); `roster`: `"provinces"`, `"units_2025"` or `"open"`; `headerRow` and
    ///   `columns` (role → header) as `fromExcel`, for headers the alias table does not know.
    /// @throws ParIndexError `MISSING_FIELD`, `INVALID_NUMBER`, `UNKNOWN_PROVINCE`,
    ///   `DUPLICATE_PROVINCE`, `INVALID_RANK`, `ABOVE_MAX`, `NEGATIVE`, `MALFORMED` — with
    ///   `file`, `row`, `column`; `NOT_FOUND` when no row has the year.
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_param_type = "TableOptions & CsvColumnsOptions")] options: JsValue,
    ) -> R<LeagueTable> {
        let text = text_arg(&text, "text")?;
        let (options, table_options, label) = js(table_options_of(&options, CSV_TABLE_KEYS))?;
        let label = label.unwrap_or_else(|| "table.csv".to_string());
        let table = if table_options == TableOptions::default() {
            parindex::LeagueTable::from_csv(&text, &label, &options)
        } else {
            // Headers the alias table does not know: through the core's `Table`, as Python.
            parindex::Table::from_csv(&text, &label, &table_options)
                .and_then(|t| parindex::LeagueTable::from_table(&t, &options))
        };
        bridge::js_in(table.map_err(|e| crate::error::renamed(e, &TABLE_NAMES)), &label).map(LeagueTable::wrap)
    }

    /// Read a league table from a worksheet of an Excel or OpenDocument workbook (.xlsx,
    /// .xlsm, .xls, .ods): the layout of `fromCsv`, found under any title rows; numbers
    /// stored as numbers, as text with a decimal comma, or as formulas.
    ///
    /// @param bytes - the workbook (`Uint8Array`, `ArrayBuffer`).
    /// @param options - `fromCsv`'s options plus `{ sheet?, headerRow?, columns? }`: `sheet`
    ///   name or position (first = 0, default the first), `headerRow` (default: the first
    ///   row with a recognised header), `columns` role → header (`province`, `score`,
    ///   `rank`, `year`, `source`, `note`, `rankBasis`); `label` default `"table.xlsx"`.
    /// @throws ParIndexError as `fromCsv`, with `sheet` and `cell`; `MALFORMED` for bytes that
    ///   are not a workbook; `NOT_FOUND` for a missing sheet; `UNKNOWN_COLUMN`.
    #[wasm_bindgen(js_name = fromExcel)]
    pub fn from_excel(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
        #[wasm_bindgen(unchecked_param_type = "TableOptions & ExcelOptions")] options: JsValue,
    ) -> R<LeagueTable> {
        let bytes = bridge::bytes_arg(&bytes, "bytes")?;
        let (options, table_options, label) = js(table_options_of(&options, fields::<TableOptions>()))?;
        let label = label.unwrap_or_else(|| "table.xlsx".to_string());
        let table = js(parindex::Table::from_workbook(&bytes, &label, &table_options))?;
        js_as(parindex::LeagueTable::from_table(&table, &options), &TABLE_NAMES).map(LeagueTable::wrap)
    }

    /// Build a table from entries `{ province, score?, rank?, rankBasis?, source?, note?, row? }`.
    ///
    /// @param options - `{ index, year, label?, roster?, of? }`.
    /// @throws ParIndexError as `fromCsv`, naming the entry.
    #[wasm_bindgen(js_name = fromEntries)]
    pub fn from_entries(
        #[wasm_bindgen(unchecked_param_type = "EntryInput[]")] entries: JsValue,
        #[wasm_bindgen(unchecked_param_type = "TableOptions")] options: JsValue,
    ) -> R<LeagueTable> {
        let entries: Vec<EntryInput> = js(reader::input(&read(&entries), "entries"))?;
        let (options, _, label) = js(table_options_of(&options, &[]))?;
        js_as(parindex::LeagueTable::from_entries(entries, &options, label.as_deref()), &TABLE_NAMES)
            .map(LeagueTable::wrap)
    }

    /// Every problem of a league table's CSV at once (the core's `validate_csv`; with
    /// `headerRow` or `columns`, `validate_table`): an array of `ParIndexError` objects, each
    /// with its `row`, `column` and `details`, not thrown; empty when the text loads.
    ///
    /// @param options - as `fromCsv`.
    #[wasm_bindgen(unchecked_return_type = "ParIndexError[]")]
    pub fn validate(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_param_type = "TableOptions & CsvColumnsOptions")] options: JsValue,
    ) -> R<js_sys::Array> {
        let text = text_arg(&text, "text")?;
        let (options, table_options, label) = js(table_options_of(&options, CSV_TABLE_KEYS))?;
        let label = label.unwrap_or_else(|| "table.csv".to_string());
        Ok(errors_array(&validated(
            &text,
            &label,
            &table_options,
            |t, l| parindex::LeagueTable::validate_csv(t, l, &options),
            |t| parindex::LeagueTable::validate_table(t, &options),
        )))
    }

    /// The index: `"par"`, `"sipas"` or a custom name.
    #[wasm_bindgen(getter)]
    pub fn index(&self) -> String {
        self.inner.index().to_string()
    }

    /// The assessment year.
    #[wasm_bindgen(getter)]
    pub fn year(&self) -> u16 {
        self.inner.year()
    }

    /// How many provinces (or units) are ranked: 63 until 2024, 34 from 2025.
    #[wasm_bindgen(getter)]
    pub fn of(&self) -> u32 {
        self.inner.of()
    }

    /// Who is ranked: `"provinces"`, `"units_2025"` or `"open"` (the core's and Python's value).
    #[wasm_bindgen(getter)]
    pub fn roster(&self) -> String {
        match self.inner.roster() {
            Roster::Provinces => "provinces",
            Roster::Units2025 => "units_2025",
            Roster::Open => "open",
        }
        .to_string()
    }

    /// The tie policy: `"competition"` (default), `"dense"` or `"unrounded"`.
    #[wasm_bindgen(getter, js_name = tiePolicy)]
    pub fn tie_policy(&self) -> String {
        self.inner.tie_policy().as_str().to_string()
    }

    /// Decimal places compared when ranking: 2 for published tables, the values as given
    /// (or `options.decimals`) for tables built from values.
    #[wasm_bindgen(getter)]
    pub fn decimals(&self) -> u32 {
        self.inner.decimals()
    }

    /// The file or label the table was read from, or `null`.
    #[wasm_bindgen(getter, unchecked_return_type = "string | null")]
    pub fn label(&self) -> JsValue {
        self.inner.label().map_or(JsValue::NULL, JsValue::from_str)
    }

    /// The same table under another tie policy (`"competition"`, `"dense"`, `"unrounded"`).
    ///
    /// @throws ParIndexError `INVALID_ARGUMENT` for another name.
    #[wasm_bindgen(js_name = withTiePolicy)]
    pub fn with_tie_policy(
        &self,
        #[wasm_bindgen(unchecked_param_type = "TiePolicyName")] policy: JsValue,
    ) -> R<LeagueTable> {
        let policy = js_as(TiePolicy::parse(&text_arg(&policy, "policy")?), &[("tie_policy", "policy")])?;
        Ok(LeagueTable::wrap(self.inner.with_tie_policy(policy)))
    }

    /// The canonical name of a province (any spelling: `"Lang Son"`, `"TP.HCM"`).
    ///
    /// @throws ParIndexError `UNKNOWN_PROVINCE`.
    pub fn canonical(&self, #[wasm_bindgen(unchecked_param_type = "string")] province: JsValue) -> R<String> {
        js(self.inner.canonical(&text_arg(&province, "province")?))
    }

    /// The published rank, or `null` when not published (see `rankBounds`).
    ///
    /// @throws ParIndexError `UNKNOWN_PROVINCE`.
    #[wasm_bindgen(unchecked_return_type = "number | null")]
    pub fn rank(&self, #[wasm_bindgen(unchecked_param_type = "string")] province: JsValue) -> R<JsValue> {
        let r = js(self.inner.rank(&text_arg(&province, "province")?))?;
        write(&Js::opt_int(r.map(u64::from)))
    }

    /// The published score in percent as an exact decimal string (`"85.94"`), or `null`
    /// when not published (see `scoreBounds`).
    ///
    /// @throws ParIndexError `UNKNOWN_PROVINCE`.
    #[wasm_bindgen(unchecked_return_type = "DecimalString | null")]
    pub fn score(&self, #[wasm_bindgen(unchecked_param_type = "string")] province: JsValue) -> R<JsValue> {
        let s = js(self.inner.score(&text_arg(&province, "province")?))?;
        write(&Js::opt_dec(s))
    }

    /// The band (nhóm) of the published score: `"A"` (≥ 90%), `"B"` (80 to < 90%), `"C"`
    /// (70 to < 80%), `"below C"`; `null` when the score is not published.
    ///
    /// @throws ParIndexError `UNKNOWN_PROVINCE`.
    #[wasm_bindgen(unchecked_return_type = "BandName | null")]
    pub fn band(&self, #[wasm_bindgen(unchecked_param_type = "string")] province: JsValue) -> R<JsValue> {
        let b = js(self.inner.band(&text_arg(&province, "province")?))?;
        write(&b.map_or(Js::Null, |b| Js::str(b.as_str())))
    }

    /// Bounds on a score (percent): exact when published; between the nearest known
    /// neighbours for a province with a rank only; with an interpolated estimate.
    ///
    /// @throws ParIndexError `UNKNOWN_PROVINCE`.
    #[wasm_bindgen(js_name = scoreBounds, unchecked_return_type = "ScoreBounds")]
    pub fn score_bounds(&self, #[wasm_bindgen(unchecked_param_type = "string")] province: JsValue) -> R<JsValue> {
        out(&js(self.inner.score_bounds(&text_arg(&province, "province")?))?)
    }

    /// Bounds on a rank `{ best, worst, estimate }`: exact when published.
    ///
    /// @throws ParIndexError `UNKNOWN_PROVINCE`.
    #[wasm_bindgen(js_name = rankBounds, unchecked_return_type = "RankBounds")]
    pub fn rank_bounds(&self, #[wasm_bindgen(unchecked_param_type = "string")] province: JsValue) -> R<JsValue> {
        out(&js(self.inner.rank_bounds(&text_arg(&province, "province")?))?)
    }

    /// The rank a province would have with `score` (percent, 0–100), everyone else as published.
    ///
    /// @throws ParIndexError `UNKNOWN_PROVINCE`, `NOT_FOUND`, `INVALID_ARGUMENT` (score
    ///   outside 0–100 or not a decimal), `UNSUPPORTED` (dense ties on a partial table).
    #[wasm_bindgen(js_name = rankIf, unchecked_return_type = "RankBounds")]
    pub fn rank_if(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] province: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DecimalInput")] score: JsValue,
    ) -> R<JsValue> {
        let province = text_arg(&province, "province")?;
        let score = js(convert::decimal(&read(&score), "score"))?;
        out(&js(self.inner.rank_if(&province, score))?)
    }

    /// The rank after gaining `gain` percentage points (negative: losing), capped to 0–100,
    /// everyone else as published.
    ///
    /// @throws ParIndexError as `rankIf`; `NOT_FOUND` when the province's score is not published.
    #[wasm_bindgen(js_name = rankWithGain, unchecked_return_type = "RankBounds")]
    pub fn rank_with_gain(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] province: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DecimalInput")] gain: JsValue,
    ) -> R<JsValue> {
        let province = text_arg(&province, "province")?;
        let gain = js(convert::decimal(&read(&gain), "gain"))?;
        out(&js(self.inner.rank_with_gain(&province, gain))?)
    }

    /// The least percentage points to gain to rank ≤ `targetRank`, everyone else as published:
    /// `{ low, high, estimate }` (low: unknown competitors as weak as the data allow; high:
    /// enough whatever they are). Lạng Sơn PAR 2023 to #30: `{ low: "1.10", high: "1.38", … }`.
    ///
    /// @throws ParIndexError `INVALID_ARGUMENT` (`targetRank` not a whole number 1..=of),
    ///   `UNKNOWN_PROVINCE`, `NOT_FOUND`, `UNSUPPORTED`.
    #[wasm_bindgen(js_name = pointsToRank, unchecked_return_type = "PointsNeeded")]
    pub fn points_to_rank(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] province: JsValue,
        #[wasm_bindgen(js_name = targetRank, unchecked_param_type = "number")] target_rank: JsValue,
    ) -> R<JsValue> {
        let province = text_arg(&province, "province")?;
        let target = js(convert::rank(&read(&target_rank), "targetRank", self.inner.of()))?;
        out(&js_as(self.inner.points_to_rank(&province, target), &[("target_rank", "targetRank")])?)
    }

    /// The score (percent) needed to rank ≤ `targetRank`, as `{ low, high, estimate, known }`.
    ///
    /// @throws ParIndexError as `pointsToRank`.
    #[wasm_bindgen(js_name = scoreToRank, unchecked_return_type = "ScoreBounds")]
    pub fn score_to_rank(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] province: JsValue,
        #[wasm_bindgen(js_name = targetRank, unchecked_param_type = "number")] target_rank: JsValue,
    ) -> R<JsValue> {
        let province = text_arg(&province, "province")?;
        let target = js(convert::rank(&read(&target_rank), "targetRank", self.inner.of()))?;
        out(&js_as(self.inner.score_to_rank(&province, target), &[("target_rank", "targetRank")])?)
    }

    /// Inconsistencies found in the data (scores against rank order, shared ranks with
    /// different scores, conflicts flagged by sources): `{ kind, message, codes, provinces,
    /// rows, file }`. Published data contain slips: they are reported, never resolved silently.
    #[wasm_bindgen(unchecked_return_type = "Problem[]")]
    pub fn problems(&self) -> R<JsValue> {
        out(self.inner.problems())
    }

    /// One row per province of the roster (63), in rank order where known: published
    /// score and rank, bounds and estimates, band, region, source.
    #[wasm_bindgen(unchecked_return_type = "TableRow[]")]
    pub fn rows(&self) -> R<JsValue> {
        out(&self.inner.rows())
    }

    /// The published entries, in input order.
    #[wasm_bindgen(unchecked_return_type = "Entry[]")]
    pub fn entries(&self) -> R<JsValue> {
        out(self.inner.entries())
    }

    /// Mean known score per socio-economic region (over the known scores only).
    #[wasm_bindgen(js_name = regionalAverages, unchecked_return_type = "RegionalAverage[]")]
    pub fn regional_averages(&self) -> R<JsValue> {
        out(&self.inner.regional_averages())
    }

    /// The table as CSV (`year,province,score,rank,rank_basis,source,note`).
    #[wasm_bindgen(js_name = toCsv)]
    pub fn to_csv(&self) -> R<String> {
        js(self.inner.to_csv())
    }

    /// A one-line summary, e.g. `Lạng Sơn: 85.94% (#47 of 63, band B)`.
    ///
    /// @throws ParIndexError `UNKNOWN_PROVINCE`.
    pub fn describe(&self, #[wasm_bindgen(unchecked_param_type = "string")] province: JsValue) -> R<String> {
        js(self.inner.describe(&text_arg(&province, "province")?))
    }

    /// Compare a scorecard's index with this table's published score for its province:
    /// a difference at 2 decimals is returned as a problem.
    #[wasm_bindgen(js_name = checkScorecard, unchecked_return_type = "Problem[]")]
    pub fn check_scorecard(&self, card: &Scorecard) -> R<JsValue> {
        out(&js(self.inner.check_scorecard(&card.inner))?)
    }

    /// Monte Carlo of next year's ranking: each competitor moves by a change drawn from
    /// the model (default: the published year-over-year changes under the same
    /// methodology), the province by its planned gain (percentage points). With one
    /// planned gain, returns its `pTarget` (P(rank ≤ targetRank), 0–1) and `rankQuantiles`
    /// up front; with several, these are `null` and each gain's are in `plans`. Also the
    /// least gains for P ≥ 50% and 80%, and the model used (with its `warnings`). The same
    /// seed gives the same numbers as the Rust and Python libraries.
    ///
    /// With one `gain`, the result's `gain`, `pTarget` and `rankQuantiles` are set; with
    /// `gains`, they are `null` and each gain's figures are in `plans`.
    ///
    /// @param options - `{ province, gain | gains, targetRank, scenarios? (100000),
    ///   seed? (7), model?, includeGainCounts? }`.
    /// @throws ParIndexError `INVALID_ARGUMENT` (`options.scenarios` outside 1..=10⁸, no
    ///   gain, a gain beyond ±100, `options.targetRank` not a rank 1..=of),
    ///   `UNKNOWN_PROVINCE`, `NOT_FOUND`, `UNSUPPORTED`.
    #[wasm_bindgen(unchecked_return_type = "SimulationResult")]
    pub fn simulate(&self, #[wasm_bindgen(unchecked_param_type = "SimulateOptions")] options: JsValue) -> R<JsValue> {
        let options = read(&options);
        let (mc, gain_counts) = js(read_monte_carlo(&options))?;
        let result = js_as(sim::simulate(&self.inner, &mc), &monte_carlo_names(&options, &mc))?;
        write(&js(simulation_js(&result, gain_counts))?)
    }

    /// The Monte Carlo's model solved exactly, without sampling: competitors move
    /// independently, so the number ending above the province follows a Poisson-binomial
    /// distribution. Same options as `simulate` (`scenarios`, `seed` and
    /// `includeGainCounts` are checked and have no effect). Returns one plan per gain
    /// (`gain`, `pTarget` = P(rank ≤ targetRank) 0–1, `rankProbabilities`: P(rank = r) at
    /// index r − 1) and the least gains (percentage points) for P ≥ 50% and 80%; the
    /// simulation's figures converge to these.
    ///
    /// @throws ParIndexError as `simulate`; `UNSUPPORTED` when the province's own score is
    ///   not published, or the table is compared at more than 2 decimals (the model counts
    ///   in hundredths: build such a table with `decimals: 2`).
    #[wasm_bindgen(unchecked_return_type = "ExactOutcome")]
    pub fn exact(&self, #[wasm_bindgen(unchecked_param_type = "SimulateOptions")] options: JsValue) -> R<JsValue> {
        let options = read(&options);
        let (mc, _) = js(read_monte_carlo(&options))?;
        out(&js_as(sim::exact(&self.inner, &mc), &monte_carlo_names(&options, &mc))?)
    }

    /// What-if scenarios on `card` ranked against this table (see the `whatIf` function).
    #[wasm_bindgen(js_name = whatIf, unchecked_return_type = "WhatIfRow[]")]
    pub fn what_if(
        &self,
        card: &Scorecard,
        #[wasm_bindgen(unchecked_param_type = "Scenarios")] scenarios: JsValue,
    ) -> R<JsValue> {
        let scenarios = js(reader::input::<Scenarios>(&read(&scenarios), "scenarios"))?.0;
        out(&what_if_rows(&js_as(sim::what_if(&card.inner, Some(&self.inner), &scenarios), &WHAT_IF_NAMES)?))
    }

    /// The rank-gain table of `card` against this table (see the `rankGain` function).
    #[wasm_bindgen(js_name = rankGain, unchecked_return_type = "GainTable")]
    pub fn rank_gain(
        &self,
        card: &Scorecard,
        #[wasm_bindgen(js_name = targetRank, unchecked_optional_param_type = "number")] target_rank: JsValue,
    ) -> R<JsValue> {
        rank_gain(card, self, target_rank)
    }
}

// ---------------------------------------------------------------------------------------
// Framework
// ---------------------------------------------------------------------------------------

/// A methodology (bộ chỉ số) as data: fields (lĩnh vực), criteria (tiêu chí) and
/// sub-criteria (tiêu chí thành phần) with their max points, second groupings over the same
/// points (the PAR components: appraised 61.5, socio-economic 6.5, leaders' survey 22,
/// SIPAS 10 in 876/QĐ-BNV), constraints on unknown maxima, and the decision that sets it.
/// Max points are decimal strings; an unknown max is absent, never guessed.
#[wasm_bindgen]
pub struct Framework {
    pub(crate) inner: Arc<parindex::Framework>,
}

fn read_code(v: &JsValue, name: &str) -> R<String> {
    text_arg(v, name)
}

#[wasm_bindgen]
impl Framework {
    /// A built-in framework by id (see `frameworkIds()`).
    ///
    /// @throws ParIndexError `NOT_FOUND`.
    pub fn builtin(#[wasm_bindgen(unchecked_param_type = "string")] id: JsValue) -> R<Framework> {
        let fw = js(framework::builtin(&text_arg(&id, "id")?))?;
        Ok(Framework { inner: Arc::new(fw.clone()) })
    }

    /// The built-in framework for an index and assessment year (PAR 2023 → `par-2022`,
    /// 876/QĐ-BNV).
    ///
    /// @throws ParIndexError `NOT_FOUND` when no built-in framework covers the year.
    #[wasm_bindgen(js_name = forYear)]
    pub fn for_year(
        #[wasm_bindgen(unchecked_param_type = "IndexName")] index: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] year: JsValue,
    ) -> R<Framework> {
        let index = js(convert::index_kind(&read(&index), "index"))?;
        let year = js(convert::year(&read(&year), "year"))?;
        let fw = js(framework::for_year(&index, year))?;
        Ok(Framework { inner: Arc::new(fw.clone()) })
    }

    /// Read a framework from JSON text (the layout of the built-in files) and validate it.
    ///
    /// @throws ParIndexError `MALFORMED` (with the line as `row`), `FRAMEWORK`, `DUPLICATE_CODE`.
    #[wasm_bindgen(js_name = fromJson)]
    pub fn from_json(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] label: JsValue,
    ) -> R<Framework> {
        let text = text_arg(&text, "text")?;
        let label = js(convert::opt_string(&read(&label), "label"))?.unwrap_or_else(|| "framework.json".into());
        Ok(Framework { inner: Arc::new(js(parindex::Framework::from_json(&text, &label))?) })
    }

    /// Read a framework from CSV in the official table layout (STT/code | name | max points
    /// | method | rule …; Vietnamese or English headers).
    ///
    /// @param options - `{ id?, index?, nameVi?, decision?, totalMaxPoints?, label? }`.
    /// @throws ParIndexError `MISSING_FIELD`, `INVALID_NUMBER`, `FRAMEWORK`, `DUPLICATE_CODE`, …
    ///   with `file`, `row`, `code`.
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "FrameworkCsvOptions")] options: JsValue,
    ) -> R<Framework> {
        let text = text_arg(&text, "text")?;
        let (opts, _, label) = js(framework_options(&options, false, "framework.csv"))?;
        Ok(Framework { inner: Arc::new(js(parindex::Framework::from_csv(&text, &label, &opts))?) })
    }

    /// Every problem of a framework table's CSV at once (the core's `validate_csv`): an array
    /// of `ParIndexError` objects with their `row` and `code`, not thrown; empty when it loads.
    ///
    /// @param options - as `fromCsv`.
    #[wasm_bindgen(unchecked_return_type = "ParIndexError[]")]
    pub fn validate(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "FrameworkCsvOptions")] options: JsValue,
    ) -> R<js_sys::Array> {
        let text = text_arg(&text, "text")?;
        let (opts, _, label) = js(framework_options(&options, false, "framework.csv"))?;
        Ok(errors_array(&parindex::Framework::validate_csv(&text, &label, &opts)))
    }

    /// Read a framework from a worksheet of an Excel or OpenDocument workbook, in the
    /// layout of `fromCsv` (a `Tổng` row declares the total), found under any title rows.
    ///
    /// @param bytes - the workbook (`Uint8Array`, `ArrayBuffer`).
    /// @param options - `fromCsv`'s options plus `{ sheet?, headerRow?, columns? }` (roles
    ///   `code`, `name`, `nameEn`, `maxPoints`, `method`, `rule`, `status`, `source`,
    ///   `note`); `label` default `"framework.xlsx"`.
    /// @throws ParIndexError as `fromCsv`, with `sheet` and `cell`; `NOT_FOUND`, `UNKNOWN_COLUMN`.
    #[wasm_bindgen(js_name = fromExcel)]
    pub fn from_excel(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "FrameworkCsvOptions & ExcelOptions")] options: JsValue,
    ) -> R<Framework> {
        let bytes = bridge::bytes_arg(&bytes, "bytes")?;
        let (opts, table_options, label) = js(framework_options(&options, true, "framework.xlsx"))?;
        let table = js(parindex::Table::from_workbook(&bytes, &label, &table_options))?;
        Ok(Framework { inner: Arc::new(js(parindex::Framework::from_table(&table, &opts))?) })
    }

    /// Identifier, e.g. `par-2022`.
    #[wasm_bindgen(getter)]
    pub fn id(&self) -> String {
        self.inner.id.clone()
    }

    /// The index: `"par"`, `"sipas"` or a custom name.
    #[wasm_bindgen(getter)]
    pub fn index(&self) -> String {
        self.inner.index.to_string()
    }

    /// Vietnamese name.
    #[wasm_bindgen(getter, js_name = nameVi)]
    pub fn name_vi(&self) -> String {
        self.inner.name_vi.clone()
    }

    /// English name.
    #[wasm_bindgen(getter, js_name = nameEn)]
    pub fn name_en(&self) -> String {
        self.inner.name_en.clone()
    }

    /// The decision that sets the methodology, e.g. `876/QĐ-BNV`.
    #[wasm_bindgen(getter)]
    pub fn decision(&self) -> String {
        self.inner.decision.clone()
    }

    /// Declared total max points (`"100"` for the PAR INDEX), or `null` (SIPAS is a percentage).
    #[wasm_bindgen(getter, js_name = totalMaxPoints, unchecked_return_type = "DecimalString | null")]
    pub fn total_max_points(&self) -> JsValue {
        self.inner.total_max_points.map_or(JsValue::NULL, |d| JsValue::from_str(&d.to_string()))
    }

    /// Everything about the framework as one object (the JSON layout, camelCase keys).
    #[wasm_bindgen(js_name = toObject, unchecked_return_type = "FrameworkObject")]
    pub fn to_object(&self) -> R<JsValue> {
        out(&*self.inner)
    }

    /// The framework as pretty JSON, readable back by `Framework.fromJson`.
    #[wasm_bindgen(js_name = toJson)]
    pub fn to_json(&self) -> R<String> {
        js(self.inner.to_json())
    }

    /// The framework as CSV in the official table layout.
    #[wasm_bindgen(js_name = toCsv)]
    pub fn to_csv(&self) -> R<String> {
        js(self.inner.to_csv())
    }

    /// The primary hierarchy, parents before children, in published order.
    #[wasm_bindgen(unchecked_return_type = "FrameworkNode[]")]
    pub fn nodes(&self) -> R<JsValue> {
        out(self.inner.nodes())
    }

    /// The leaves of the primary hierarchy, in order.
    #[wasm_bindgen(unchecked_return_type = "FrameworkNode[]")]
    pub fn leaves(&self) -> R<JsValue> {
        out(&self.inner.leaves())
    }

    /// Codes of the leaves (for SIPAS frameworks: the survey item codes).
    #[wasm_bindgen(js_name = leafCodes, unchecked_return_type = "string[]")]
    pub fn leaf_codes(&self) -> R<JsValue> {
        out(&self.inner.leaf_codes())
    }

    /// The direct children of `code` (default: the fields, children of the total).
    #[wasm_bindgen(unchecked_return_type = "FrameworkNode[]")]
    pub fn children(&self, #[wasm_bindgen(unchecked_optional_param_type = "string")] code: JsValue) -> R<JsValue> {
        let code = js(convert::opt_string(&read(&code), "code"))?.unwrap_or_else(|| framework::TOTAL.to_string());
        out(&self.inner.children(&code))
    }

    /// Second groupings over the same points (e.g. `component`).
    #[wasm_bindgen(unchecked_return_type = "Grouping[]")]
    pub fn groupings(&self) -> R<JsValue> {
        out(self.inner.groupings())
    }

    /// Constraints on maxima not known one by one (e.g. fields 2 + 6 + 7 = 35.5).
    #[wasm_bindgen(unchecked_return_type = "Constraint[]")]
    pub fn constraints(&self) -> R<JsValue> {
        out(self.inner.constraints())
    }

    /// The max points of any node (`"total"`, a field, criterion, or group node) as a
    /// decimal string, or `null` when unknown.
    ///
    /// @throws ParIndexError `UNKNOWN_CODE`.
    #[wasm_bindgen(js_name = maxPoints, unchecked_return_type = "DecimalString | null")]
    pub fn max_points(&self, #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue) -> R<JsValue> {
        let m = js(self.inner.max_points(&read_code(&code, "code")?))?;
        write(&Js::opt_dec(m))
    }
}

// ---------------------------------------------------------------------------------------
// Scorecard
// ---------------------------------------------------------------------------------------

/// One province's points on a framework, at any node (leaf, criterion, field, component,
/// or only the total). Parents are summed from children; a single missing child is implied
/// by arithmetic; disagreements are reported as problems, never corrected. Points are
/// decimal strings; indices percent.
#[wasm_bindgen]
pub struct Scorecard {
    pub(crate) inner: parindex::Scorecard,
}

#[wasm_bindgen]
impl Scorecard {
    /// An empty scorecard for `province` on `framework` (province names are canonicalised
    /// when they match one of the 63).
    ///
    /// @param year - the assessment year, optional.
    #[wasm_bindgen(constructor)]
    pub fn new(
        framework: &Framework,
        #[wasm_bindgen(unchecked_param_type = "string")] province: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "number")] year: JsValue,
    ) -> R<Scorecard> {
        let province = text_arg(&province, "province")?;
        let year = js(convert::opt_year(&read(&year), "year"))?;
        let card = parindex::Scorecard::new(Arc::clone(&framework.inner), &province);
        Ok(Scorecard {
            inner: match year {
                Some(y) => card.with_year(y),
                None => card,
            },
        })
    }

    /// A scorecard from points: `{ "1": "9.5", "3": 12.99, total: "86.89" }`.
    ///
    /// @throws ParIndexError `UNKNOWN_CODE`, `NEGATIVE`, `ABOVE_MAX` (with `code`).
    #[wasm_bindgen(js_name = fromPoints)]
    pub fn from_points(
        framework: &Framework,
        #[wasm_bindgen(unchecked_param_type = "string")] province: JsValue,
        #[wasm_bindgen(unchecked_param_type = "PointsInput")] points: JsValue,
    ) -> R<Scorecard> {
        let province = text_arg(&province, "province")?;
        let points = js(reader::input::<Points>(&read(&points), "points"))?.0;
        let card = js(parindex::Scorecard::from_points(
            Arc::clone(&framework.inner),
            &province,
            points.iter().map(|(c, p)| (c.as_str(), *p)),
        ))?;
        Ok(Scorecard { inner: card })
    }

    /// Read a scorecard from CSV (columns `code`, `points`, optionally `province`, `year`,
    /// `max_points`; rows filtered to the province and year).
    ///
    /// @param options - `{ year?, label?, headerRow?, columns? }` (`columns`: role → header for
    ///   headers the alias table does not know, roles as `fromExcel`; `headerRow` default 1).
    /// @throws ParIndexError `MISSING_FIELD`, `INVALID_NUMBER`, `UNKNOWN_CODE`, `NEGATIVE`,
    ///   `ABOVE_MAX`, `DUPLICATE_CODE` with `file`, `row`, `code`; `NOT_FOUND` when no row matches.
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        framework: &Framework,
        #[wasm_bindgen(unchecked_param_type = "string")] province: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ScorecardOptions & CsvColumnsOptions")] options: JsValue,
    ) -> R<Scorecard> {
        let text = text_arg(&text, "text")?;
        let province = text_arg(&province, "province")?;
        let o = js(Options::new(&read(&options), "options", &[CSV_TABLE_KEYS], &["year", "label"], true))?;
        let year: Option<u16> = js(o.value("year"))?;
        let label = js(o.value::<Option<String>>("label"))?.unwrap_or_else(|| "scorecard.csv".into());
        let table_options = js(o.table())?;
        let fw = Arc::clone(&framework.inner);
        let card = if table_options == TableOptions::default() {
            parindex::Scorecard::from_csv(&text, &label, fw, &province, year)
        } else {
            // Headers the alias table does not know: through the core's `Table`, as Python.
            parindex::Table::from_csv(&text, &label, &table_options)
                .and_then(|t| parindex::Scorecard::from_table(&t, fw, &province, year))
        };
        let card = bridge::js_in(card, &label)?;
        Ok(Scorecard { inner: card })
    }

    /// Every problem of a scorecard's CSV at once (the core's `validate_csv`; with `headerRow`
    /// or `columns`, `validate_table`): an array of `ParIndexError` objects with their `row`
    /// and `code`, not thrown; empty when it loads.
    ///
    /// @param options - as `fromCsv`.
    #[wasm_bindgen(unchecked_return_type = "ParIndexError[]")]
    pub fn validate(
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
        framework: &Framework,
        #[wasm_bindgen(unchecked_param_type = "string")] province: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ScorecardOptions & CsvColumnsOptions")] options: JsValue,
    ) -> R<js_sys::Array> {
        let text = text_arg(&text, "text")?;
        let province = text_arg(&province, "province")?;
        let o = js(Options::new(&read(&options), "options", &[CSV_TABLE_KEYS], &["year", "label"], true))?;
        let year: Option<u16> = js(o.value("year"))?;
        let label = js(o.value::<Option<String>>("label"))?.unwrap_or_else(|| "scorecard.csv".into());
        let table_options = js(o.table())?;
        let fw = &framework.inner;
        Ok(errors_array(&validated(
            &text,
            &label,
            &table_options,
            |t, l| parindex::Scorecard::validate_csv(t, l, Arc::clone(fw), &province, year),
            |t| parindex::Scorecard::validate_table(t, Arc::clone(fw), &province, year),
        )))
    }

    /// Read a scorecard from a worksheet of an Excel or OpenDocument workbook, in the layout
    /// of `fromCsv` (a `Tổng` row gives the total), found under any title rows.
    ///
    /// @param bytes - the workbook (`Uint8Array`, `ArrayBuffer`).
    /// @param options - `{ year?, label?, sheet?, headerRow?, columns? }` (roles `code`,
    ///   `points`, `province`, `year`, `maxPoints`, `name`); `label` default `"scorecard.xlsx"`.
    /// @throws ParIndexError as `fromCsv`, with `sheet` and `cell`; `NOT_FOUND`, `UNKNOWN_COLUMN`.
    #[wasm_bindgen(js_name = fromExcel)]
    pub fn from_excel(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | ArrayBuffer")] bytes: JsValue,
        framework: &Framework,
        #[wasm_bindgen(unchecked_param_type = "string")] province: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ScorecardOptions & ExcelOptions")] options: JsValue,
    ) -> R<Scorecard> {
        let bytes = bridge::bytes_arg(&bytes, "bytes")?;
        let province = text_arg(&province, "province")?;
        let o = js(Options::new(&read(&options), "options", &[fields::<TableOptions>()], &["year", "label"], true))?;
        let table_options = js(o.table())?;
        let year: Option<u16> = js(o.value("year"))?;
        let label = js(o.value::<Option<String>>("label"))?.unwrap_or_else(|| "scorecard.xlsx".into());
        let table = js(parindex::Table::from_workbook(&bytes, &label, &table_options))?;
        let card = js(parindex::Scorecard::from_table(&table, Arc::clone(&framework.inner), &province, year))?;
        Ok(Scorecard { inner: card })
    }

    /// The province (canonical name when it is one of the 63).
    #[wasm_bindgen(getter)]
    pub fn province(&self) -> String {
        self.inner.province().to_string()
    }

    /// The assessment year, or `null` when not given.
    #[wasm_bindgen(getter, unchecked_return_type = "number | null")]
    pub fn year(&self) -> JsValue {
        self.inner.year().map_or(JsValue::NULL, |y| JsValue::from_f64(f64::from(y)))
    }

    /// The framework.
    #[wasm_bindgen(getter)]
    pub fn framework(&self) -> Framework {
        Framework { inner: self.inner.framework_arc() }
    }

    /// Set the points at a node (replacing any earlier value there). On error the
    /// scorecard is unchanged.
    ///
    /// @throws ParIndexError `UNKNOWN_CODE`, `NEGATIVE`, `ABOVE_MAX` (also when a constraint
    ///   such as fields 2 + 6 + 7 ≤ 35.5 would be exceeded).
    pub fn set(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DecimalInput")] points: JsValue,
    ) -> R<()> {
        let code = read_code(&code, "code")?;
        let points = js(convert::decimal(&read(&points), "points"))?;
        js(self.inner.set(&code, points))
    }

    /// Set a leaf's points from a measured input through its scoring rule: `true`/`false`
    /// (boolean rule), a level name (levels rule), a number or `{ value }` (bands,
    /// proportional). Returns the points (decimal string).
    ///
    /// @throws ParIndexError `UNKNOWN_CODE`, `RULE`, then as `set`.
    #[wasm_bindgen(js_name = setMeasure)]
    pub fn set_measure(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
        #[wasm_bindgen(unchecked_param_type = "MeasureInput")] measure: JsValue,
    ) -> R<String> {
        let code = read_code(&code, "code")?;
        let measure: Measure = js(reader::input(&read(&measure), "measure"))?;
        js(self.inner.set_measure(&code, &measure)).map(|d| d.to_string())
    }

    /// A copy with the points at `code` set (this scorecard is untouched).
    ///
    /// @throws ParIndexError as `set`.
    #[wasm_bindgen(js_name = withPoints)]
    pub fn with_points(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue,
        #[wasm_bindgen(unchecked_param_type = "DecimalInput")] points: JsValue,
    ) -> R<Scorecard> {
        let code = read_code(&code, "code")?;
        let points = js(convert::decimal(&read(&points), "points"))?;
        Ok(Scorecard { inner: js(self.inner.with_points(&code, points))? })
    }

    /// Remove the given points at a node.
    ///
    /// @throws ParIndexError `UNKNOWN_CODE`.
    pub fn unset(&mut self, #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue) -> R<()> {
        let code = read_code(&code, "code")?;
        js(self.inner.unset(&code))
    }

    /// Codes and points given by the caller, in the order given.
    #[wasm_bindgen(unchecked_return_type = "GivenPoints[]")]
    pub fn given(&self) -> R<JsValue> {
        let items = self
            .inner
            .given()
            .into_iter()
            .map(|(c, p)| Js::obj([("code", Js::str(c)), ("points", Js::dec(p))]))
            .collect();
        write(&Js::Arr(items))
    }

    /// Points at a node, given or derived: `{ points, source }` (`source`: `"given"`,
    /// `"summed"` or `"implied"`), or `null` when unknown.
    ///
    /// @throws ParIndexError `UNKNOWN_CODE`.
    #[wasm_bindgen(unchecked_return_type = "NodePoints | null")]
    pub fn points(&self, #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue) -> R<JsValue> {
        let code = read_code(&code, "code")?;
        out(&js(self.inner.points(&code))?)
    }

    /// Total points (decimal string), when given or derivable; else `null`.
    #[wasm_bindgen(unchecked_return_type = "DecimalString | null")]
    pub fn total(&self) -> R<JsValue> {
        write(&Js::opt_dec(self.inner.total()))
    }

    /// The index in percent (total ÷ framework total × 100), unrounded; `null` when unknown.
    #[wasm_bindgen(unchecked_return_type = "DecimalString | null")]
    pub fn index(&self) -> R<JsValue> {
        write(&Js::opt_dec(self.inner.index()))
    }

    /// The band of the index (`"A"`, `"B"`, `"C"`, `"below C"`), or `null`.
    #[wasm_bindgen(unchecked_return_type = "BandName | null")]
    pub fn band(&self) -> R<JsValue> {
        write(&self.inner.band().map_or(Js::Null, |b| Js::str(b.as_str())))
    }

    /// A node's sub-index: points ÷ max × 100 (percent, unrounded), or `null`.
    ///
    /// @throws ParIndexError `UNKNOWN_CODE`.
    #[wasm_bindgen(js_name = subIndex, unchecked_return_type = "DecimalString | null")]
    pub fn sub_index(&self, #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue) -> R<JsValue> {
        let code = read_code(&code, "code")?;
        write(&Js::opt_dec(js(self.inner.sub_index(&code))?))
    }

    /// Points lost at a node (max − points), or `null` when either is unknown.
    ///
    /// @throws ParIndexError `UNKNOWN_CODE`.
    #[wasm_bindgen(unchecked_return_type = "DecimalString | null")]
    pub fn lost(&self, #[wasm_bindgen(unchecked_param_type = "string")] code: JsValue) -> R<JsValue> {
        let code = read_code(&code, "code")?;
        write(&Js::opt_dec(js(self.inner.lost(&code))?))
    }

    /// Every node as a row: the total, the primary hierarchy, then each grouping.
    #[wasm_bindgen(unchecked_return_type = "ScorecardRow[]")]
    pub fn rows(&self) -> R<JsValue> {
        out(&self.inner.rows())
    }

    /// Inconsistencies: given parents that disagree with their given children, implied
    /// values out of range, and anything reported while loading.
    #[wasm_bindgen(unchecked_return_type = "Problem[]")]
    pub fn problems(&self) -> R<JsValue> {
        out(&self.inner.problems())
    }

    /// What-if scenarios on this scorecard without a table (points, index and band only).
    #[wasm_bindgen(js_name = whatIf, unchecked_return_type = "WhatIfRow[]")]
    pub fn what_if(&self, #[wasm_bindgen(unchecked_param_type = "Scenarios")] scenarios: JsValue) -> R<JsValue> {
        let scenarios = js(reader::input::<Scenarios>(&read(&scenarios), "scenarios"))?.0;
        out(&what_if_rows(&js_as(sim::what_if(&self.inner, None, &scenarios), &[("change", "scenarios")])?))
    }
}

/// Test hook (the `test-hooks` feature, never in the published package): panics on
/// purpose, so the tests can check that a panic is thrown as a `ParIndexError` with kind
/// `INTERNAL` and that the module keeps working afterwards.
#[cfg(feature = "test-hooks")]
#[wasm_bindgen(js_name = __panicForTests, skip_typescript)]
pub fn panic_for_tests() {
    #[allow(clippy::panic)]
    {
        panic!("deliberate panic (test hook)");
    }
}

/// Test hook: a class whose constructor panics, so the tests can check that a panic in a
/// constructor (`new …`) also resets the instance, as in any other call.
#[cfg(feature = "test-hooks")]
#[wasm_bindgen(js_name = __PanicOnConstruct, skip_typescript)]
pub struct PanicOnConstruct;

#[cfg(feature = "test-hooks")]
#[wasm_bindgen(js_class = __PanicOnConstruct)]
impl PanicOnConstruct {
    /// Panics on purpose.
    #[wasm_bindgen(constructor)]
    #[allow(clippy::new_without_default)]
    pub fn new() -> PanicOnConstruct {
        #[allow(clippy::panic)]
        {
            panic!("deliberate panic in a constructor (test hook)");
        }
    }
}
