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
  type SimulationResult,
  type PointsNeeded,
  type ParIndexError,
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
const p: number = s.pTarget;
const median: number = s.rankQuantiles.p50;
const g50: string | null = s.gainForP50;
const fromCsv: LeagueTable = LeagueTable.fromCsv("province,score\n", { index: "par", year: 2023 });
const rows: TableRow[] = fromCsv.rows();
const band: "A" | "B" | "C" | "below C" | null = t.band("Lạng Sơn");
const fw = Framework.forYear("par", 2023);
const max: string | null = fw.maxPoints("1");
const fieldMax: string | undefined = fw.children()[0]?.maxPoints;
const card = Scorecard.fromPoints(fw, "Lạng Sơn", { total: "85.94" });
const after = whatIf(card, t, [{ name: "F3", changes: [{ code: "3", add: 1.5 }] }])[0]?.rankAfter?.estimate;
const gainRows = rankGain(card, t, 30).rows.map((r) => r.ranksGained.estimate);
const steps = plan(card, t, 30, { basis: "estimate" }).steps.length;
const names: string[] = provinces().map((x) => x.name);
try {
  t.rank("Atlantis");
} catch (e) {
  const err = e as ParIndexError;
  const code: string = err.code;
  const row: number | null = err.row;
  void [code, row];
}
// @ts-expect-error: score() is a decimal string, not a number
const wrong: number = t.score("Lạng Sơn");
// @ts-expect-error: the options need a targetRank
t.simulate({ province: "Lạng Sơn", gain: 2 });
void [rank, score, low, kinds, p, median, g50, rows, band, max, fieldMax, after, gainRows, steps, names, wrong];
