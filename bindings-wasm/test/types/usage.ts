// Type-checked by `tsc --noEmit -p test/types` (package.test.mjs): the generated .d.ts
// describes the calls of the README with their shapes; the @ts-expect-error lines must fail.
import init, {
  published,
  LeagueTable,
  Framework,
  Scorecard,
  whatIf,
  rankGain,
  plan,
  provinces,
  simulate,
  exact,
  leastCost,
  sipasFromAnswers,
  Survey,
  SipasResult,
  SipasBootstrap,
  type ExactOutcome,
  type LeastCostResult,
  type SipasRow,
  type SipasWhatIf,
  type SipasInterval,
  type AnswerRecord,
  type SimulationResult,
  type ModelInfo,
  type PointsNeeded,
  ParIndexError,
  type ErrorKind,
  type TableRow,
} from "parindex";

await init();
const t: LeagueTable = published("par", 2023);
const rank: number | null = t.rank("Lạng Sơn");
const score: string | null = t.score("Lạng Sơn");
const need: PointsNeeded = t.pointsToRank("Lạng Sơn", 30);
const low: string = need.low;
const kinds: string[] = t.problems().map((p) => p.kind);
const s: SimulationResult = t.simulate({ province: "Lạng Sơn", gain: "2", targetRank: 30, scenarios: 100000, seed: 7 });
const p: number | null = s.pTarget;
const median: number | undefined = s.rankQuantiles?.p50;
const g50: string | null = s.gainForP50;
const q: number | undefined = simulate(t, { province: "Lạng Sơn", gain: 2, targetRank: 30 }).rankQuantiles?.p95;
// Several gains: the per-gain figures are in `plans`; pTarget and rankQuantiles may be null.
const several: SimulationResult = t.simulate({ province: "Lạng Sơn", gains: [1, "2"], targetRank: 30 });
const severalP: number | null = several.pTarget;
const planP: number | undefined = several.plans[1]?.pTarget;
const model: ModelInfo = several.model;
const warnings: string[] = model.warnings;
// @ts-expect-error: with several gains pTarget may be null
const severalWrong: number = several.pTarget;
const fromCsv: LeagueTable = LeagueTable.fromCsv("province,score\n", { index: "par", year: 2023 });
const rows: TableRow[] = fromCsv.rows();
const band: "A" | "B" | "C" | "below C" | null = t.band("Lạng Sơn");
const fw = Framework.forYear("par", 2023);
const max: string | null = fw.maxPoints("1");
const fieldMax: string | undefined = fw.children()[0]?.maxPoints;
const card = Scorecard.fromPoints(fw, "Lạng Sơn", { total: "85.94" });
const after = whatIf(card, t, { F3: { "3": 1.5 } })[0]?.rankAfter;
const gainRows = rankGain(card, t, 30).rows.map((r) => r.ranksGained);
const steps = plan(card, t, 30, { basis: "estimate" }).steps.length;
const names: string[] = provinces().map((x) => x.province);
try {
  t.rank("Atlantis");
} catch (e) {
  if (!(e instanceof ParIndexError)) throw e;
  const kind: ErrorKind = e.kind;
  // @ts-expect-error: the kind is one of the stable kinds, not any string
  const wrong: ErrorKind = "NOT_A_KIND";
  const row: number | null = e.row;
  const code: string | null = e.code;
  const argument: string | null = e.argument;
  void [kind, wrong, row, code, argument];
}
// The model solved exactly, the least-cost planner.
const ex: ExactOutcome = t.exact({ province: "Lạng Sơn", gains: [2, "4"], targetRank: 30 });
const exP: number | undefined = ex.plans[0]?.pTarget;
const exProbs: number[] | undefined = exact(t, { province: "Lạng Sơn", gain: 4, targetRank: 30 }).plans[0]?.rankProbabilities;
const exG: string | null = ex.gainForP80;
const lc: LeastCostResult | null = leastCost([{ steps: [1, 2] }, { cap: "0.5", costPerPoint: 3 }, { cap: 1 }], "1.2");
const lcCost: string | undefined = lc?.totalCost;
// SIPAS from survey answers (1001/QĐ-BNV).
const records: AnswerRecord[] = [{ respondent: "r1", unit: "Lạng Sơn", item: "A.1.1", answer: 4 }, { respondent: "r2", unit: "Lạng Sơn", item: "A.1.1", answer: null, weight: "1.5" }];
const res: SipasResult = sipasFromAnswers(records, { framework: "sipas-2023", rule: "top2", aggregation: "item_mean", tiePolicy: "competition" });
const res2: SipasResult = sipasFromAnswers("respondent,unit,item,answer\n", { framework: Framework.builtin("sipas-2023"), layout: "long", unitColumn: "unit" });
const sipasPct: string = res.index("Lạng Sơn");
const sipasRows: SipasRow[] = res.rows();
const civil: string | number | null | undefined = sipasRows[0]?.civilServants;
const rowN: number | undefined = sipasRows[0]?.n;
const w: SipasWhatIf = res.whatIf("Lạng Sơn", [{ code: "procedures", add: 5 }]);
const w2: SipasWhatIf = res.whatIf("Lạng Sơn", { sipas: { set: 70 } });
const sipasTable: LeagueTable = res.leagueTable({ year: 2024 });
const survey: Survey = Survey.synthetic({ units: 3, respondents: 40, seed: 1 });
const boot: SipasBootstrap = survey.bootstrap({ replicates: 100, seed: 5, level: "0.9" });
const interval: SipasInterval = boot.interval("Synthetic unit 01");
const pAtMost: string = boot.probabilityAtMost("Synthetic unit 01", 1);
const computed: SipasResult = Survey.fromCsv("respondent,unit\n", { requireAllItems: false }).compute({ rule: "mean" });
// @ts-expect-error: a SIPAS index is a decimal string, not a number
const sipasWrong: number = res.index("Lạng Sơn");
// @ts-expect-error: an unknown aggregation name
sipasFromAnswers(records, { aggregation: "median" });
// @ts-expect-error: score() is a decimal string, not a number
const wrong: number = t.score("Lạng Sơn");
// @ts-expect-error: the options need a targetRank
t.simulate({ province: "Lạng Sơn", gain: 2 });
void [rank, score, low, kinds, p, median, g50, rows, band, max, fieldMax, after, gainRows, steps, names, wrong];
void [q, severalP, planP, warnings, severalWrong];
void [exP, exProbs, exG, lcCost, res2, sipasPct, civil, rowN, w, w2, sipasTable, interval, pAtMost, computed, sipasWrong];
