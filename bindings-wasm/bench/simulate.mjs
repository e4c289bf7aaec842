// Benchmark: `simulate` for 10⁶ scenarios in Node — the WASM module (one thread) against
// the same Monte Carlo written in plain JS, the baseline a portal developer would write.
//
//   node bench/simulate.mjs [scenarios=1000000] [repeats=3]
//
// Both simulate Lạng Sơn's PAR INDEX 2023 for next year, target rank ≤ 30: each competitor
// = its current score (drawn within its bounds when not published) + a change drawn from
// the published 2022→2023 changes; the province = 85.94 + the planned gain. Per scenario
// both count the rank for each planned gain and find the least gain that reaches rank 30.
//
// "plain JS" is written as a portal developer would: floats, Math.random, an array sorted
// per scenario. "tuned JS" is the same loop as the Rust core's: integer hundredths, a
// xorshift generator, typed arrays, no sorting. The competitors' bounds come from the
// public API (table rows), so the JS models are close to, not identical with, the core's
// (which bounds unknown scores slot by slot): the P values are printed for comparison.
import { published, yearOverYear } from "parindex";

const SCENARIOS = Number(process.argv[2] ?? 1_000_000);
const REPEATS = Number(process.argv[3] ?? 3);
const PROVINCE = "Lạng Sơn";
const TARGET = 30;
const GAINS = [1, 2, 3, 4, 5, 6];

const table = published("par", 2023);
const own = Number(table.score(PROVINCE));
const competitors = table
  .rows()
  .filter((r) => r.province !== PROVINCE)
  .map((r) => [Number(r.scoreLow), Number(r.scoreHigh)]);
const changes = yearOverYear(published("par", 2022), table)
  .filter((r) => r.scoreChange !== null)
  .map((r) => Number(r.scoreChange));

function time(fn) {
  const runs = [];
  let result;
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    result = fn();
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  return { ms: runs[Math.floor(runs.length / 2)], result };
}

// ---- WASM: the library ------------------------------------------------------------------
function wasm() {
  const s = table.simulate({ province: PROVINCE, gains: GAINS, targetRank: TARGET, scenarios: SCENARIOS, seed: 7 });
  return { p: s.plans.map((p) => p.pTarget), gainForP50: Number(s.gainForP50) };
}

// ---- plain JS: what a portal developer would write ---------------------------------------------
function plainJs() {
  const n = competitors.length;
  const hits = new Array(GAINS.length).fill(0);
  const needed = [];
  const next = new Array(n);
  for (let s = 0; s < SCENARIOS; s++) {
    for (let i = 0; i < n; i++) {
      const [lo, hi] = competitors[i];
      const current = lo + Math.random() * (hi - lo);
      const change = changes[Math.floor(Math.random() * changes.length)];
      next[i] = Math.min(100, Math.max(0, current + change));
    }
    GAINS.forEach((g, k) => {
      const mine = Math.min(100, own + g);
      const above = next.filter((v) => v > mine).length;
      if (above + 1 <= TARGET) hits[k]++;
    });
    const sorted = [...next].sort((a, b) => b - a);
    needed.push(Math.max(0, sorted[TARGET - 1] - own));
  }
  needed.sort((a, b) => a - b);
  return { p: hits.map((h) => h / SCENARIOS), gainForP50: needed[Math.ceil(SCENARIOS / 2) - 1] };
}

// ---- tuned JS: the core's loop in JS --------------------------------------------------------------
function tunedJs() {
  const n = competitors.length;
  const lo = Int32Array.from(competitors, ([a]) => Math.round(a * 100));
  const span = Int32Array.from(competitors, ([a, b]) => Math.round(b * 100) - Math.round(a * 100));
  const ch = Int32Array.from(changes, (c) => Math.round(c * 100));
  const ownH = Math.round(own * 100);
  const gainsH = Int32Array.from(GAINS, (g) => g * 100);
  const hits = new Float64Array(GAINS.length);
  const gainCounts = new Float64Array(10_001);
  const next = new Int32Array(n);
  const scratch = new Int32Array(n);
  let x = 0x9e3779b9 | 0;
  const rand = () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
  for (let s = 0; s < SCENARIOS; s++) {
    for (let i = 0; i < n; i++) {
      const v = lo[i] + (span[i] ? Math.floor(rand() * (span[i] + 1)) : 0) + ch[Math.floor(rand() * ch.length)];
      next[i] = v < 0 ? 0 : v > 10000 ? 10000 : v;
    }
    for (let k = 0; k < gainsH.length; k++) {
      const mine = Math.min(10000, ownH + gainsH[k]);
      let above = 0;
      for (let i = 0; i < n; i++) above += next[i] > mine ? 1 : 0;
      if (above < TARGET) hits[k]++;
    }
    // The TARGET-th highest among those above `own`, by partial selection.
    let m = 0;
    for (let i = 0; i < n; i++) if (next[i] > ownH) scratch[m++] = next[i];
    let need = 0;
    if (m >= TARGET) {
      const part = scratch.subarray(0, m);
      part.sort();
      need = part[m - TARGET] - ownH;
    }
    gainCounts[need]++;
  }
  let cum = 0;
  let g50 = null;
  for (let h = 0; h < gainCounts.length; h++) {
    cum += gainCounts[h];
    if (cum >= Math.ceil(SCENARIOS / 2)) {
      g50 = h / 100;
      break;
    }
  }
  return { p: Array.from(hits, (h) => h / SCENARIOS), gainForP50: g50 };
}

wasm(); // warm-up (compiles the module's hot paths)
const results = {
  wasm: time(wasm),
  plainJs: time(plainJs),
  tunedJs: time(tunedJs),
};
const fmt = (p) => p.map((v) => v.toFixed(3)).join(" ");
console.log(`simulate, ${SCENARIOS.toLocaleString("en")} scenarios, ${GAINS.length} planned gains, ${competitors.length} competitors; median of ${REPEATS} runs (Node ${process.version})`);
for (const [name, r] of Object.entries(results)) {
  console.log(
    `${name.padEnd(8)} ${r.ms.toFixed(0).padStart(7)} ms   P(rank ≤ ${TARGET}) for +${GAINS.join(",+")}: ${fmt(r.result.p)}   gain for 50%: ${r.result.gainForP50}`,
  );
}
console.log(`ratio plain JS / WASM: ${(results.plainJs.ms / results.wasm.ms).toFixed(1)}×`);
console.log(`ratio tuned JS / WASM: ${(results.tunedJs.ms / results.wasm.ms).toFixed(1)}×`);
