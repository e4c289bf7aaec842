//! TypeScript declarations of the shapes only this binding has: options that add JS-only
//! keys to the core's (a label, `includeGainCounts`), the results it assembles from the
//! core's (a simulation's single-gain summary, the province records), and the properties of
//! `ParIndexError`. Each is a Rust type whose `tsify` derive writes its declaration into the
//! generated `.d.ts` (field names are camelCased there by `scripts/shims.mjs`, as the values
//! are by [`crate::convert`]); the core's own types carry theirs (the core's `ts` feature).
//! Nothing here reads or writes a value.

#![allow(dead_code)]

use parindex::contract::ts::{ChangeModelInput, Costs, Decimal, DecimalInput, Seed};
use parindex::simulate::{Basis, ModelInfo, NextYearModel, PlanOutcome};
use parindex::ErrorKind;
use std::collections::HashMap;
use tsify::Tsify;

/// Options of `simulate` and `exact` (the core's Monte Carlo options): give `gain` or
/// `gains` (percentage points). Defaults: 100,000 scenarios, seed 7, the fitted model.
#[derive(Tsify)]
pub struct SimulateOptions {
    /// Province (any known spelling).
    province: String,
    /// The planned gain, percentage points.
    #[tsify(optional)]
    gain: Option<DecimalInput>,
    /// Several planned gains, each simulated on the same scenarios.
    #[tsify(optional)]
    gains: Option<Vec<DecimalInput>>,
    /// The question is P(rank ≤ targetRank).
    target_rank: u32,
    /// Scenarios, 1 ..= 10⁸ (default 100000).
    #[tsify(optional)]
    scenarios: Option<u64>,
    /// Seed (default 7).
    #[tsify(optional)]
    seed: Option<Seed>,
    /// How competitors move (default `"fitted"`).
    #[tsify(optional)]
    model: Option<ChangeModelInput>,
    /// Add `gainCounts` (scenarios by the least gain reaching the target, per 0.01 point).
    #[tsify(optional)]
    include_gain_counts: Option<bool>,
}

/// Nearest-rank quantiles of the rank (5%, median, 95%).
#[derive(Tsify)]
pub struct RankQuantiles {
    /// 5% quantile.
    p05: u32,
    /// Median.
    p50: u32,
    /// 95% quantile.
    p95: u32,
}

/// A simulation's result. With one planned gain, `gain`, `pTarget` (P(rank ≤ targetRank),
/// 0–1) and `rankQuantiles` up front; with several they are `null`: read each gain's in
/// `plans`.
#[derive(Tsify)]
pub struct SimulationResult {
    /// Canonical province name.
    province: String,
    /// Index (`par`, `sipas`, …).
    index: String,
    /// Year of the table.
    year: u16,
    /// Number ranked.
    of: u32,
    /// Target rank.
    target_rank: u32,
    /// The planned gain (one gain); `null` with several.
    gain: Option<Decimal>,
    /// P(rank ≤ targetRank), 0–1 (one gain); `null` with several.
    p_target: Option<f64>,
    /// Quantiles of the rank (one gain); `null` with several.
    rank_quantiles: Option<RankQuantiles>,
    /// Least gain with P ≥ 50% (`null`: not reachable even at 100%).
    gain_for_p50: Option<Decimal>,
    /// Least gain with P ≥ 80%.
    gain_for_p80: Option<Decimal>,
    /// One outcome per planned gain, in the order given.
    plans: Vec<PlanOutcome>,
    /// Scenarios run.
    scenarios: u64,
    /// Seed.
    #[tsify(type = "number | string")]
    seed: u64,
    /// Tie policy of the ranking.
    tie_policy: parindex::TiePolicy,
    /// The change model, in words and figures.
    model: ModelInfo,
    /// The province's current score (percent), `null` when drawn within its bounds.
    current: Option<Decimal>,
    /// Competitors whose score was drawn within its bounds.
    unknown_competitors: u32,
    /// Scenarios where even a score of 100 misses the target.
    unreachable: u64,
    /// With `includeGainCounts`: scenarios by the least gain reaching the target (index:
    /// hundredths of a point).
    #[tsify(optional)]
    gain_counts: Option<Vec<u64>>,
}

/// Options of `table.chances`: exact without `scenarios`, the seeded Monte Carlo of the
/// same model with it.
#[derive(Tsify)]
pub struct ChancesOptions {
    /// Province.
    province: String,
    /// The planned gain, percentage points (give `gain` or `gains`).
    #[tsify(optional)]
    gain: Option<DecimalInput>,
    /// Several planned gains.
    #[tsify(optional)]
    gains: Option<Vec<DecimalInput>>,
    /// The question is P(rank ≤ targetRank); default 30.
    #[tsify(optional)]
    target_rank: Option<u32>,
    /// Scenarios of the Monte Carlo (exact when absent).
    #[tsify(optional)]
    scenarios: Option<u64>,
    /// Seed (default 7, as `simulate`).
    #[tsify(optional)]
    seed: Option<Seed>,
    /// `"fitted"` or overrides of the fitted model.
    #[tsify(optional)]
    model: Option<FittedModelInput>,
}

/// The fitted next-year model: `"fitted"` or overrides (each absent one is fitted).
#[derive(Tsify)]
#[serde(untagged)]
pub enum FittedModelInput {
    /// `"fitted"`.
    #[tsify(type = "\"fitted\"")]
    Fitted(String),
    /// Overrides.
    Overrides(NextYearModel),
}

/// Options of `table.forecast` (the core's `ForecastOptions`, each optional): exact
/// without `scenarios`, the seeded Monte Carlo with it.
#[derive(Tsify)]
#[tsify(rename = "ForecastOptions")]
pub struct ForecastInput {
    /// Target rank of `pTarget` (default 30).
    #[tsify(optional)]
    target_rank: Option<u32>,
    /// Scenarios of the Monte Carlo (exact when absent).
    #[tsify(optional)]
    scenarios: Option<u64>,
    /// Seed (default 7, as `simulate`).
    #[tsify(optional)]
    seed: Option<Seed>,
    /// `"fitted"` or overrides.
    #[tsify(optional)]
    model: Option<FittedModelInput>,
}

/// Options of the planner (`plan`).
#[derive(Tsify)]
pub struct PlanOptions {
    /// Candidate nodes and their costs (of one hierarchy, not overlapping); default: the
    /// finest nodes with known points and max, at cost 1.
    #[tsify(optional)]
    costs: Option<Costs>,
    /// Which competitors' scores to plan against (default `high`).
    #[tsify(optional)]
    basis: Option<Basis>,
}

/// Options of `LeagueTable.fromCsv`, `fromEntries` and `fromExcel` (the core's table
/// options, and `label`, naming the input in errors).
#[derive(Tsify)]
pub struct TableOptions {
    /// `"par"`, `"sipas"` or a custom index.
    index: parindex::IndexKind,
    /// Assessment year.
    year: u16,
    /// Names the input in errors (default `"table.csv"`).
    #[tsify(optional)]
    label: Option<String>,
    /// `fromCsv` only: the score column when there are several.
    #[tsify(optional)]
    score_column: Option<String>,
    /// Who is ranked (default: the 63 provinces, the 34 units from 2025).
    #[tsify(optional)]
    roster: Option<parindex::Roster>,
    /// How many are ranked (default 63 provinces, 34 units from 2025).
    #[tsify(optional)]
    of: Option<u32>,
    /// Decimal places compared when ranking, 0–28 (default: the most decimals among the
    /// scores, at least 2).
    #[tsify(optional)]
    decimals: Option<u32>,
    /// The largest input read, in bytes (default 64 MiB); above, `INPUT_TOO_LARGE`.
    #[tsify(optional)]
    max_input_bytes: Option<u64>,
}

/// Headers the alias table does not know, for `fromCsv` (`fromExcel` takes `ExcelOptions`).
#[derive(Tsify)]
pub struct CsvColumnsOptions {
    /// Header row (first = 1; default 1).
    #[tsify(optional)]
    header_row: Option<usize>,
    /// Column role → header, e.g. `{ province: "Địa bàn" }`.
    #[tsify(optional)]
    columns: Option<std::collections::BTreeMap<String, String>>,
}

/// Options of `Framework.fromCsv` / `fromExcel`.
#[derive(Tsify)]
pub struct FrameworkCsvOptions {
    /// Identifier.
    #[tsify(optional)]
    id: Option<String>,
    /// Index.
    #[tsify(optional)]
    index: Option<parindex::IndexKind>,
    /// Name in Vietnamese.
    #[tsify(optional)]
    name_vi: Option<String>,
    /// The decision that sets it.
    #[tsify(optional)]
    decision: Option<String>,
    /// Declared total max points.
    #[tsify(optional)]
    total_max_points: Option<DecimalInput>,
    /// The largest input read, in bytes (default 64 MiB); above, `INPUT_TOO_LARGE`.
    #[tsify(optional)]
    max_input_bytes: Option<u64>,
    /// Names the input in errors.
    #[tsify(optional)]
    label: Option<String>,
}

/// A province record (`provinces()`): the core's province with its name under `province`,
/// the key of every table.
#[derive(Tsify)]
pub struct Province {
    /// Canonical name.
    province: String,
    /// Socio-economic region.
    region: String,
    /// The provincial unit it belongs to from 1 July 2025.
    unit_2025: String,
    /// Other spellings.
    aliases: Vec<String>,
}

/// One long-form survey answer: `answer` 1–5 (number or string), `null`/`""` missing,
/// `"dk"` don't know; `weight` a positive design weight.
#[derive(Tsify)]
pub struct AnswerRecord {
    /// Respondent id.
    #[tsify(type = "string | number")]
    respondent: String,
    /// Unit (province) name.
    unit: String,
    /// Item code.
    item: String,
    /// The answer.
    #[tsify(type = "number | string | null")]
    answer: Option<String>,
    /// Design weight.
    #[tsify(optional, type = "number | string")]
    weight: Option<String>,
}

/// How to read survey answers (the core's survey options, and the framework and label).
#[derive(Tsify)]
pub struct SurveyOptions {
    /// Default `"sipas-2023"` (1001/QĐ-BNV): a built-in id or a `Framework`.
    #[tsify(optional)]
    framework: Option<SipasFrameworkInput>,
    /// Names the input in errors.
    #[tsify(optional)]
    label: Option<String>,
    /// The core's options of reading.
    #[serde(flatten)]
    #[tsify(type = "SurveyReadOptions")]
    read: parindex::sipas::SurveyOptions,
}

/// A SIPAS framework: a built-in id (`"sipas-2023"`, 1001/QĐ-BNV; `"sipas-2017"`,
/// 2640/QĐ-BNV) or a `Framework` whose leaves are the items.
#[derive(Tsify)]
#[serde(untagged)]
pub enum SipasFrameworkInput {
    /// A built-in framework's id.
    Id(String),
    /// A framework.
    Framework(crate::api::Framework),
}

/// Options of `sipasFromAnswers`: how to read the answers and how to compute.
#[derive(Tsify)]
pub struct SipasFromAnswersOptions {
    #[serde(flatten)]
    survey: SurveyOptions,
    #[serde(flatten)]
    sipas: parindex::SipasOptions,
}

/// One unit of a SIPAS result (`rows()`): the core's row in camelCase; node columns by key
/// (`policy`, `civilServants`, …), `null` without a valid answer beneath.
#[derive(Tsify)]
pub struct SipasRow {
    /// Unit name.
    unit: String,
    /// SIPAS, percent.
    sipas: Decimal,
    /// Respondents.
    n: u32,
    /// Rank, 1 = best.
    rank: u32,
    /// Sum of design weights (weighted surveys only).
    #[tsify(optional)]
    weight_total: Option<Option<Decimal>>,
    /// The node columns, by key.
    #[serde(flatten)]
    #[tsify(type = "Record<string, Decimal | number | null>")]
    nodes: HashMap<String, Option<Decimal>>,
}

/// A SIPAS what-if: the unit's SIPAS (percent) and rank before and after, the number
/// ranked, every node after the changes (column key → percent) and the items capped at 0
/// or 100 (the node moved less than asked).
#[derive(Tsify)]
pub struct SipasWhatIf {
    /// The unit.
    unit: String,
    /// SIPAS before, percent.
    sipas_before: Decimal,
    /// SIPAS after, percent.
    sipas_after: Decimal,
    /// Rank before.
    rank_before: u32,
    /// Rank after.
    rank_after: u32,
    /// Units ranked.
    of: u32,
    /// Column key → percent after the changes (`null`: no valid answer beneath).
    #[tsify(type = "Record<string, Decimal | null>")]
    nodes_after: HashMap<String, Option<Decimal>>,
    /// Items capped at 0 or 100.
    capped_items: Vec<String>,
}

/// One SIPAS change as a list element: add percentage points to every item beneath a
/// node, or move the node to a percent.
#[derive(Tsify)]
#[serde(untagged)]
pub enum SipasNodeChange {
    /// Add.
    Add {
        /// Node code, column key, item code or `sipas`.
        code: String,
        /// Percentage points.
        add: DecimalInput,
    },
    /// Set.
    Set {
        /// Node code, column key, item code or `sipas`.
        code: String,
        /// Percent.
        set: DecimalInput,
    },
}

/// The properties of every error the module throws (`ParIndexError`), as in Python.
#[derive(Tsify)]
pub struct ParIndexErrorFields {
    /// Stable error kind (Python: `e.kind`): `ABOVE_MAX`, `UNKNOWN_PROVINCE`, … `INTERNAL`
    /// for a bug inside the library.
    kind: ErrorKind,
    /// `"data"` (files, tables), `"framework"` (methodologies), `"input"` (arguments) or
    /// `"internal"` (a bug).
    #[tsify(type = "\"data\" | \"framework\" | \"input\" | \"internal\"")]
    family: String,
    /// File or input label, when the error is about one.
    file: Option<String>,
    /// Row, spreadsheet numbering (header = row 1).
    row: Option<u32>,
    /// Column name.
    column: Option<String>,
    /// Criterion, node, item or province code involved (Python: `e.code`).
    code: Option<String>,
    /// For `INVALID_ARGUMENT`: the argument at fault as the call names it (`"targetRank"`,
    /// `"options.scenarios"`).
    argument: Option<String>,
    /// Workbooks only (`fromExcel`): the sheet.
    #[tsify(optional)]
    sheet: Option<Option<String>>,
    /// Workbooks only: the A1 cell.
    #[tsify(optional)]
    cell: Option<Option<String>>,
    /// The error's values, e.g. `{ points: "10.5", max: "9.5" }` for `ABOVE_MAX`;
    /// `{ code, within: "framework par-2022" }` for `UNKNOWN_CODE`; `{ value, reason }` for
    /// `INVALID_ANSWER`; `{ respondent, item, first }` for `DUPLICATE_ANSWER`; `{ unit }`
    /// for `NO_ANSWERS`; `{ errors }` (each a described error with its row) for `INVALID`.
    details: HashMap<String, DetailValue>,
}

/// A value of an error's `details`.
#[derive(Tsify)]
#[serde(untagged)]
pub enum DetailValue {
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
}

/// Options naming the input in errors (`label`, e.g. `"annex.csv"`).
#[derive(Tsify)]
pub struct LabelOptions {
    /// Names the input in errors.
    #[tsify(optional)]
    label: Option<String>,
}

/// Options of a scorecard read from a table: the assessment year and the label.
#[derive(Tsify)]
pub struct ScorecardOptions {
    /// Assessment year.
    #[tsify(optional)]
    year: Option<u16>,
    /// Names the input in errors.
    #[tsify(optional)]
    label: Option<String>,
}

/// Options of `SipasResult.leagueTable`: the index (default `"sipas"`) and the year.
#[derive(Tsify)]
pub struct LeagueTableOptions {
    /// Index of the table.
    #[tsify(optional)]
    index: Option<parindex::IndexKind>,
    /// Year of the table.
    #[tsify(optional)]
    year: Option<u16>,
}

/// Points given by the caller at one node (`scorecard.given()`), framework points.
#[derive(Tsify)]
pub struct GivenPoints {
    /// Node code.
    code: String,
    /// Points.
    points: Decimal,
}

/// One row of a plan annex as a plain object (`Assignments.fromRows`): header → cell.
#[derive(Tsify)]
pub struct AnnexRow(HashMap<String, Option<Cell>>);

/// A cell of a row given as a plain object: text, a number, or a list of names (one cell,
/// separated by `;`).
#[derive(Tsify)]
#[serde(untagged)]
pub enum Cell {
    /// Text.
    Text(String),
    /// A number.
    Number(f64),
    /// Names.
    List(Vec<String>),
}

/// One item of a progress report (`progressSummary`): a plan item's code, status and
/// expected points (framework points).
#[derive(Tsify)]
pub struct ProgressItem {
    /// Node code.
    code: String,
    /// `done`, `in_progress` or `pending` (default): the core's plan status.
    #[tsify(optional)]
    status: Option<parindex::agency::PlanStatus>,
    /// Points expected when done.
    expected_points: DecimalInput,
}

/// Options of `progressSummary`: the target rank, and a sample of index changes (e.g.
/// `Units.changes`; without it the published changes are used).
#[derive(Tsify)]
pub struct ProgressOptions {
    /// Target rank.
    #[tsify(optional)]
    target_rank: Option<u32>,
    /// Index changes, percentage points.
    #[tsify(optional)]
    changes: Option<Vec<DecimalInput>>,
}
