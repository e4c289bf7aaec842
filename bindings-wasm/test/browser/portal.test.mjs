// <parindex-whatif> in Debian's Chromium, driven by playwright-core. The package folder is
// served on 127.0.0.1 (test/browser/server.mjs); pages under a strict Content-Security-Policy
// load the widget:
//   - examples/portal/: the thin portal page (two widgets, PAR and SIPAS);
//   - test/browser/fixtures/hostile.html: a portal whose global CSS styles body, h1, table,
//     .badge… and whose own elements have the ids table, status and error; two widgets are
//     mounted with mount() and neither side may change the other;
//   - an esbuild bundle of a one-line app; a "CDN" (a second origin) serving the module.
// Every number shown must be what the core computes (the nodejs build, here). Screenshots
// (1280 and 375 px), axe-core results and slider timings go to test-output/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { published, Framework, Scorecard, rankGain, LeagueTable, backtest } from "parindex";
import { pkgRoot, testdata } from "../node/helpers.mjs";
import { MESSAGES } from "../../widget/messages.js";
import { serveStatic } from "./server.mjs";
import { buildEsbuildApp } from "../bundlers/esbuild-app.mjs";
import { buildViteApp } from "../bundlers/vite-app.mjs";

const LS = "Lạng Sơn";
const OUT = join(pkgRoot, "test-output");
const CHROMIUM = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

let servers = [];
let context;
let base;
let cdn;
const problems = [];
/** Console errors a test provokes on purpose (a 404 it asked for, a CSP refusal). */
const expected = [];

before(async () => {
  mkdirSync(OUT, { recursive: true });
  await buildEsbuildApp(pkgRoot, join(OUT, "esbuild-app"));
  await buildViteApp(pkgRoot, join(OUT, "vite-app"));
  const a = await serveStatic(pkgRoot);
  const b = await serveStatic(pkgRoot); // another port: another origin, as a CDN
  servers = [a.server, b.server];
  base = `http://127.0.0.1:${a.port}`;
  cdn = `http://127.0.0.1:${b.port}`;
  const profile = mkdtempSync(join(tmpdir(), "parindex-chromium-"));
  context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
  context.__profile = profile;
});

after(async () => {
  if (context) {
    await context.close();
    rmSync(context.__profile, { recursive: true, force: true });
  }
  for (const s of servers) s.close();
});

async function open(path, viewport = { width: 1280, height: 900 }, setup = () => {}) {
  const page = await context.newPage();
  setup(page);
  await page.setViewportSize(viewport);
  page.on("console", (m) => {
    const said = `${m.text()} ${m.location()?.url ?? ""}`;
    if (m.type() === "error" && !expected.some((re) => re.test(said))) problems.push(`${path}: console: ${said}`);
  });
  page.on("pageerror", (e) => problems.push(`${path}: page error: ${e.message}`));
  page.on("requestfailed", (r) => problems.push(`${path}: request failed: ${r.url()}`));
  page.on("response", (r) => {
    if (r.status() >= 400 && !expected.some((re) => re.test(r.url()))) problems.push(`${path}: HTTP ${r.status()} ${r.url()}`);
  });
  await page.goto(`${base}/${path}`);
  return page;
}

/** Wait until every widget of the page (or the one of `sel`) has drawn `n` updates more than `since`. */
async function settled(page, sel = "parindex-whatif", since = 0) {
  await page.waitForFunction(
    ([s, k]) => {
      const all = [...document.querySelectorAll(s)];
      return all.length > 0 && all.every((w) => w.updates > k);
    },
    [sel, since],
    { timeout: 30000 },
  );
}
const updates = (page, sel) => page.locator(sel).evaluate((w) => w.updates);
/** Wait until question 2 of `sel` shows the probability `p` (it is computed once the slider rests). */
const q2Shows = (page, sel, p) => page.waitForFunction(
  ([s, v]) => document.querySelector(s)?.shadowRoot.querySelector(".q2 .big").dataset.p === String(v), [sel, p], { timeout: 30000 });
/** The fitted model's 90% bands in past years, pooled as the widget states them: [held, of]. */
function calibration(index, year) {
  let k = 0;
  let n = 0;
  for (let t = year - 1; ; t--) {
    let b;
    try { b = backtest(index, t, t + 1); } catch { break; }
    k += b.summary.inside90;
    n += b.summary.n;
  }
  return [k, n];
}
async function setSlider(page, sel, code, value) {
  const n = await updates(page, sel);
  await page.locator(`${sel} .slider input[data-code="${code}"]`).fill(String(value));
  await settled(page, sel, n);
}
const text = (page, sel) => page.locator(sel).innerText();
const mountIn = (page, slot, options) =>
  page.evaluate(([s, o]) => { window.parindexWidget.mount(document.getElementById(s), o); }, [slot, options]);
const moduleLoaded = (page) => page.waitForFunction(() => Boolean(window.parindexWidget));

function rankVi(b) {
  return b.best === b.worst ? String(b.best) : `từ ${b.best} đến ${b.worst} (ước tính ${b.estimate})`;
}

test("the portal example: two widgets (PAR, SIPAS in a worker) show what the core computes", async () => {
  const page = await open("examples/portal/index.html");
  await settled(page);
  const PAR = "parindex-whatif[index=par]";
  const SIP = "parindex-whatif[index=sipas]";
  assert.equal(await text(page, `${PAR} .now .big`), "85,94%");
  assert.equal(await text(page, `${PAR} .now p:nth-of-type(2)`), "Hạng 47 trên 63 · nhóm B");
  assert.match(await text(page, `${PAR} .now .muted`), /cần thêm từ 1,10 đến 1,38 điểm \(ước tính 1,29\)/);
  assert.equal(await page.locator(`${PAR} tbody tr`).count(), 63);
  assert.equal(await page.locator(`${PAR} .slider input[type=range]`).count(), 8);
  const t = published("par", 2023);
  await setSlider(page, PAR, "3", "1.5");
  const expectedRank = t.rankWithGain(LS, "1.50");
  const shown = await page.locator(`${PAR} .q1 p:nth-of-type(3)`).evaluate((e) => ({ ...e.dataset }));
  assert.deepEqual({ best: +shown.best, worst: +shown.worst, estimate: +shown.estimate }, expectedRank);
  assert.equal(await text(page, `${PAR} .q1 .big`), "87,44%");
  assert.match(await text(page, `${PAR} .q1 p:nth-of-type(3)`), new RegExp(`^Tăng 1,50 điểm → hạng ${rankVi(expectedRank).replace(/[()]/g, "\\$&")} trên 63 · nhóm B$`));
  // Question 2: exact (not sampled) under the fitted model with the province's own planned
  // gain, the same number as the library's `chances` for the same inputs.
  const ex = t.chances({ province: LS, gain: "1.50", targetRank: 30 });
  assert.equal(ex.method, "exact");
  await q2Shows(page, PAR, ex.plans[0].pTarget);
  assert.equal(Number(await page.locator(`${PAR} .q2 .big`).getAttribute("data-p")), ex.plans[0].pTarget);
  assert.match(await text(page, `${PAR} .q2 .big`), /^(< |> )?\d+,\d%$/);
  // More gain, more chance (the same model): 0 points gives less than 1,50.
  assert.ok(t.chances({ province: LS, gain: "0", targetRank: 30 }).plans[0].pTarget < ex.plans[0].pTarget);
  const q2Text = await text(page, `${PAR} .q2`);
  assert.match(q2Text, /Tính chính xác theo mô hình, không lấy mẫu ngẫu nhiên\. Mô hình: năm sau, điểm mỗi tỉnh = điểm hiện tại \+ mức tăng giảm chung của cả nước/);
  assert.doesNotMatch(q2Text, /fitted|empirical|normal/i);
  // Its calibration in plain words: the backtests of every past year pair, pooled.
  const [k, n] = calibration("par", 2023);
  assert.ok(n > 0 && k <= n);
  assert.match(q2Text, new RegExp(`khoảng dự báo 90% của mô hình đã chứa đúng thứ hạng công bố của ${k} trên ${n} trường hợp`));
  assert.equal(await page.locator(`${PAR} .q2 p[data-calibration]`).getAttribute("data-calibration"), `${k}/${n}`);
  // The bar of field 3: ranks gained by its slider alone; total only → no "at max" bar.
  assert.equal(await page.locator(`${PAR} .bar[data-code="3"]`).getAttribute("data-now"), String(47 - expectedRank.estimate));
  assert.equal(await page.locator(`${PAR} .bar .max`).count(), 0);
  assert.match(await text(page, `${PAR} .block:has(.bars) .muted`), /không cho biết lĩnh vực nào còn nhiều điểm để tăng/);
  // SIPAS, its question 2 computed in the worker.
  assert.equal(await text(page, `${SIP} .now .big`), "79,30%");
  assert.match(await text(page, `${SIP} .now p:nth-of-type(2)`), /^Hạng 55 trên 63 · nhóm C$/);
  assert.equal(await page.locator(`${SIP} .slider input[type=range]`).count(), 1);
  assert.ok(await page.locator(`${SIP} fieldset.view`).isHidden(), "no field/component choice for SIPAS");
  assert.ok(await page.locator(`${SIP} .block:has(.bars)`).isHidden(), "no per-field chart for SIPAS");
  await setSlider(page, SIP, "gain", "3");
  const sipas = published("sipas", 2023);
  const sx = sipas.chances({ province: LS, gain: "3.00", targetRank: 30 });
  await q2Shows(page, SIP, sx.plans[0].pTarget);
  const [sk, sn] = calibration("sipas", 2023);
  assert.match(await text(page, `${SIP} .q2`), new RegExp(`công bố của ${sk} trên ${sn} trường hợp`));
  assert.equal(await text(page, `${SIP} .q1 .big`), "82,30%");
  // The page themes the widget only through ::part() and --parindex-* (examples/portal/style.css).
  assert.equal(await page.locator(`${PAR} .title`).evaluate((e) => getComputedStyle(e).letterSpacing), "0.216px"); // 0.01em of 21.6 px
  await page.screenshot({ path: join(OUT, "portal-1280.png"), fullPage: true });
  await page.close();
});

const HOST_SNAPSHOT = () => {
  const cs = (sel, props) => {
    const s = getComputedStyle(document.querySelector(sel));
    return Object.fromEntries(props.map((p) => [p, s.getPropertyValue(p)]));
  };
  return {
    table: document.getElementById("table").outerHTML,
    status: document.getElementById("status").outerHTML,
    error: document.getElementById("error").outerHTML,
    head: document.head.innerHTML,
    sheets: document.styleSheets.length,
    ids: [...document.querySelectorAll("[id]")].map((e) => e.id),
    body: cs("body", ["font-size", "font-family", "color", "background-color", "max-width", "text-transform"]),
    h1: cs("h1", ["color", "font-size", "font-style"]),
    tableStyle: cs("#table", ["border-top-width", "border-top-color", "width"]),
    td: cs("#table td", ["padding-top", "background-color"]),
    badge: cs(".badge", ["display", "color"]),
    statusStyle: cs("#status", ["font-weight", "display"]),
  };
};

const WIDGET_SNAPSHOT = (slot) => {
  const root = document.querySelector(`#${slot} parindex-whatif`).shadowRoot;
  const props = ["font-size", "font-family", "color", "background-color", "line-height", "letter-spacing", "text-transform",
    "display", "font-style", "border-top-width", "padding-top", "margin-top", "box-sizing"];
  const out = {};
  for (const sel of [".root", ".title", ".card.q1", ".card.q1 .big", ".status", "details.table", "table", "td", "th",
    "input[type=range]", "select", "button", "output", ".slider label", "section.block", ".bars", "summary"]) {
    const el = root.querySelector(sel);
    if (!el) { out[sel] = null; continue; }
    const s = getComputedStyle(el);
    out[sel] = Object.fromEntries(props.map((p) => [p, s.getPropertyValue(p)]));
  }
  out.rows = root.querySelectorAll("tbody tr").length;
  return out;
};

let hostilePage;

test("on a hostile portal page, neither the page nor the two widgets change the other", async () => {
  // The widgets alone on a blank page, as the reference.
  const clean = await open("test/browser/fixtures/clean.html");
  await moduleLoaded(clean);
  await mountIn(clean, "slot-par", { province: LS, index: "par" });
  await mountIn(clean, "slot-sipas", { province: LS, index: "sipas" });
  await settled(clean);
  const refPar = await clean.evaluate(WIDGET_SNAPSHOT, "slot-par");
  const refSip = await clean.evaluate(WIDGET_SNAPSHOT, "slot-sipas");
  await clean.close();

  const page = await open("test/browser/fixtures/hostile.html");
  hostilePage = page;
  await moduleLoaded(page);
  const beforeHost = await page.evaluate(HOST_SNAPSHOT);
  assert.equal(beforeHost.badge.display, "inline"); // the page's own styles apply to its own elements
  await mountIn(page, "slot-par", { province: LS, index: "par", year: 2023, target: 30 });
  await mountIn(page, "slot-sipas", { province: LS, index: "sipas", year: 2023, target: 30 });
  await settled(page);
  await setSlider(page, "#slot-par parindex-whatif", "5", "2");
  const afterHost = await page.evaluate(HOST_SNAPSHOT);
  // The page: its table keeps its 3 rows, its #status and #error their text, its styles.
  assert.deepEqual(afterHost, { ...beforeHost, ids: [...beforeHost.ids] });
  assert.equal(await page.locator("#table tr").count(), 3);
  assert.equal(await page.evaluate(() => document.getElementById("status").textContent), "Trạng thái của cổng");
  // The widgets: styled exactly as on a blank page (computed styles of their parts).
  assert.deepEqual(await page.evaluate(WIDGET_SNAPSHOT, "slot-par"), refPar);
  assert.deepEqual(await page.evaluate(WIDGET_SNAPSHOT, "slot-sipas"), refSip);
  assert.equal(refPar.rows, 63);
  assert.equal(refPar[".card.q1"].display, "flex");
  // Each widget holds its own table and answers: PAR and SIPAS on one page.
  assert.equal(await text(page, "#slot-par parindex-whatif .now .big"), "85,94%");
  assert.equal(await text(page, "#slot-sipas parindex-whatif .now .big"), "79,30%");
});

test("screenshots at 1280 and 375 px; usable from 320 to 1440 px (no sideways scroll, sliders with room)", async () => {
  const page = hostilePage;
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: join(OUT, "hostile-1280.png"), fullPage: true });
  for (const width of [1440, 375, 320]) {
    await page.setViewportSize({ width, height: 800 });
    await page.waitForTimeout(100);
    const m = await page.evaluate(() => {
      const w = document.querySelector("#slot-par parindex-whatif");
      const r = w.shadowRoot;
      const range = r.querySelector("input[type=range]").getBoundingClientRect();
      const fonts = [...r.querySelectorAll("p, span, td, th, label, output, summary, h3")]
        .filter((e) => e.getClientRects().length)
        .map((e) => parseFloat(getComputedStyle(e).fontSize));
      return { host: w.getBoundingClientRect().width, scroll: w.scrollWidth, inner: r.querySelector(".root").scrollWidth,
        rootW: r.querySelector(".root").clientWidth, range: range.width, minFont: Math.min(...fonts) };
    });
    assert.ok(m.inner <= m.rootW + 1, `${width}px: content ${m.inner} px wider than the widget ${m.rootW} px`);
    // Narrow: a slider spans most of the row; wide: its column, still long.
    assert.ok(width < 700 ? m.range >= 0.55 * m.rootW : m.range >= 300, `${width}px: slider ${m.range} px of ${m.rootW}`);
    assert.ok(m.minFont >= 13, `${width}px: smallest text ${m.minFont} px`);
    if (width === 375) await page.screenshot({ path: join(OUT, "hostile-375.png"), fullPage: true });
  }
  // The table scrolls in its own box, opened.
  await page.setViewportSize({ width: 375, height: 800 });
  await page.locator("#slot-par parindex-whatif details.table summary").click();
  const box = await page.locator("#slot-par parindex-whatif .scroll").boundingBox();
  assert.ok(box.height <= 26 * 16 + 4, `table box ${box.height} px`);
  await page.locator("#slot-par parindex-whatif details.table").screenshot({ path: join(OUT, "table-375.png") });
  await page.setViewportSize({ width: 1280, height: 900 });
});

const ENGLISH = new Set([
  "the", "and", "of", "with", "what", "if", "rank", "ranks", "score", "gain", "gains", "points", "point", "band", "field",
  "fields", "next", "year", "others", "published", "scenarios", "seed", "estimate", "unknown", "not", "model", "question",
  "loading", "ready", "error", "table", "province", "target", "reset", "sliders", "slider", "max", "now", "between",
]);

test("the default interface is Vietnamese: no English words, numbers in vi-VN format", async () => {
  const page = hostilePage;
  await page.locator("#slot-par parindex-whatif details.table").evaluate((d) => { d.open = true; });
  // English words: the list above and every ASCII word of the English messages.
  const en = new Set(ENGLISH);
  const walk = (o) => Object.values(o).forEach((v) => (typeof v === "string" ? v.toLowerCase().match(/\b[a-z]{3,}\b/g)?.forEach((w) => en.add(w)) : walk(v)));
  walk(MESSAGES.en);
  // Words the Vietnamese messages use too (names such as PAR INDEX, SIPAS, QĐ-BNV).
  const vi = new Set();
  const walkVi = (o) => Object.values(o).forEach((v) => (typeof v === "string" ? v.toLowerCase().match(/[a-zà-ỹđ]+/g)?.forEach((w) => vi.add(w)) : walkVi(v)));
  walkVi(MESSAGES.vi);
  for (const w of vi) en.delete(w);
  for (const slot of ["slot-par", "slot-sipas"]) {
    const shown = await page.evaluate((s) => document.querySelector(`#${s} parindex-whatif`).shadowRoot.querySelector(".root").innerText, slot);
    const words = new Set((shown.toLowerCase().match(/[a-zà-ỹđ]+/g) ?? []));
    const english = [...words].filter((w) => en.has(w));
    assert.deepEqual(english, [], `${slot}: English words in the default interface`);
    assert.doesNotMatch(shown, /\b\d+\.\d{1,2}\b(?![.\d/])/, `${slot}: an English decimal`);
    assert.doesNotMatch(shown, /NaN|undefined|null|\[object/, slot);
    assert.match(shown, /\d,\d{2}%/);
  }
});

async function axe(page, include) {
  await page.addScriptTag({ url: `${base}/node_modules/axe-core/axe.min.js` });
  return page.evaluate(async (inc) => {
    const r = await window.axe.run(inc ? { include: inc } : document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")).slice(0, 5) }));
  }, include);
}

test("axe-core: 0 violations (portal page whole; the widgets on the hostile page), table and error open", async () => {
  const results = {};
  const page = await open("examples/portal/index.html");
  await settled(page);
  for (const d of await page.locator("parindex-whatif details").all()) await d.evaluate((e) => { e.open = true; });
  await setSlider(page, "parindex-whatif[index=par]", "2", "1");
  results.portal = await axe(page);
  await page.close();
  results.hostileWidgets = await axe(hostilePage, [["#slot-par parindex-whatif"], ["#slot-sipas parindex-whatif"]]);
  // A widget showing an error (details open) passes too.
  const bad = await open("test/browser/fixtures/clean.html");
  await moduleLoaded(bad);
  await mountIn(bad, "slot-par", { province: "Atlantis" });
  await bad.waitForFunction(() => !document.querySelector("parindex-whatif").shadowRoot.querySelector(".error").hidden);
  await bad.locator("parindex-whatif .error details").evaluate((e) => { e.open = true; });
  results.error = await axe(bad, [["parindex-whatif"]]);
  await bad.close();
  writeFileSync(join(OUT, "axe.json"), JSON.stringify(results, null, 2));
  for (const [k, v] of Object.entries(results)) assert.deepEqual(v, [], `${k}: ${JSON.stringify(v, null, 1)}`);
});

// A measurement, not a test of speed: the figures go to test-output/slider-timings.json and
// the test's diagnostics (the goal is p95 ≤ 16 ms); a loaded machine must not fail it.
test("a slider update is measured in the page (p95 recorded against the 16 ms goal, never asserted)", async (t) => {
  const page = await open("examples/portal/index.html");
  await settled(page);
  const PAR = "parindex-whatif[index=par]";
  const slider = page.locator(`${PAR} .slider input[data-code="5"]`);
  await slider.focus();
  for (let i = 0; i < 40; i++) {
    const n = await updates(page, PAR);
    await page.keyboard.press("ArrowRight");
    await settled(page, PAR, n);
  }
  const box = await slider.boundingBox();
  await page.mouse.move(box.x + 2, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 20; i++) await page.mouse.move(box.x + (box.width * i) / 25, box.y + box.height / 2);
  await page.mouse.up();
  await page.waitForTimeout(150);
  const timings = (await page.locator(PAR).evaluate((w) => w.timings)).slice(1);
  assert.ok(timings.length >= 40, `only ${timings.length} updates`);
  const totals = timings.map((x) => x.total).sort((a, b) => a - b);
  const q = (f) => totals[Math.min(totals.length - 1, Math.floor(f * totals.length))];
  const med = (k) => timings.map((x) => x[k]).sort((a, b) => a - b)[Math.floor(timings.length / 2)];
  // Question 2 (the fitted model's exact answer) runs once the slider rests: timed apart.
  await page.waitForFunction((s) => document.querySelector(s).q2Timings.length > 0, PAR, { timeout: 30000 });
  const q2 = (await page.locator(PAR).evaluate((w) => w.q2Timings)).slice().sort((a, b) => a - b);
  const summary = { updates: totals.length, medianMs: q(0.5), p95Ms: q(0.95), maxMs: totals[totals.length - 1],
    medianWhatIfMs: med("whatIf"), medianDrawMs: med("draw"),
    question2: { answers: q2.length, medianMs: q2[Math.floor(q2.length / 2)], maxMs: q2[q2.length - 1] } };
  writeFileSync(join(OUT, "slider-timings.json"), JSON.stringify({ summary, timings, question2: q2 }, null, 2));
  const line = `slider update: median ${summary.medianMs.toFixed(1)} ms, p95 ${summary.p95Ms.toFixed(1)} ms (goal 16 ms), max ${summary.maxMs.toFixed(1)} ms over ${summary.updates} updates; question 2 at rest: median ${summary.question2.medianMs.toFixed(0)} ms over ${q2.length}`;
  t.diagnostic(line);
  console.log(line);
  // What is asserted is that the updates happened and were timed, not how fast they were.
  assert.ok(totals.every((x) => Number.isFinite(x) && x >= 0));
  await page.close();
});

test("keyboard: every control is reached with Tab; results are announced (aria-live) once the slider rests", async () => {
  const page = await open("test/browser/fixtures/clean.html");
  await moduleLoaded(page);
  await mountIn(page, "slot-par", { province: LS });
  const W = "#slot-par parindex-whatif";
  await settled(page);
  await page.locator(W).evaluate((w) => w.shadowRoot.querySelector("details.table").setAttribute("open", ""));
  await page.locator(`${W} select`).focus();
  const reached = [];
  for (let i = 0; i < 20; i++) {
    reached.push(await page.evaluate(() => {
      const a = document.activeElement?.shadowRoot?.activeElement;
      return a ? `${a.tagName.toLowerCase()}${a.type ? `[${a.type}]` : ""}${a.dataset.code ? `#${a.dataset.code}` : ""}` : "outside";
    }));
    await page.keyboard.press("Tab");
  }
  // The select, the target, one radio of the group, reset, the check button, 8 sliders, the table summary and its scroll box.
  assert.deepEqual(reached.slice(0, 16), ["select[select-one]", "input[number]", "input[radio]", "button[button]", "button[button]",
    ...["1", "2", "3", "4", "5", "6", "7", "8"].map((c) => `input[range]#${c}`), "summary", "div", "outside"]);
  // Arrow keys move a slider; the result is announced.
  await page.locator(`${W} .slider input[data-code="3"]`).focus();
  for (let i = 0; i < 150; i++) await page.keyboard.press("ArrowRight");
  await page.waitForFunction((s) => /tăng 1,50 điểm, câu hỏi 1: hạng .* câu hỏi 2: /.test(document.querySelector(s).shadowRoot.querySelector("[aria-live]").textContent), W);
  assert.match(await page.locator(`${W} [aria-live=polite]`).textContent(), /^Lạng Sơn: tăng 1,50 điểm, câu hỏi 1: hạng .* câu hỏi 2: xác suất đạt hạng 30 trở lên (< )?\d+,\d%\.$/);
  await page.close();
});

test("sliders stop at what is allowed (the rest shown, no raw error); unknown values show as unknown", async () => {
  const page = await open("test/browser/fixtures/clean.html");
  await moduleLoaded(page);
  await mountIn(page, "slot-par", { province: LS });
  await settled(page);
  const W = "#slot-par parindex-whatif";
  // Lạng Sơn: 85.94, so 14.06 points to gain at most, whatever the fields' maxima.
  await setSlider(page, W, "5", "10");
  assert.match(await text(page, `${W} .room`), /Còn có thể tăng thêm 4,06 điểm \(đã đặt 10,00 trên tối đa 14,06\)/);
  await setSlider(page, W, "8", "10");
  assert.equal(await page.locator(`${W} .slider input[data-code="8"]`).inputValue(), "4.06");
  assert.equal(await text(page, `${W} .q1 .big`), "100,00%");
  assert.match(await text(page, `${W} .sliders + .room + p`), /đã dừng ở mức tối đa cho phép/);
  assert.ok(await page.locator(`${W} .error`).isHidden(), "no error for a stopped slider");
  assert.match(await text(page, `${W} .room`), /Còn có thể tăng thêm 0,00 điểm/);
  // A province without a published score: unknown, never 0,00; sliders off.
  await page.locator(W).evaluate((w) => { w.province = "Nghệ An"; });
  await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelector(".title").textContent.includes("Nghệ An"), W);
  await settled(page, W, 0);
  assert.equal(await text(page, `${W} .now .big`), "chưa công bố");
  assert.equal(await text(page, `${W} .q2 .big`), "không rõ");
  assert.equal(await page.locator(`${W} .slider input:disabled`).count(), 8);
  assert.match(await text(page, `${W} .now p:nth-of-type(2)`), /^Hạng 15 trên 63/);
  const tableRow = await page.locator(`${W} tr.me`).textContent();
  assert.match(tableRow, /chưa công bố/);
  assert.doesNotMatch(tableRow, /0,00/);
  await page.close();
});

test("a scorecard caps each slider at its points lost; the outlined bars are the rank-gain table", async () => {
  const page = await open("test/browser/fixtures/clean.html");
  await moduleLoaded(page);
  const csv = testdata("published/par_index_scorecards.csv");
  await page.evaluate((c) => {
    window.parindexWidget.mount(document.getElementById("slot-par"), { province: "Quảng Nam", scorecardData: c });
  }, csv);
  const W = "#slot-par parindex-whatif";
  await settled(page);
  assert.equal(await text(page, `${W} .now .big`), "84,60%");
  assert.equal(await page.locator(`${W} .slider input[data-code="3"]`).getAttribute("max"), "2.32");
  assert.equal(await page.locator(`${W} .slider input[data-code="1"]`).getAttribute("max"), "0.06");
  assert.match(await text(page, `${W} .sliders`), /đang có .* mất 2,32/);
  const t = published("par", 2023);
  const card = Scorecard.fromCsv(csv, Framework.forYear("par", 2023), "Quảng Nam", { year: 2023 });
  const gains = rankGain(card, t, 30);
  for (const code of ["1", "3", "4", "5", "8"]) {
    const row = gains.rows.find((r) => r.code === code);
    assert.equal(await page.locator(`${W} .bar[data-code="${code}"]`).getAttribute("data-max"), String(row.ranksGained), code);
  }
  // The same scorecard from a URL (the `scorecard` attribute).
  writeFileSync(join(OUT, "scorecards.csv"), csv);
  await page.locator(W).evaluate((w) => { w.scorecardData = undefined; });
  await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelector('.slider input[data-code="3"]')?.max === "13.00", W);
  await page.locator(W).evaluate((w) => w.setAttribute("scorecard", "../../../test-output/scorecards.csv"));
  await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelector('.slider input[data-code="3"]')?.max === "2.32", W);
  // A bad scorecard: a plain sentence, the published total used, the code and detail kept.
  await page.locator(W).evaluate((w) => { w.scorecardData = "code,points\n1,99\n"; });
  await page.waitForFunction((s) => !document.querySelector(s).shadowRoot.querySelector(".error").hidden, W);
  assert.match(await text(page, `${W} .error-text`), /^Không đọc được bảng điểm, tiện ích dùng tổng điểm đã công bố\. Số điểm vượt quá mức tối đa cho phép\.$/);
  assert.equal(await text(page, `${W} .error .small`), "Mã lỗi: ABOVE_MAX");
  assert.match(await page.locator(`${W} .error pre`).textContent(), /file: scorecard\.csv\nrow: 2/);
  await page.close();
});

test("errors are plain Vietnamese sentences from stable codes; technical detail kept for developers", async () => {
  expected.push(/missing-table\.csv/);
  const page = await open("test/browser/fixtures/clean.html");
  await moduleLoaded(page);
  await mountIn(page, "slot-par", { province: "Atlantis" });
  await mountIn(page, "slot-sipas", { src: "missing-table.csv" });
  const err = (slot) => page.waitForFunction((s) => !document.querySelector(`#${s} parindex-whatif`).shadowRoot.querySelector(".error").hidden, slot);
  await err("slot-par");
  await err("slot-sipas");
  assert.equal(await text(page, "#slot-par parindex-whatif .error-text"), "Không tìm thấy tỉnh, thành phố này trong bảng xếp hạng.");
  assert.equal(await page.locator("#slot-par parindex-whatif .error").getAttribute("data-code"), "UNKNOWN_PROVINCE");
  assert.equal(await page.locator("#slot-par parindex-whatif .error summary").textContent(), "Chi tiết kỹ thuật");
  assert.match(await page.locator("#slot-par parindex-whatif .error pre").textContent(), /^UNKNOWN_PROVINCE: .*Atlantis/);
  assert.equal(await text(page, "#slot-sipas parindex-whatif .error-text"), "Không tải được tệp dữ liệu của cổng thông tin.");
  // Fixed live: the error goes, the answer comes.
  await page.locator("#slot-par parindex-whatif").evaluate((w) => w.setAttribute("province", "Lạng Sơn"));
  await page.waitForFunction(() => document.querySelector("#slot-par parindex-whatif").shadowRoot.querySelector(".error").hidden);
  await settled(page, "#slot-par parindex-whatif");
  assert.equal(await text(page, "#slot-par parindex-whatif .now .big"), "85,94%");
  await page.close();
  // A policy without 'wasm-unsafe-eval': the page is told what to add.
  expected.push(/wasm-unsafe-eval|Content Security Policy|WebAssembly/);
  const blocked = await open("test/browser/fixtures/blocked.html");
  await moduleLoaded(blocked);
  await mountIn(blocked, "slot-par", {});
  await blocked.waitForFunction(() => !document.querySelector("parindex-whatif").shadowRoot.querySelector(".error").hidden);
  assert.equal(await blocked.locator("parindex-whatif .error").getAttribute("data-code"), "WASM_BLOCKED");
  assert.match(await text(blocked, "parindex-whatif .error-text"), /'wasm-unsafe-eval'/);
  await blocked.close();
  expected.pop();
});

test("attributes and properties change live: target, index, year, lang, the portal's own table", async () => {
  const page = await open("test/browser/fixtures/clean.html");
  await moduleLoaded(page);
  await mountIn(page, "slot-par", { province: LS });
  const W = "#slot-par parindex-whatif";
  await settled(page);
  const t = published("par", 2023);
  let n = await updates(page, W);
  await page.locator(W).evaluate((w) => { w.target = 45; });
  await settled(page, W, n);
  await q2Shows(page, W, t.chances({ province: LS, gain: "0.00", targetRank: 45 }).plans[0].pTarget);
  assert.equal(await page.locator(`${W} input.target`).inputValue(), "45");
  // The target typed in the box.
  n = await updates(page, W);
  await page.locator(`${W} input.target`).fill("20");
  await page.locator(`${W} input.target`).press("Enter");
  await settled(page, W, n);
  assert.equal(await page.locator(W).getAttribute("target"), "20");
  // Components view.
  await page.locator(`${W} input[value=component]`).check();
  await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelectorAll(".slider").length === 4, W);
  // English.
  await page.locator(W).evaluate((w) => w.setAttribute("lang", "en"));
  await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelector(".title").textContent === "What if Lạng Sơn gains points?", W);
  assert.match(await text(page, `${W} .now .big`), /^85\.94%$/);
  // Another year, then SIPAS.
  await page.locator(W).evaluate((w) => { w.lang = "vi"; w.year = 2022; });
  await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelector(".sub").textContent.includes("năm 2022"), W);
  const t22 = published("par", 2022);
  assert.equal(await text(page, `${W} .now .big`), t22.score(LS) === null ? "chưa công bố" : `${t22.score(LS).replace(".", ",")}%`);
  await page.locator(W).evaluate((w) => { w.year = 2023; w.index = "sipas"; });
  await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelector(".now .big").textContent === "79,30%", W);
  // The portal's own table: JSON entries and CSV, from `src`.
  const entries = t.rows().map((r) => ({ province: r.province, score: r.province === LS ? "88.00" : r.score, rank: r.province === LS ? null : r.rank }))
    .filter((e) => e.score !== null || e.rank !== null);
  writeFileSync(join(OUT, "portal-table.json"), JSON.stringify(entries));
  writeFileSync(join(OUT, "portal-table.csv"), "province,score\n" + entries.filter((e) => e.score !== null).map((e) => `${e.province},${e.score}`).join("\n") + "\n");
  const own = LeagueTable.fromEntries(entries, { index: "par", year: 2023 });
  await page.locator(W).evaluate((w) => { w.index = "par"; w.src = "../../../test-output/portal-table.json"; });
  await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelector(".now .big").textContent === "88,00%", W);
  assert.match(await text(page, `${W} .now p:nth-of-type(2)`), new RegExp(`^Hạng ${rankVi(own.rankBounds(LS)).replace(/[()]/g, "\\$&")} trên 63`));
  assert.match(await text(page, `${W} .source`), /portal-table\.json/);
  const ownCsv = LeagueTable.fromCsv(await (await fetch(`${base}/test-output/portal-table.csv`)).text(), { index: "par", year: 2023 });
  await page.locator(W).evaluate((w) => { w.src = "../../../test-output/portal-table.csv"; });
  await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelector(".source").textContent.includes("portal-table.csv"), W);
  await settled(page, W);
  assert.equal(await text(page, `${W} .now .big`), "88,00%");
  assert.match(await text(page, `${W} .now p:nth-of-type(2)`), new RegExp(`^Hạng ${rankVi(ownCsv.rankBounds(LS)).replace(/[()]/g, "\\$&")} trên 63`));
  await page.close();
});

test("the simulation check runs in a Web Worker (100.000 kịch bản) and matches the core", async () => {
  const page = await open("examples/portal/index.html");
  await settled(page);
  const PAR = "parindex-whatif[index=par]";
  await setSlider(page, PAR, "4", "2");
  await page.locator(`${PAR} .q2 button`).click();
  await page.waitForFunction((s) => document.querySelector(s).shadowRoot.querySelector(".q2 [role=status]").dataset.p !== undefined, PAR, { timeout: 60000 });
  // The seeded Monte Carlo of the same fitted model, the same number as the library's.
  const sim = published("par", 2023).chances({ province: LS, gain: "2.00", targetRank: 30, scenarios: 100000, seed: 7 });
  assert.equal(sim.method, "monte_carlo");
  assert.equal(Number(await page.locator(`${PAR} .q2 [role=status]`).getAttribute("data-p")), sim.plans[0].pTarget);
  assert.match(await text(page, `${PAR} .q2 [role=status]`), /^Mô phỏng 100\.000 kịch bản: (< )?\d+,\d%/);
  // The page stayed responsive while it ran: the worker is a separate thread.
  assert.ok(await page.evaluate(() => performance.getEntriesByType("resource").some((e) => e.name.endsWith("/widget/worker.js"))));
  await page.close();
});

test("deployment: esbuild and Vite bundles find their wasm; a CDN path through configure/mount({ wasm })", async () => {
  const wasmRequests = [];
  const page = await open("test-output/esbuild-app/dist/index.html", undefined, (p) =>
    p.on("request", (r) => { if (r.url().endsWith(".wasm")) wasmRequests.push(r.url()); }));
  await settled(page);
  assert.equal(await text(page, "parindex-whatif .now .big"), "85,94%");
  assert.equal(wasmRequests.length, 1);
  assert.match(wasmRequests[0], new RegExp(`^${base}/test-output/esbuild-app/dist/parindex_bg-\\w+\\.wasm$`));
  await page.close();
  // Vite: `import "parindex/widget"` alone; the wasm file and the worker come with the build.
  const vite = await open("test-output/vite-app/dist/index.html");
  await settled(vite);
  assert.equal(await text(vite, "parindex-whatif .now .big"), "85,94%");
  await vite.close();
  // The module from another origin (as a CDN), the page's policy naming it in connect-src.
  const seen = [];
  const cdnPage = await open("test/browser/fixtures/cdn.html", undefined, (p) =>
    p.on("request", (r) => { if (r.url().endsWith(".wasm")) seen.push(r.url()); }));
  await moduleLoaded(cdnPage);
  await mountIn(cdnPage, "slot-par", { province: LS, wasm: `${cdn}/pkg/web/parindex_bg.wasm` });
  await settled(cdnPage);
  assert.deepEqual(seen, [`${cdn}/pkg/web/parindex_bg.wasm`]);
  assert.equal(await text(cdnPage, "parindex-whatif .now .big"), "85,94%");
  await cdnPage.close();
});

test("no console errors, failed requests or page errors", async () => {
  if (hostilePage) await hostilePage.close();
  assert.deepEqual(problems, []);
});
