
// ---- parindex: shapes of plain objects crossing the boundary ----------------------------
// Units: scores and indices are percent (0–100); points are the framework's points (the
// PAR INDEX has 100 points, so a gain of 1 point is 1 percentage point of the index).
// Methodology: PAR INDEX 876/QĐ-BNV (10/11/2022) for 2022–2023, 892/QĐ-BNV (05/12/2024)
// from 2024; SIPAS 1001/QĐ-BNV (11/12/2023) for 2023–2026, 2640/QĐ-BNV (2017) for 2017–2021
// (Ministry of Home Affairs, Bộ Nội vụ).

/** An exact decimal as a string, e.g. `"85.94"` (never a float). */
export type DecimalString = string;
/** An exact decimal as a string (the name the generated types use). */
export type Decimal = DecimalString;
/** A decimal argument: a string (`"9.5"` or `"9,5"`) or a finite number (read through its shortest decimal form). `NaN`, `Infinity` and booleans are refused. */
export type DecimalInput = string | number;
/** `"par"`, `"sipas"`, or a custom index name. */
export type IndexName = "par" | "sipas" | (string & {});
/** Band (nhóm): A ≥ 90%, B 80 to < 90%, C 70 to < 80%. */
export type BandName = "A" | "B" | "C" | "below C";
/** How equal scores are ranked: `competition` (1-2-2-4, default), `dense` (1-2-2-3), `unrounded`. */
export type TiePolicyName = "competition" | "dense" | "unrounded";

/** The stable kind of an error (Python: `e.kind`); `INTERNAL` is a bug inside the library. */
export type ErrorKind =
  | "IO" | "MALFORMED" | "MISSING_FIELD" | "INVALID_NUMBER" | "NEGATIVE" | "ABOVE_MAX" | "UNKNOWN_CODE"
  | "DUPLICATE_CODE" | "UNKNOWN_PROVINCE" | "DUPLICATE_PROVINCE" | "INVALID_RANK" | "FRAMEWORK" | "RULE"
  | "INVALID_ARGUMENT" | "NOT_FOUND" | "UNSUPPORTED" | "INVALID_ANSWER" | "DUPLICATE_ANSWER" | "NO_ANSWERS"
  | "INPUT_TOO_LARGE" | "ENCODING" | "INVALID" | "MISMATCH" | "UNKNOWN_COLUMN" | "INTERNAL";

/** The error every call throws (`e instanceof ParIndexError`); `name` is `"ParIndexError"`. `kind` is the stable error kind, `code` the criterion, node, item or province code involved — as in Python. */
export class ParIndexError extends Error {
  name: "ParIndexError";
  /** Stable error kind (Python: `e.kind`): `ABOVE_MAX`, `UNKNOWN_PROVINCE`, `UNKNOWN_CODE`, `INVALID_NUMBER`, `INVALID_ARGUMENT`, `NOT_FOUND`, … `INTERNAL` for a bug inside the library. */
  kind: ErrorKind;
  /** `"data"` (files, tables), `"framework"` (methodologies), `"input"` (arguments) or `"internal"` (a bug). */
  family: "data" | "framework" | "input" | "internal";
  /** File or input label, when the error is about one. */
  file: string | null;
  /** Row, spreadsheet numbering (header = row 1). */
  row: number | null;
  /** Column name. */
  column: string | null;
  /** Criterion, node, item or province code involved (Python: `e.code`). */
  code: string | null;
  /** For `INVALID_ARGUMENT`: the argument at fault as the call names it: a positional argument (`"targetRank"`, `"score"`) or an option (`"options.targetRank"`, `"options.scenarios"`, `"options.gains"`). */
  argument: string | null;
  /** Workbooks only (`fromExcel`): the sheet and the A1 cell. */
  sheet?: string | null;
  cell?: string | null;
  /** The error's values, e.g. `{ points: "10.5", max: "9.5" }` for `ABOVE_MAX`; `{ code, within: "framework par-2022" }` for `UNKNOWN_CODE`; `{ value, reason }` for `INVALID_ANSWER`; `{ respondent, item, first }` for `DUPLICATE_ANSWER`; `{ unit }` for `NO_ANSWERS`; `{ errors }` (each a described error with its row) for `INVALID`. */
  details: Record<string, string | number>;
}

/** An inconsistency in the data, reported and never silently resolved. */
export interface Problem { kind: string; message: string; codes: string[]; provinces: string[]; rows: number[]; file: string | null }
export interface TableRow {
  province: string; region: string | null;
  /** Published score, percent. */
  score: DecimalString | null; rank: number | null;
  scoreLow: DecimalString | null; scoreHigh: DecimalString | null; scoreEstimate: DecimalString | null;
  rankBest: number | null; rankWorst: number | null;
  band: BandName | null; source: string | null; note: string | null;
}
export interface Entry { province: string; score: DecimalString | null; rank: number | null; rankBasis: string | null; source: string | null; note: string | null; row: number | null }
export interface EntryInput { province: string; score?: DecimalInput | null; rank?: number | null; rankBasis?: string; source?: string; note?: string; row?: number }
export interface TableOptions {
  index: IndexName; year: number;
  /** Names the input in errors (default `"table.csv"`). */
  label?: string;
  /** `fromCsv` only: the score column when there are several. */
  scoreColumn?: string;
  roster?: "provinces" | "units_2025" | "open";
  /** How many are ranked (default 63 provinces, 34 units from 2025). */
  of?: number;
  /** Decimal places compared when ranking, 0–28 (default: the most decimals among the scores, at least 2). */
  decimals?: number;
  /** The largest input read, in bytes (default 64 MiB). */
  maxInputBytes?: number;
}
/** Headers the alias table does not know, for `fromCsv` (`fromExcel` takes `ExcelOptions`). */
export interface CsvColumnsOptions {
  /** Header row (first = 1; default 1). */
  headerRow?: number;
  /** Column role → header, e.g. `{ province: "Địa bàn" }`. */
  columns?: Record<string, string>;
}
/** Where the table is in a workbook (`fromExcel`). */
export interface ExcelOptions {
  /** Sheet name, or position (first = 0); default the first sheet. */
  sheet?: string | number;
  /** Header row, spreadsheet numbering (first = 1); default: the first row with a recognised header. */
  headerRow?: number;
  /** Column role → header, for headers the alias table does not know, e.g. `{ province: "Địa bàn" }`. */
  columns?: Record<string, string>;
}
export interface RegionalAverage { region: string; mean: DecimalString | null; known: number; provinces: number }
export interface YearOverYear { province: string; scoreBefore: DecimalString | null; scoreAfter: DecimalString | null; scoreChange: DecimalString | null; rankBefore: number | null; rankAfter: number | null; rankChange: number | null }
export interface Province { province: string; region: string; unit2025: string; aliases: string[] }
/** A methodology period: the decision governing an index for a range of assessment years. */
export interface Period { index: string; firstYear: number; lastYear: number | null; decision: string; framework: string | null; status: string; note: string }

/** How competitors move from one year to the next (percentage points). Default: `fitted`, the next-year model fitted to every published fact (common year shock, catch-up, each province's own change), with optional overrides; `empirical` draws each competitor's change independently from the published year-over-year changes under the same methodology. */
export type ChangeModelInput =
  | "fitted"
  | ({ kind: "fitted" } & NextYearModel)
  | "empirical"
  | { kind: "empirical"; years?: [number, number][] }
  | { kind: "normal"; mean: DecimalInput; sd: DecimalInput }
  | { kind: "sample"; values: DecimalInput[] };
/** Options of `simulate` and `exact`. */
export interface SimulateOptions {
  province: string;
  /** The planned gain, percentage points (give `gain` or `gains`). */
  gain?: DecimalInput;
  /** Several planned gains, each simulated on the same scenarios. */
  gains?: DecimalInput[];
  /** The question is P(rank ≤ targetRank). */
  targetRank: number;
  /** 1 ..= 10⁸ (default 100000). */
  scenarios?: number;
  /** Default 7. Numbers up to 2⁵³ − 1; a BigInt or a digit string for the full u64 range. */
  seed?: number | bigint | string;
  model?: ChangeModelInput;
  /** Add `gainCounts` (scenarios by the least gain reaching the target, per 0.01 point). */
  includeGainCounts?: boolean;
}
/** `simulate` options with one planned gain (`gain`): the result has `pTarget` and `rankQuantiles`. */
export type SimulateOneGainOptions = SimulateOptions & { gain: DecimalInput; gains?: undefined };
/** The outcome of one planned gain: P(rank ≤ targetRank) 0–1, nearest-rank quantiles, scenarios ending at each rank (index r − 1). */
export interface PlanOutcome { gain: DecimalString; pTarget: number; rankP05: number; rankP50: number; rankP95: number; rankCounts: number[] }
/** Nearest-rank quantiles of the rank (5%, median, 95%). */
export interface RankQuantiles { p05: number; p50: number; p95: number }
export interface ModelInfo {
  /** `fitted`, `empirical`, `normal` or `sample`. */
  kind: string; description: string; years: [number, number][]; n: number;
  /** Mean change (points); the fitted model: mean of the common shock. */
  mean: DecimalString; provinces: string[];
  /** What to weigh before trusting the model, e.g. a year pair across a change of methodology; empty when none. */
  warnings: string[];
  /** Every parameter of the fitted model with its value and source (`fitted`, `prior`, `override`, `derived`); empty for the other models. */
  parameters: { name: string; value: number; source: string }[];
}
/** A simulation's result for any options (`gain` or `gains`). With several gains, `gain`, `pTarget` and `rankQuantiles` are `null`: read each gain's in `plans`. */
export interface GainsSimulationResult {
  province: string; index: string; year: number; of: number; targetRank: number;
  /** The planned gain (one `gain`); `null` with several gains. */
  gain: DecimalString | null;
  /** P(rank ≤ targetRank), 0–1, with one planned gain; `null` with several (see `plans`). */
  pTarget: number | null;
  /** Nearest-rank quantiles of the rank with one planned gain; `null` with several (see `plans`). */
  rankQuantiles: RankQuantiles | null;
  /** Least gain with P ≥ 50% (`null`: not reachable even at 100%). */
  gainForP50: DecimalString | null;
  gainForP80: DecimalString | null;
  /** One outcome per planned gain, in the order given. */
  plans: PlanOutcome[];
  scenarios: number; seed: number | string; tiePolicy: TiePolicyName; model: ModelInfo;
  /** The province's current score, or `null` when drawn within its bounds. */
  current: DecimalString | null;
  unknownCompetitors: number; unreachable: number;
  gainCounts?: number[];
}
/** The result of a simulation of one planned gain (`gain`): `gain`, `pTarget` and `rankQuantiles` are always given. */
export interface SimulationResult extends GainsSimulationResult {
  gain: DecimalString;
  pTarget: number;
  rankQuantiles: RankQuantiles;
}
export interface LeagueTable {
  /**
   * Monte Carlo of next year's ranking: each competitor moves by a change drawn from the model (default: the
   * published year-over-year changes under the same methodology), the province by its planned gain (percentage
   * points). With one `gain`: `pTarget` (P(rank ≤ targetRank), 0–1) and `rankQuantiles` up front; with `gains`,
   * one outcome per gain in `plans` (and `pTarget`, `rankQuantiles` `null` when there are several). Also the least
   * gains for P ≥ 50% and 80% and the model used (with its `warnings`). The same seed gives the same numbers as the
   * Rust and Python libraries.
   *
   * @param options - `{ province, gain | gains, targetRank, scenarios? (100000), seed? (7), model?, includeGainCounts? }`.
   * @throws ParIndexError `INVALID_ARGUMENT` (`options.scenarios` outside 1..=10⁸, no gain, a gain beyond ±100,
   *   `options.targetRank` not a rank 1..=of), `UNKNOWN_PROVINCE`, `NOT_FOUND`, `UNSUPPORTED`.
   */
  simulate(options: SimulateOneGainOptions): SimulationResult;
  simulate(options: SimulateOptions): GainsSimulationResult;
}
/** Monte Carlo of next year's ranking (same as `table.simulate(options)`). */
export function simulate(table: LeagueTable, options: SimulateOneGainOptions): SimulationResult;
export function simulate(table: LeagueTable, options: SimulateOptions): GainsSimulationResult;

export interface FrameworkNode {
  code: string; nameVi: string; nameEn: string;
  /** Absent when unknown (never guessed). */
  maxPoints?: DecimalString;
  /** A lower bound on an unknown max. */
  atLeast?: DecimalString;
  method?: "appraised" | "socio_economic" | "leaders_survey" | "citizen_survey";
  rule?: Record<string, unknown>;
  status: "confirmed" | "inferred" | "assumed" | "unknown";
  source?: string; note?: string;
}
export interface GroupNode { code: string; nameVi: string; nameEn: string; maxPoints?: DecimalString; method?: string; members?: string[]; status: string; source?: string; note?: string }
export interface Grouping { id: string; nameVi: string; nameEn: string; nodes: GroupNode[] }
export interface Constraint { codes: string[]; sum: DecimalString; status: string; source?: string }
export interface FrameworkObject {
  id: string; index: string; nameVi: string; nameEn: string; decision: string; decisionDate?: string;
  years?: { first: number; last: number | null }; totalMaxPoints?: DecimalString; levelNames: string[];
  source?: string; notes?: string[]; nodes: FrameworkNode[]; groupings?: Grouping[]; constraints?: Constraint[];
}
export interface FrameworkCsvOptions { id?: string; index?: IndexName; nameVi?: string; decision?: string; totalMaxPoints?: DecimalInput; maxInputBytes?: number; label?: string }

/** `{ code: points }` (framework points). */
export type PointsInput = Record<string, DecimalInput>;
/** A measured input: `true`/`false` (boolean rule), a level name (levels rule), a number or `{ value }` (bands, proportional). */
export type MeasureInput = boolean | number | string | { flag: boolean } | { level: string } | { value: DecimalInput };
export interface NodePoints { points: DecimalString; source: "given" | "summed" | "implied" }
export interface ScorecardRow { code: string; level: string; nameVi: string; nameEn: string; maxPoints: DecimalString | null; points: DecimalString | null; source: string | null; index: DecimalString | null; lost: DecimalString | null }

/** One change at a node: a number (points added), `{ add }` (also where the node's points are unknown: the total moves by as much), `{ set }` (points), or `{ measure }` (a leaf's measured input). */
export type Change = DecimalInput | { add: DecimalInput } | { set: DecimalInput } | { measure: MeasureInput };
/** What-if scenarios: `{ scenarioName: { code: change } }`, in insertion order (as in Python). */
export type Scenarios = Record<string, Record<string, Change>>;
export interface NodeChange { code: string; nameVi: string; before: DecimalString | null; after: DecimalString | null; change: DecimalString | null }
/** One what-if scenario as a row (the same columns as Python's DataFrame, in camelCase): points and index (percent, unrounded) before and after, the rank before and after (the estimate; `rankAfterBest`/`rankAfterWorst` its bounds; `null` without a table), the bands, then `change<code>` per field and component (`change3`, `changeSocioEconomic`: the points changed, `null` when unknown). */
export interface WhatIfRow {
  scenario: string;
  pointsBefore: DecimalString; pointsAfter: DecimalString;
  indexBefore: DecimalString; indexAfter: DecimalString;
  rankBefore: number | null; rankAfter: number | null; rankAfterBest: number | null; rankAfterWorst: number | null;
  bandBefore: BandName; bandAfter: BandName;
  [change: `change${string}`]: DecimalString | null;
}
/** One node of the rank-gain table, flat (the core's `RankGainRow`, Python's DataFrame columns in camelCase): points lost (framework points), the rank if recovered and the ranks gained (estimate, with `…Best`/`…Worst` bounds), and the points this node alone needs for +1, +5, +10 ranks and the target (`…Low`: if unknown competitors are weak, `…High`: whatever their scores; `null` when it cannot supply them). */
export interface GainRow {
  code: string; level: string; nameVi: string; nameEn: string;
  maxPoints: DecimalString; points: DecimalString; source: string | null; lost: DecimalString;
  rankIfRecovered: number; rankIfRecoveredBest: number; rankIfRecoveredWorst: number;
  ranksGained: number; ranksGainedBest: number; ranksGainedWorst: number; ranksPerPoint: DecimalString | null;
  forPlus1Low: DecimalString | null; forPlus1High: DecimalString | null;
  forPlus5Low: DecimalString | null; forPlus5High: DecimalString | null;
  forPlus10Low: DecimalString | null; forPlus10High: DecimalString | null;
  forTargetLow: DecimalString | null; forTargetHigh: DecimalString | null;
}
export interface GainTable {
  province: string; index: DecimalString; rank: RankBounds; targetRank: number | null;
  plus1: PointsNeeded; plus5: PointsNeeded; plus10: PointsNeeded; target: PointsNeeded | null;
  rows: GainRow[]; unknownMax: string[];
}
export interface PlanOptions {
  /** Candidate nodes (of one hierarchy, not overlapping); default: the finest nodes with known points and max, at cost 1. */
  costs?: Record<string, DecimalInput | { costPerPoint?: DecimalInput; cap?: DecimalInput }>;
  basis?: "low" | "estimate" | "high";
}
export interface PlanStep { code: string; nameVi: string; from: DecimalString; to: DecimalString; gain: DecimalString; cost: DecimalString; stepped: boolean }
export interface PlanResult {
  province: string; targetRank: number; basis: "low" | "estimate" | "high";
  needed: PointsNeeded; required: DecimalString; feasible: boolean;
  totalGain: DecimalString; totalCost: DecimalString; steps: PlanStep[];
  rankAfter: RankBounds;
  /** Nodes left out of the plan: `[code, reason]` pairs. */
  skipped: [string, string][];
}

/** The exact outcome of one planned gain (no sampling error). */
export interface ExactPlan {
  /** The planned gain, percentage points. */
  gain: DecimalString;
  /** P(rank ≤ targetRank), 0–1. */
  pTarget: number;
  /** P(rank = r) at index r − 1 (length `of`), each 0–1. */
  rankProbabilities: number[];
}
/** The Monte Carlo's model solved exactly (`exact`, `table.exact`): the simulation's figures converge to these. */
export interface ExactOutcome {
  /** One per planned gain, in the order given. */
  plans: ExactPlan[];
  /** Least gain (percentage points, 2 decimals) with P(rank ≤ target) ≥ 50%; `null`: not reachable even at 100%. */
  gainForP50: DecimalString | null;
  /** Least gain with P(rank ≤ target) ≥ 80%. */
  gainForP80: DecimalString | null;
}

/** One option of `leastCost`: `{ cap, costPerPoint? }` (any gain from 0 to `cap`) or `{ steps, costPerPoint? }` (only the listed gains; 0 is always allowed). Points; `costPerPoint` ≥ 0, default 1. */
export type PlanOptionInput =
  | { cap: DecimalInput; costPerPoint?: DecimalInput }
  | { steps: DecimalInput[]; costPerPoint?: DecimalInput };
/** The cheapest gains reaching the need: one gain (points) per option, in order, and their total cost. */
export interface LeastCostResult { gains: DecimalString[]; totalCost: DecimalString }

// ---- SIPAS from survey answers (1001/QĐ-BNV for 2023–2026; 2640/QĐ-BNV for 2017–2021) ----
// Answers are on the 5-point scale: 1 very dissatisfied … 5 very satisfied. Values are
// percent 0–100 as exact decimal strings, unrounded. Column keys are camelCase.

/** One long-form answer: `answer` 1–5 (number or string), `null`/`""` missing, `"dk"` don't know; `weight` a positive design weight. */
export interface AnswerRecord { respondent: string | number; unit: string; item: string; answer: number | string | null; weight?: number | string }
/** What counts as satisfied: `top2` (share of valid answers 4–5, default) or `mean` (mean answer rescaled to 0–100). Neither is fixed by a published formula. */
export type SatisfactionRuleName = "top2" | "mean";
/** How items add up: `item_mean` (every item weighs the same; default, reproduces the published 2024 national figure), `domain_mean`, `element_mean`. */
export type AggregationName = "item_mean" | "domain_mean" | "element_mean";
/** A built-in SIPAS framework id, or a `Framework` whose leaves are the items. */
export type SipasFrameworkInput = "sipas-2023" | "sipas-2017" | (string & {}) | Framework;
/** How to read answers. Columns are found by name (Vietnamese accepted: `đơn vị`, `mã phiếu`, `trọng số`) unless named here. */
export interface SurveyReadOptions {
  /** Default `"sipas-2023"` (1001/QĐ-BNV). */
  framework?: SipasFrameworkInput;
  /** Names the input in errors. */
  label?: string;
  /** Default `"auto"`: long if there is an item or answer column. */
  layout?: "auto" | "long" | "wide";
  unitColumn?: string; respondentColumn?: string; weightColumn?: string;
  /** Extra "don't know" codes (built in: `dk`, `không biết`, `kb`). */
  dontKnow?: string[];
  /** Extra missing codes (built in: empty, `NA`, `N/A`, `missing`, `null`). */
  missing?: string[];
  /** Units that must be present (each without a valid answer is `NO_ANSWERS`). */
  units?: string[];
  /** Wide form: columns to skip (another unknown column is `UNKNOWN_CODE`). */
  ignoreColumns?: string[];
  /** Every item must occur (default true). */
  requireAllItems?: boolean;
  /** The largest input read, in bytes (default 1 GiB). */
  maxInputBytes?: number;
}
/** Options of the `Survey.from…` readers. */
export interface SurveyOptions extends SurveyReadOptions {}
/** The choices of a computation. */
export interface SipasOptions {
  rule?: SatisfactionRuleName; aggregation?: AggregationName; tiePolicy?: TiePolicyName; year?: number;
  /** The stated precision: decimal places of percent (default 4, 0–28); units are ranked at it and every value shown is rounded to it. */
  decimals?: number;
}
/** Options of `sipasFromAnswers` (Python's `sipas_from_answers`). */
export interface SipasFromAnswersOptions extends SurveyReadOptions, SipasOptions {}
export interface BootstrapOptions {
  rule?: SatisfactionRuleName; aggregation?: AggregationName; tiePolicy?: TiePolicyName;
  /** Default 1000. */
  replicates?: number;
  /** Default 20231211; a BigInt beyond 2⁵³. */
  seed?: number | bigint;
  /** Confidence level in (0, 1), default `"0.95"`. */
  level?: DecimalInput;
  /** Statistics shown at this many decimal places of percent (default 4), shares at `decimals + 2`. */
  decimals?: number;
}
/** A synthetic survey (never real data). */
export interface SyntheticOptions {
  framework?: SipasFrameworkInput;
  /** Default 63. */
  units?: number;
  /** Per unit, default 600. */
  respondents?: number;
  /** Default 1. */
  seed?: number | bigint;
  /** Default 20. */
  missingPerMille?: number;
  /** Default 30. */
  dontKnowPerMille?: number;
  weighted?: boolean;
}
/** One unit of a result (`rows()`): Python's `to_pandas()` columns in camelCase. For `sipas-2023`: `policy`, `service`, `information`, `participation`, `implementation`, `impact`, `access`, `procedures`, `civilServants`, `results`, `feedback`; for `sipas-2017` the 5 elements. */
export interface SipasRow {
  unit: string;
  /** SIPAS, percent. */
  sipas: DecimalString;
  /** Respondents. */
  n: number;
  /** 1 = best among the survey's units. */
  rank: number;
  /** Sum of design weights (weighted surveys only). */
  weightTotal?: DecimalString | null;
  policy?: DecimalString | null; service?: DecimalString | null;
  information?: DecimalString | null; participation?: DecimalString | null; implementation?: DecimalString | null; impact?: DecimalString | null;
  access?: DecimalString | null; procedures?: DecimalString | null; civilServants?: DecimalString | null; results?: DecimalString | null; feedback?: DecimalString | null;
  /** Node columns of other frameworks, by key (the code where the framework has no key). */
  [column: string]: string | number | null | undefined;
}
/** A node column (domain, content or element). */
export interface SipasNode { code: string; key: string; nameVi: string; nameEn: string; level: string; depth: number; items: number }
/** One item of a unit, percent with the counts it rests on. */
export interface SipasItem { code: string; key: string; satisfaction: DecimalString | null; valid: number; satisfied: number; missing: number; dontKnow: number; validWeight: DecimalString | null }
export interface SipasUnitDetail {
  unit: string; sipas: DecimalString; rank: number; respondents: number; weightTotal: DecimalString | null;
  /** Column key → percent (`null`: no valid answer beneath). */
  nodes: Record<string, DecimalString | null>;
  items: SipasItem[]; itemsWithoutAnswers: string[];
  /** First row of the unit in the input. */
  row: number | null;
}
/** A what-if change: add percentage points to every item beneath a node, or move the node to a percent. */
export type SipasChange = { code: string; add: DecimalInput } | { code: string; set: DecimalInput };
export interface SipasWhatIf {
  unit: string; sipasBefore: DecimalString; sipasAfter: DecimalString;
  rankBefore: number; rankAfter: number; of: number;
  /** Column key → percent after the changes. */
  nodesAfter: Record<string, DecimalString | null>;
  /** Items capped at 0 or 100 (the node moved less than asked). */
  cappedItems: string[];
}
/** A percentile interval around the exact point estimate, percent. */
export interface SipasInterval { estimate: DecimalString; low: DecimalString; high: DecimalString; stdError: DecimalString; replicates: number }
export interface SipasBootstrapRow { unit: string; sipas: DecimalString; sipasLow: DecimalString; sipasHigh: DecimalString; sipasSe: DecimalString; rank: number; rankBest: number; rankWorst: number }

/** Overrides of the fitted next-year model (points of the index); each absent one is fitted. */
export interface NextYearModel {
  shockMean?: number;
  shockSd?: number;
  catchUp?: number;
  spread?: number;
  tailWeight?: number;
  tailScale?: number;
  methodologyFactor?: number;
  ownSd?: number;
}
/** Options of `table.forecast`. Exact without `scenarios`; seeded Monte Carlo with it. */
export interface ForecastOptions {
  targetRank?: number;
  scenarios?: number;
  seed?: number | bigint;
  model?: NextYearModel | "fitted";
}
/** Options of `table.chances`: exact without `scenarios`; seeded Monte Carlo of the same model with it. */
export interface ChancesOptions {
  province: string;
  /** The planned gain, percentage points of the index (give `gain` or `gains`). */
  gain?: DecimalInput;
  gains?: DecimalInput[];
  /** The question is P(rank ≤ targetRank); default 30. */
  targetRank?: number;
  scenarios?: number;
  /** Default 0. */
  seed?: number | bigint | string;
  model?: NextYearModel | "fitted";
}
/** One planned gain under the fitted model. */
export interface ChancePlan {
  gain: DecimalString;
  /** P(rank ≤ targetRank), 0–1. */
  pTarget: number;
  rankP05: number;
  rankP50: number;
  rankP95: number;
  /** P(rank = r) at index r − 1. */
  rankProbabilities: number[];
}
/** A province's chances next year under the fitted model (`table.chances`). */
export interface Chances {
  province: string;
  targetRank: number;
  method: "exact" | "monte_carlo";
  plans: ChancePlan[];
  /** Least gain (0.01 steps) with P(rank ≤ targetRank) ≥ 50%; `null`: not reachable, and always from the Monte Carlo. */
  gainForP50: DecimalString | null;
  gainForP80: DecimalString | null;
  /** The fitted model, stated in full (parameters, evidence, bounds, warnings, starts). */
  model: Record<string, unknown> & { kind: "fitted"; description: string; parameters: { name: string; value: number; source: string }[]; warnings: string[] };
}
/** One province next year under the fitted model (ranks 1 = best; scores in percent). */
export interface ForecastRow {
  province: string;
  rankNow: number | null;
  scoreNow: number | null;
  rankP05: number;
  rankP25: number;
  rankP50: number;
  rankP75: number;
  rankP95: number;
  /** P(rank ≤ targetRank), 0–1. */
  pTarget: number;
  expectedScore: number;
  scoreP05: number;
  scoreP95: number;
  /** false: no published data; the province is any of the free ranks. */
  published: boolean;
  /** P(rank = r) at index r − 1. */
  rankProbabilities: number[];
}
/** A backtest of the fitted model (see `backtest`). */
export interface BacktestResult {
  index: string;
  year: number;
  nextYear: number;
  summary: {
    n: number;
    /** Published ranks inside the 50% and the 90% band. */
    inside50: number;
    inside90: number;
    coverage50: number;
    coverage90: number;
    rps: number;
    baselineCoverage90: number;
    baselineRps: number;
    [key: string]: unknown;
  };
  rows: Record<string, unknown>[];
  model: Record<string, unknown>;
  baseline: string;
}
