// Benchmark: the CSV loaders through the WebAssembly module in Node at national size, with a
// plain-JS baseline (split the lines, group by unit and item, average) in the same run,
// reported as a ratio. A harness script: it prints figures and asserts nothing about time.
//
//   node bench/loaders.mjs [answers=1000000] [rows=100000] [repeats=3]
//
// - a long-form SIPAS survey of `answers` answers (synthetic: `Survey.synthetic`, as CSV
//   text), read with `Survey.fromCsv` and `sipasFromAnswers` (read and computed);
// - a league-table CSV of `rows` rows (the 63 provinces over many years, one year kept),
//   read with `LeagueTable.fromCsv`;
// - the scaling check: the same loads at a quarter of the size (4× the rows should cost at
//   most ~5× the time).
import { Framework, LeagueTable, Survey, provinces, sipasFromAnswers } from "parindex";

const ANSWERS = Number(process.argv[2] ?? 1_000_000);
const ROWS = Number(process.argv[3] ?? 100_000);
const REPEATS = Number(process.argv[4] ?? 3);

function best(f) {
  let min = Infinity;
  for (let i = 0; i < REPEATS; i++) {
    const start = performance.now();
    const out = f();
    min = Math.min(min, (performance.now() - start) / 1000);
    if (out && typeof out.free === "function") out.free();
  }
  return min;
}

function surveyText(answers) {
  const fw = Framework.builtin("sipas-2023");
  const items = fw.leafCodes().length;
  const respondents = Math.max(1, Math.round(answers / (63 * items)));
  const s = Survey.synthetic({ framework: "sipas-2023", units: 63, respondents, seed: 1 });
  const text = s.toLongCsv();
  s.free();
  return text;
}

function tableText(rows) {
  const names = provinces().map((p) => p.province);
  const years = Math.max(1, Math.floor(rows / names.length));
  const lines = ["year,province,score,rank"];
  for (let y = 2023 - years + 1; y <= 2023; y++) {
    names.forEach((p, i) => lines.push(`${y},${p},${(90 - i * 0.25).toFixed(2)},${i + 1}`));
  }
  return lines.join("\n") + "\n";
}

/** The baseline a portal developer would write: mean answer per unit and item. */
function plainMeans(text) {
  const lines = text.split("\n");
  const head = lines[0].split(",");
  const [u, it, a] = ["unit", "item", "answer"].map((h) => head.indexOf(h));
  const sums = new Map();
  for (let i = 1; i < lines.length; i++) {
    if (!lines[i]) continue;
    const c = lines[i].split(",");
    const v = Number(c[a]);
    if (!c[a] || Number.isNaN(v)) continue;
    const key = `${c[u]}\u0000${c[it]}`;
    const s = sums.get(key) ?? [0, 0];
    s[0] += v;
    s[1] += 1;
    sums.set(key, s);
  }
  return sums;
}

function plainTable(text) {
  return text.split("\n").filter((l) => l.startsWith("2023,")).map((l) => l.split(","));
}

function measure(answers, rows) {
  const survey = surveyText(answers);
  const table = tableText(rows);
  return {
    answers: survey.split("\n").length - 2,
    rows: table.split("\n").length - 2,
    "Survey.fromCsv": best(() => Survey.fromCsv(survey, { framework: "sipas-2023" })),
    sipasFromAnswers: best(() => sipasFromAnswers(survey, { framework: "sipas-2023" })),
    "plain JS survey": best(() => plainMeans(survey)),
    "LeagueTable.fromCsv": best(() => LeagueTable.fromCsv(table, { index: "par", year: 2023 })),
    "plain JS table": best(() => plainTable(table)),
  };
}

const full = measure(ANSWERS, ROWS);
const quarter = measure(Math.floor(ANSWERS / 4), Math.floor(ROWS / 4));
console.log(`Node ${process.version}, best of ${REPEATS}`);
console.log(`survey: ${full.answers.toLocaleString("en")} long-form answers; table: ${full.rows.toLocaleString("en")} rows`);
console.log(`${"load".padEnd(22)}${"seconds".padStart(10)}${"÷ plain JS".padStart(12)}${"4× rows: × time".padStart(18)}`);
for (const [name, base] of [
  ["Survey.fromCsv", "plain JS survey"],
  ["sipasFromAnswers", "plain JS survey"],
  ["LeagueTable.fromCsv", "plain JS table"],
  ["plain JS survey", null],
  ["plain JS table", null],
]) {
  const ratio = base ? (full[name] / full[base]).toFixed(2) : "";
  console.log(`${name.padEnd(22)}${full[name].toFixed(3).padStart(10)}${ratio.padStart(12)}${(full[name] / quarter[name]).toFixed(2).padStart(18)}`);
}
