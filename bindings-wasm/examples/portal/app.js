// The portal widget: every number on the page comes from the parindex WebAssembly module.
// This file only reads the controls, calls the library and draws the answers.
import init, { published, Framework, Scorecard, whatIf, bandOf } from "../../pkg/web/index.js";

const YEAR = 2023;
/** Scenarios of the live Monte Carlo: small enough for a slider (the full runs use 100,000). */
const LIVE_SCENARIOS = 4000;
const SEED = 7;

const $ = (id) => document.getElementById(id);
const state = {
  index: "par",
  province: "Lạng Sơn",
  target: 30,
  view: "field",
  table: null,
  framework: null,
  card: null,
  upload: null, // { name, text } of a scorecard CSV chosen by the user
  score: null,
  nodes: [],
  updates: 0,
  timings: [],
};
// Read by the browser test (and handy in the console).
window.__portal = state;

function hundredths(text) {
  return Math.round(Number(text) * 100);
}
function fromHundredths(h) {
  return (h / 100).toFixed(2);
}
function rankText(b) {
  if (!b) return "–";
  return b.best === b.worst ? `#${b.best}` : `#${b.best}–${b.worst} (estimate #${b.estimate})`;
}
/**
 * A score or points as published, with 2 decimals ("84.6" → "84.60"). Only for display: the
 * data keep the exact string the library returns.
 */
function twoDecimals(text) {
  const m = /^(-?\d+)(?:\.(\d*))?$/.exec(String(text));
  if (m && (m[2] ?? "").length <= 2) return `${m[1]}.${(m[2] ?? "").padEnd(2, "0")}`;
  return Number(text).toFixed(2);
}
function pct(p) {
  return `${(p * 100).toFixed(1)}%`;
}
function freeAll(...objs) {
  for (const o of objs) if (o) o.free();
}

function showError(e) {
  const el = $("error");
  if (!e) {
    el.hidden = true;
    el.textContent = "";
    return;
  }
  el.hidden = false;
  el.textContent = e.code ? `${e.message} [${e.code}]` : String(e);
}

// ---- choosing an index and a province -----------------------------------------------

function loadIndex() {
  freeAll(state.table, state.framework);
  state.table = published(state.index, YEAR);
  state.framework = state.index === "par" ? Framework.forYear("par", YEAR) : null;
  $("of").textContent = String(state.table.of);
  $("target").max = String(state.table.of);
  $("year-label").textContent = `(${YEAR})`;
  $("table-title").textContent = `${state.index === "par" ? "PAR INDEX" : "SIPAS"} ${YEAR}`;
  const fw = state.framework;
  $("method").textContent = fw
    ? `Methodology: ${fw.nameVi} — ${fw.decision}, Bộ Nội vụ.`
    : "Methodology: SIPAS, 1001/QĐ-BNV (11/12/2023), Bộ Nội vụ.";
  $("view").hidden = state.index !== "par";
  $("upload").hidden = state.index !== "par";
  const problems = state.table.problems();
  const known = state.table.entries();
  $("table-note").textContent =
    `${known.filter((e) => e.score !== null).length} scores and ${known.filter((e) => e.rank !== null).length} ranks ` +
    `of ${state.table.of} are published; the rest are shown as bounds. ${problems.length} inconsistencies in the sources are reported` +
    (problems.length ? `, e.g. “${problems[0].message}”` : "") + ".";
  fillProvinces();
  selectProvince();
}

function fillProvinces() {
  const select = $("province");
  if (select.options.length) return;
  const names = state.table.rows().map((r) => r.province).sort((a, b) => a.localeCompare(b, "vi"));
  for (const name of names) select.add(new Option(name, name, false, name === state.province));
}

function selectProvince() {
  const t = state.table;
  freeAll(state.card);
  state.card = null;
  state.score = t.score(state.province);
  const fw = state.framework;
  // The PAR INDEX has 100 points (framework total "100"), so the published index in
  // percent is the total in points: the scorecard holds only that total, and a gain at a
  // field or component moves the total by as much.
  $("card-note").textContent = "";
  if (fw && state.upload) {
    // The user's own scorecard (self-assessment or a published breakdown): sliders then
    // stop at each node's points lost, and "at max" means recovering them.
    try {
      state.card = Scorecard.fromCsv(state.upload.text, fw, state.province, { year: YEAR, label: state.upload.name });
      const mismatch = t.checkScorecard(state.card).concat(state.card.problems());
      $("card-note").textContent =
        `Using ${state.upload.name} for ${state.province}: total ${twoDecimals(state.card.total())} points.` +
        mismatch.map((p) => ` ⚠ ${p.message}`).join("");
    } catch (e) {
      $("card-note").textContent = `${state.upload.name}: ${e.message} — using the published total only.`;
    }
  }
  if (!state.card && fw && state.score !== null && fw.totalMaxPoints === "100") {
    state.card = Scorecard.fromPoints(fw, state.province, { total: state.score });
  }
  $("now-score").textContent = state.score === null ? "score not published" : `${twoDecimals(state.score)}%`;
  $("now-rank").textContent = rankText(t.rankBounds(state.province));
  $("now-band").textContent = t.band(state.province) ?? "–";
  buildSliders();
  update();
}

// ---- sliders ----------------------------------------------------------------------------

function sliderNodes() {
  const fw = state.framework;
  if (!fw) {
    return [{ code: "gain", label: "SIPAS (satisfaction, percentage points)", max: null, note: "" }];
  }
  const constraint = (code) => fw.constraints().find((c) => c.codes.includes(code));
  const list = state.view === "field" ? fw.children() : fw.groupings()[0].nodes;
  return list.map((n) => {
    const c = n.maxPoints ? null : constraint(n.code);
    return {
      code: n.code,
      label: state.view === "field" ? `${n.code}. ${n.nameVi}` : n.nameVi,
      max: n.maxPoints ?? (c ? c.sum : null),
      constraint: c,
      note: n.maxPoints ? `max ${n.maxPoints}` : c ? `max unknown; fields ${c.codes.join(" + ")} = ${c.sum}` : "max unknown",
    };
  });
}

function buildSliders() {
  const box = $("sliders");
  box.textContent = "";
  state.nodes = sliderNodes();
  const card = state.card;
  // Room to 100%, in hundredths of a point.
  const lost = card ? hundredths(card.lost("total") ?? "0") : state.score === null ? 0 : 10000 - hundredths(state.score);
  const enabled = state.score !== null || card !== null;
  for (const node of state.nodes) {
    const nodeLost = card && state.upload ? card.lost(node.code) : null;
    let capH = node.max === null ? lost : Math.min(hundredths(node.max), lost);
    if (nodeLost !== null) {
      capH = Math.min(hundredths(nodeLost), lost);
      node.note = `${card.points(node.code).points} of ${node.max}; ${nodeLost} lost`;
    } else if (card && state.upload && node.constraint) {
      // A max known only jointly (fields 2 + 6 + 7 = 35.5): the room left in the constraint.
      const used = node.constraint.codes.map((c) => card.points(c)?.points ?? "0").reduce((a, p) => a + hundredths(p), 0);
      capH = Math.min(capH, Math.max(0, hundredths(node.constraint.sum) - used));
      node.note = `max unknown; ${fromHundredths(capH)} left in fields ${node.constraint.codes.join(" + ")} = ${node.constraint.sum}`;
    }
    node.cap = fromHundredths(capH);
    const row = document.createElement("div");
    row.className = "slider";
    const id = `s-${node.code}`;
    row.innerHTML =
      `<label for="${id}"><span class="name"></span> <span class="muted note"></span></label>` +
      `<input id="${id}" type="range" min="0" max="${node.cap}" step="0.01" value="0" data-code="${node.code}">` +
      `<output for="${id}">+0.00</output>`;
    row.querySelector(".name").textContent = node.label;
    row.querySelector(".note").textContent = `(${node.note})`;
    const input = row.querySelector("input");
    input.disabled = !enabled;
    input.addEventListener("input", () => {
      row.querySelector("output").textContent = `+${Number(input.value).toFixed(2)}`;
      schedule();
    });
    box.append(row);
  }
  const par = state.index === "par";
  $("sliders-title").textContent = par
    ? `Gains by ${state.view === "field" ? "field (lĩnh vực)" : "component"}, in points of 100`
    : "Gain in SIPAS, percentage points";
  $("chart-title").textContent = par ? `Ranks gained per ${state.view}` : "Ranks gained";
  $("sliders-note").textContent = !enabled
    ? `${state.province}'s ${YEAR} score is not published: the what-if needs a starting score (its rank bounds are shown above).`
    : par && state.upload && card
      ? `Sliders stop at each node's points lost in your scorecard (or at 100%: ${fromHundredths(lost)} points at most). Pale bars: ranks gained by recovering them.`
    : par
      ? `Only the total is published for most provinces, so a gain in a field adds to the total. Sliders stop at the field's maximum or at 100% (${fromHundredths(lost)} points to gain at most).`
      : "SIPAS has no points per domain in the published data (the 23 : 16 item weights need survey answers), so one slider moves the index.";
}

function sliderValues() {
  return [...$("sliders").querySelectorAll("input")].map((i) => ({ code: i.dataset.code, value: i.value }));
}

let pending = false;
function schedule() {
  if (pending) return;
  pending = true;
  requestAnimationFrame(() => {
    pending = false;
    update();
  });
}

// ---- the update: what-if, Monte Carlo, chart, table ---------------------------------------

function update() {
  const t0 = performance.now();
  const t = state.table;
  const values = sliderValues();
  const totalH = values.reduce((s, v) => s + hundredths(v.value), 0);
  const gain = fromHundredths(totalH);
  let after = null;
  let bars = [];
  try {
    if (state.card) {
      // One call: all sliders together, then each slider alone as set, then each at its max.
      const scenarios = [
        { name: "all", changes: values.filter((v) => v.value !== "0").map((v) => ({ code: v.code, add: v.value })) },
        ...values.map((v) => ({ name: `${v.code} as set`, changes: [{ code: v.code, add: v.value }] })),
        ...state.nodes.map((n) => ({ name: `${n.code} at max`, changes: [{ code: n.code, add: n.cap }] })),
      ];
      const results = whatIf(state.card, t, scenarios);
      const [all] = results;
      const k = values.length;
      after = { score: all.indexAfter, rank: all.rankAfter, band: all.bandAfter };
      const now = all.rankBefore.estimate;
      bars = state.nodes.map((n, i) => ({
        code: n.code,
        label: n.label,
        now: now - results[1 + i].rankAfter.estimate,
        max: now - results[1 + k + i].rankAfter.estimate,
      }));
    } else if (state.score !== null) {
      const rank = t.rankWithGain(state.province, gain);
      const score = fromHundredths(hundredths(state.score) + totalH);
      after = { score, rank, band: bandOf(score) };
      const now = t.rankBounds(state.province).estimate;
      bars = state.nodes.map((n) => ({
        code: n.code,
        label: n.label,
        now: now - rank.estimate,
        max: now - t.rankWithGain(state.province, n.cap).estimate,
      }));
    }
    showError(null);
  } catch (e) {
    // e.g. ABOVE_MAX when the gains add up to more than 100%: keep the last answer.
    showError(e);
    state.updates += 1;
    document.body.dataset.updates = String(state.updates);
    return;
  }
  const t1 = performance.now();
  let sim = null;
  try {
    sim = t.simulate({
      province: state.province,
      gain,
      targetRank: state.target,
      scenarios: LIVE_SCENARIOS,
      seed: SEED,
    });
  } catch (e) {
    showError(e);
  }
  const t2 = performance.now();

  const need = state.score === null ? null : t.pointsToRank(state.province, state.target);
  $("need").textContent = need
    ? `To reach rank ≤ ${state.target} with everyone else as published: +${need.low} to +${need.high} points (estimate +${need.estimate}).`
    : "";
  $("target-label").textContent = String(state.target);
  $("gain-total").textContent = after ? `(+${gain})` : "";
  $("after-score").textContent = after ? `${Number(after.score).toFixed(2)}%` : "–";
  const rankEl = $("after-rank");
  rankEl.textContent = after ? rankText(after.rank) : "–";
  rankEl.dataset.rankBest = after ? String(after.rank.best) : "";
  rankEl.dataset.rankWorst = after ? String(after.rank.worst) : "";
  rankEl.dataset.rankEstimate = after ? String(after.rank.estimate) : "";
  $("after-band").textContent = after ? after.band : "–";
  const pEl = $("p-target");
  pEl.textContent = sim ? pct(sim.pTarget) : "–";
  pEl.dataset.p = sim ? String(sim.pTarget) : "";
  $("p-note").textContent = sim
    ? `${LIVE_SCENARIOS.toLocaleString("en")} scenarios (seed ${SEED}) for live updates; the reports use 100,000. ` +
      `Rank 5–95%: ${sim.rankQuantiles.p05}–${sim.rankQuantiles.p95} (median ${sim.rankQuantiles.p50}). ` +
      `Gain for P ≥ 50%: ${sim.gainForP50 ?? "not reachable"}. Model: ${sim.model.description}.`
    : "";
  drawChart(bars);
  renderTable(after);
  const t3 = performance.now();
  const timing = { whatIf: t1 - t0, simulate: t2 - t1, draw: t3 - t2, total: t3 - t0 };
  state.timings.push(timing);
  state.updates += 1;
  $("timing").textContent =
    `${timing.total.toFixed(1)} ms (what-if ${timing.whatIf.toFixed(1)} ms, ` +
    `Monte Carlo ${timing.simulate.toFixed(1)} ms, drawing ${timing.draw.toFixed(1)} ms)`;
  document.body.dataset.updates = String(state.updates);
}

// ---- drawing --------------------------------------------------------------------------------

const SVG = "http://www.w3.org/2000/svg";
function el(name, attrs, text) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function drawChart(bars) {
  const svg = $("chart");
  svg.textContent = "";
  const W = 720;
  const H = 260;
  svg.setAttribute("viewBox", `0 0 ${W} ${H}`);
  if (!bars.length) return;
  const top = Math.max(1, ...bars.map((b) => Math.max(b.max, b.now)));
  const left = 36;
  const bottom = 40;
  const plotH = H - bottom - 20;
  const slot = (W - left) / bars.length;
  const y = (v) => 20 + plotH - (Math.max(0, v) / top) * plotH;
  for (const tick of [0, Math.round(top / 2), top]) {
    svg.append(el("line", { x1: left, x2: W, y1: y(tick), y2: y(tick), class: "grid" }));
    svg.append(el("text", { x: left - 6, y: y(tick) + 4, "text-anchor": "end", class: "tick" }, String(tick)));
  }
  bars.forEach((b, i) => {
    const x = left + i * slot + slot * 0.2;
    const w = slot * 0.6;
    const g = el("g", { "data-code": b.code });
    g.append(el("title", {}, `${b.label}: +${b.now} ranks as set, +${b.max} at the maximum`));
    g.append(el("rect", { x, y: y(b.max), width: w, height: y(0) - y(b.max), class: "bar-max" }));
    g.append(el("rect", { x, y: y(b.now), width: w, height: y(0) - y(b.now), class: "bar-now" }));
    g.append(el("text", { x: x + w / 2, y: y(b.now) - 4, "text-anchor": "middle", class: "value" }, `+${b.now}`));
    const short = state.index === "par" && state.view === "field" ? `F${b.code}` : b.code.replace(/_/g, " ");
    g.append(el("text", { x: x + w / 2, y: H - bottom + 16, "text-anchor": "middle", class: "label" }, short));
    svg.append(g);
  });
}

function renderTable(after) {
  const body = $("table").tBodies[0];
  body.textContent = "";
  // Provinces with neither a score nor a rank go last (the core orders them by best rank).
  const rows = state.table.rows();
  const placed = rows.filter((r) => r.rank !== null || r.score !== null);
  const open = rows.filter((r) => r.rank === null && r.score === null);
  for (const r of [...placed, ...open]) {
    const tr = document.createElement("tr");
    if (r.province === state.province) tr.className = "me";
    const rank = r.rank !== null ? `${r.rank}` : r.rankBest !== null ? `${r.rankBest}–${r.rankWorst}` : "–";
    const score = r.score !== null ? twoDecimals(r.score) : r.scoreEstimate ? `≈ ${twoDecimals(r.scoreEstimate)}` : "–";
    const cells = [rank, r.province, score, r.band ?? "", r.region ?? ""];
    for (const [i, text] of cells.entries()) {
      const td = document.createElement("td");
      td.textContent = text;
      if (i === 0 && r.rank === null) td.className = "muted";
      if (i === 2 && r.score === null) {
        td.className = "muted";
        if (r.scoreLow !== null) td.title = `between ${twoDecimals(r.scoreLow)} and ${twoDecimals(r.scoreHigh)}`;
      }
      tr.append(td);
    }
    if (r.province === state.province && after) {
      const badge = document.createElement("span");
      badge.className = "badge";
      badge.textContent = `→ ${rankText(after.rank)}`;
      tr.cells[1].append(" ", badge);
    }
    body.append(tr);
  }
}

// ---- wiring ---------------------------------------------------------------------------------

async function main() {
  await init();
  $("index").addEventListener("change", (e) => {
    state.index = e.target.value;
    loadIndex();
  });
  $("province").addEventListener("change", (e) => {
    state.province = e.target.value;
    selectProvince();
  });
  $("target").addEventListener("change", (e) => {
    const v = Math.round(Number(e.target.value));
    state.target = Math.min(Math.max(1, Number.isFinite(v) ? v : 30), state.table.of);
    e.target.value = String(state.target);
    update();
  });
  for (const radio of document.querySelectorAll('input[name="view"]')) {
    radio.addEventListener("change", (e) => {
      state.view = e.target.value;
      buildSliders();
      update();
    });
  }
  $("scorecard").addEventListener("change", async (e) => {
    const file = e.target.files[0];
    state.upload = file ? { name: file.name, text: await file.text() } : null;
    selectProvince();
  });
  $("reset").addEventListener("click", () => {
    buildSliders();
    update();
  });
  loadIndex();
  $("status").textContent = "Ready. Drag a slider.";
  document.body.dataset.ready = "1";
}

main().catch((e) => {
  $("status").textContent = `Could not start: ${e.message}`;
  throw e;
});
