// <parindex-whatif>: "what if the province gains N points?" for a portal page. Every number
// comes from the parindex WebAssembly module; this file reads the controls, calls the
// library and writes the answers, in a shadow root (no style or id crosses the boundary).
import { ready, fetchText, makeTable } from "./runtime.js";
import { format } from "./format.js";
import { language, t, describeError } from "./messages.js";
import { CSS } from "./styles.js";
import { chancesInWorker } from "./worker-client.js";

const DEFAULTS = { province: "Lạng Sơn", index: "par", year: 2023, target: 30, view: "field" };
/** Scenarios of the "check with a simulation" button (run in the worker when available). */
const CHECK_SCENARIOS = 100000;
const SEED = 7;
/** Question 2 waits for the slider to rest this long (ms): the fitted model's exact answer takes a while. */
const Q2_DELAY = 120;

/** The fitted model's backtests, per `index|year`: computed once per page. */
const calibrations = new Map();

/**
 * How the fitted model's 90% rank bands held in past years: every published pair t → t+1
 * with t+1 ≤ the table's year, pooled. `{ k, n, years }`, or null without such a pair.
 */
function calibrationOf(lib, index, year) {
  const key = `${index}|${year}`;
  if (calibrations.has(key)) return calibrations.get(key);
  let k = 0;
  let n = 0;
  const years = [];
  for (let t = year - 1; t >= year - 20; t--) {
    let b;
    try {
      b = lib.backtest(index, t, t + 1);
    } catch {
      break; // no published table for t: the pairs before it are not published either
    }
    k += b.summary.inside90;
    n += b.summary.n;
    years.unshift(`${t}→${t + 1}`);
  }
  const c = n > 0 ? { k, n, years } : null;
  calibrations.set(key, c);
  return c;
}

let sheet = null;
function styleSheet() {
  if (sheet === null) {
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    } catch {
      sheet = false; // older engines: a <style> element instead
    }
  }
  return sheet;
}

const hundredths = (text) => Math.round(Number(text) * 100);
const fromHundredths = (h) => {
  const sign = h < 0 ? "-" : "";
  const a = Math.abs(h);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
};

function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k in node && !k.includes("-") && k !== "part" && k !== "role") node[k] = v;
    else node.setAttribute(k, v === true ? "" : String(v));
  }
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
}

export class ParindexWhatif extends HTMLElement {
  static get observedAttributes() {
    return ["province", "index", "year", "target", "lang", "src", "scorecard", "view", "worker"];
  }

  #shadow;
  #els = null;
  #builtLang = null;
  #lib = null;
  #table = null;
  #tableSpec = null;
  #framework = null;
  #card = null;
  #userCard = false;
  #score = null;
  #nodes = [];
  #values = [];
  #room = 0;
  #model = null;
  #loadQueued = false;
  #generation = 0;
  #pending = false;
  #liveTimer = 0;
  #exactSeq = 0;
  #q2Timer = 0;
  #tableData;
  #scorecardData;
  #needsLoad = true;
  /** Update times (ms) of the last updates: { whatIf, exact, draw, total }. */
  timings = [];
  /** Number of updates drawn so far (a test hook: it only grows). */
  updates = 0;
  /** Times (ms) of question 2's exact answer under the fitted model, once the slider rests. */
  q2Timings = [];
  /** Question 2 answers drawn so far (a test hook: it only grows). */
  q2Updates = 0;

  constructor() {
    super();
    this.#shadow = this.attachShadow({ mode: "open" });
    const s = styleSheet();
    if (s) this.#shadow.adoptedStyleSheets = [s];
    else this.#shadow.append(h("style", { text: CSS }));
  }

  // ---- attributes and properties -------------------------------------------------------

  get province() { return this.getAttribute("province") ?? DEFAULTS.province; }
  set province(v) { this.setAttribute("province", String(v)); }
  get index() { return (this.getAttribute("index") ?? DEFAULTS.index).toLowerCase(); }
  set index(v) { this.setAttribute("index", String(v)); }
  get year() { const y = Number(this.getAttribute("year")); return Number.isInteger(y) && y > 0 ? y : DEFAULTS.year; }
  set year(v) { this.setAttribute("year", String(v)); }
  get target() { const n = Number(this.getAttribute("target")); return Number.isInteger(n) && n > 0 ? n : DEFAULTS.target; }
  set target(v) { this.setAttribute("target", String(v)); }
  get view() { return this.getAttribute("view") === "component" ? "component" : DEFAULTS.view; }
  set view(v) { this.setAttribute("view", String(v)); }
  /** URL of the portal's own table (CSV, or JSON: an array of `{ province, score?, rank? }`). */
  get src() { return this.getAttribute("src"); }
  set src(v) { if (v === null || v === undefined) this.removeAttribute("src"); else this.setAttribute("src", String(v)); }
  /** URL of a scorecard CSV (`code,points`) of the province (PAR INDEX). */
  get scorecard() { return this.getAttribute("scorecard"); }
  set scorecard(v) { if (v === null || v === undefined) this.removeAttribute("scorecard"); else this.setAttribute("scorecard", String(v)); }
  /** Run the next-year probability and the simulation check in a Web Worker. */
  get worker() { return this.hasAttribute("worker"); }
  set worker(v) { this.toggleAttribute("worker", Boolean(v)); }
  /** The portal's table itself (CSV or JSON text, or an array of entries), instead of `src`. */
  get tableData() { return this.#tableData; }
  set tableData(v) { this.#tableData = v ?? undefined; this.#queueLoad(); }
  /** A scorecard CSV text (`code,points`), instead of the `scorecard` URL. */
  get scorecardData() { return this.#scorecardData; }
  set scorecardData(v) { this.#scorecardData = v ?? undefined; this.#queueLoad(); }
  /** The widget's language: "vi" (default) or "en". */
  get language() { return language(this.getAttribute("lang")); }

  connectedCallback() {
    if (this.#needsLoad) this.#queueLoad();
  }

  disconnectedCallback() {
    // Freed when taken out of the page; put back, it loads again.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.#free();
      this.#needsLoad = true;
    });
  }

  attributeChangedCallback(name, old, value) {
    if (old === value || !this.isConnected) return;
    if (name === "target" && this.#table) {
      this.#syncControls();
      this.#update();
      return;
    }
    if (name === "view" && this.#table) {
      this.#syncControls();
      this.#buildSliders();
      this.#update();
      return;
    }
    if (name === "worker") return;
    this.#queueLoad();
  }

  #queueLoad() {
    if (this.#loadQueued || !this.isConnected) return;
    this.#loadQueued = true;
    queueMicrotask(() => {
      this.#loadQueued = false;
      this.#load();
    });
  }

  #free() {
    for (const o of [this.#card, this.#framework, this.#table]) {
      try { o?.free(); } catch { /* already freed after a reset */ }
    }
    this.#card = this.#framework = this.#table = null;
  }

  // ---- the skeleton (built once per language) ----------------------------------------------

  #t(key, vars) { return t(this.language, key, vars); }
  #num(v, d = 2) { return format(v, d, this.language === "en" ? "en-US" : "vi-VN") ?? this.#t("unknown"); }

  #build() {
    const lang = this.language;
    this.#builtLang = lang;
    const e = {};
    e.title = h("h2", { class: "title", part: "title" });
    e.sub = h("p", { class: "sub small" });
    e.province = h("select", { class: "province", part: "select" });
    e.target = h("input", { type: "number", min: "1", step: "1", class: "target", part: "input" });
    e.targetLabel = h("span");
    e.viewField = h("input", { type: "radio", value: "field" });
    e.viewComponent = h("input", { type: "radio", value: "component" });
    e.viewLegend = h("legend");
    e.view = h("fieldset", { class: "view" }, e.viewLegend,
      h("label", {}, e.viewField, h("span", { text: this.#t("viewField") })),
      h("label", {}, e.viewComponent, h("span", { text: this.#t("viewComponent") })));
    e.viewField.name = e.viewComponent.name = "view";
    e.reset = h("button", { type: "button", part: "button", text: this.#t("reset") });
    e.provinceLabel = h("span", { text: this.#t("province") });
    const controls = h("div", { class: "controls", part: "controls" },
      h("label", {}, e.provinceLabel, e.province),
      h("label", {}, e.targetLabel, e.target),
      e.view, e.reset);
    e.status = h("p", { class: "status", part: "status", role: "status" });
    e.errorText = h("p", { class: "error-text" });
    e.errorCode = h("p", { class: "small" });
    e.errorDetail = h("pre");
    e.error = h("div", { class: "error", part: "error", role: "alert", hidden: true }, e.errorText, e.errorCode,
      h("details", {}, h("summary", { text: this.#t("errorDetails") }), e.errorDetail));
    // Card: now.
    e.nowTitle = h("h3");
    e.nowScore = h("p", { class: "big" });
    e.nowRank = h("p");
    e.need = h("p", { class: "muted small" });
    const now = h("div", { class: "card now", part: "card card-now" }, e.nowTitle, e.nowScore, e.nowRank, e.need);
    // Card: question 1.
    e.q1Title = h("h3");
    e.q1Sub = h("p", { class: "muted small" });
    e.q1Score = h("p", { class: "big" });
    e.q1Rank = h("p");
    e.q1Note = h("p", { class: "muted small" });
    const q1 = h("div", { class: "card q1", part: "card card-q1" }, e.q1Title, e.q1Sub, e.q1Score, e.q1Rank, e.q1Note);
    // Card: question 2.
    e.q2Title = h("h3");
    e.q2Sub = h("p", { class: "muted small" });
    e.q2P = h("p", { class: "big" });
    e.q2Gains = h("p", { class: "small" });
    e.q2Model = h("p", { class: "muted small" });
    e.check = h("button", { type: "button", part: "button" });
    e.checkResult = h("p", { class: "muted small", role: "status" });
    const q2 = h("div", { class: "card q2", part: "card card-q2" }, e.q2Title, e.q2Sub, e.q2P, e.q2Gains, e.q2Model, e.check, e.checkResult);
    e.two = h("p", { class: "two muted", text: this.#t("twoQuestions") });
    // Sliders.
    e.slidersTitle = h("h3");
    e.slidersNote = h("p", { class: "muted small" });
    e.sliders = h("div", { class: "sliders" });
    e.room = h("p", { class: "room" });
    e.clamped = h("p", { class: "small", role: "status" });
    const sliders = h("section", { class: "block", part: "sliders" }, e.slidersTitle, e.slidersNote, e.sliders, e.room, e.clamped);
    // Chart.
    e.chartTitle = h("h3");
    e.chartNote = h("p", { class: "muted small" });
    e.bars = h("div", { class: "bars", role: "list" });
    e.chart = h("section", { class: "block", part: "chart" }, e.chartTitle, e.chartNote, e.bars);
    // Table.
    e.tableSummary = h("summary");
    e.tableNote = h("p", { class: "muted small" });
    e.tbody = h("tbody");
    e.tableCaption = h("caption", { class: "sr" });
    const head = h("tr", {}, ...["colRank", "colProvince", "colScore", "colBand", "colRegion"].map((k) => h("th", { scope: "col", text: this.#t(k) })));
    e.scroll = h("div", { class: "scroll", tabindex: "0", role: "region" }, h("table", { part: "table" }, e.tableCaption, h("thead", {}, head), e.tbody));
    e.table = h("details", { class: "table" }, e.tableSummary, e.tableNote, e.scroll);
    e.method = h("p", { class: "method" });
    e.source = h("p", { class: "method source" });
    e.live = h("p", { class: "sr", "aria-live": "polite", "aria-atomic": "true" });
    // The answers stay hidden until a table is loaded (an error before then shows alone).
    e.body = h("div", { hidden: true }, h("div", { class: "cards" }, now, q1, q2), e.two, sliders, e.chart, e.table, e.method, e.source);
    e.root = h("section", { class: "root", part: "root", lang }, e.title, e.sub, controls, e.status, e.error, e.body, e.live);
    for (const n of [...this.#shadow.childNodes]) if (n.nodeName !== "STYLE") n.remove();
    this.#shadow.append(e.root);
    this.#els = e;

    e.province.addEventListener("change", () => { this.province = e.province.value; });
    e.target.addEventListener("change", () => {
      const of = this.#table?.of ?? 63;
      const v = Math.round(Number(e.target.value));
      const clamped = Math.min(Math.max(1, Number.isFinite(v) ? v : DEFAULTS.target), of);
      e.target.value = String(clamped);
      this.target = clamped;
    });
    for (const r of [e.viewField, e.viewComponent]) r.addEventListener("change", () => { this.view = r.value; });
    e.reset.addEventListener("click", () => { this.#buildSliders(); this.#update(); });
    e.check.addEventListener("click", () => this.#runCheck());
    e.title.textContent = this.#t("title", { province: this.province });
    this.#syncControls();
  }

  // ---- loading ------------------------------------------------------------------------------

  async #load() {
    const gen = ++this.#generation;
    this.#needsLoad = false;
    if (this.#builtLang !== this.language) this.#build();
    const e = this.#els;
    e.status.textContent = this.#t("loading");
    this.#showError(null);
    let lib;
    try {
      lib = await ready();
    } catch (err) {
      if (gen !== this.#generation) return;
      const code = describeError(this.language, err).code === "WASM_BLOCKED" ? "WASM_BLOCKED" : "LOAD_FAILED";
      this.#showError(Object.assign(err instanceof Error ? err : new Error(String(err)), { kind: code }));
      e.status.textContent = "";
      return;
    }
    this.#lib = lib;
    try {
      let data = this.#tableData;
      let label = null;
      if (data === undefined && this.src) {
        label = this.src.split("/").pop() || this.src;
        data = await fetchText(new URL(this.src, document.baseURI).href);
      }
      let cardText = this.#scorecardData;
      let cardLabel = "scorecard.csv";
      if (cardText === undefined && this.scorecard) {
        cardLabel = this.scorecard.split("/").pop() || this.scorecard;
        cardText = await fetchText(new URL(this.scorecard, document.baseURI).href);
      }
      if (gen !== this.#generation) return;
      this.#free();
      const index = this.index;
      const year = this.year;
      const made = makeTable(lib, index, year, data ?? null, label);
      this.#table = made.table;
      this.#tableSpec = { index, year, data: made.csv ?? made.entries ?? null, label };
      const province = this.#table.canonical(this.province);
      this.#province = province;
      this.#framework = index === "par" ? lib.Framework.forYear("par", year) : null;
      this.#score = this.#table.score(province);
      this.#userCard = false;
      this.#cardError = null;
      if (this.#framework && cardText !== undefined) {
        try {
          this.#card = lib.Scorecard.fromCsv(String(cardText), this.#framework, province, { year, label: cardLabel });
          this.#userCard = true;
        } catch (err) {
          this.#cardError = err;
        }
      }
      this.#model = null;
      this.#needKey = null;
      this.#fill();
      e.body.hidden = false;
      this.#buildSliders();
      this.#update();
      if (this.#cardError) this.#showError(this.#cardError, this.#t("errorScorecard"));
      e.status.textContent = this.#t("ready");
      this.dispatchEvent(new CustomEvent("parindex-ready", { bubbles: true, composed: true }));
    } catch (err) {
      if (gen !== this.#generation) return;
      e.body.hidden = true;
      this.#showError(err);
      e.status.textContent = "";
    }
  }

  #province = DEFAULTS.province;
  #cardError = null;


  #fill() {
    const e = this.#els;
    const tb = this.#table;
    const par = this.index === "par";
    const indexName = this.#t(par ? "indexPar" : "indexSipas");
    e.title.textContent = this.#t("title", { province: this.#province });
    // The region's name tells two widgets of one province apart (PAR INDEX, SIPAS).
    e.root.setAttribute("aria-label", `${e.title.textContent} · ${par ? "PAR INDEX" : "SIPAS"} ${this.year}`);
    e.sub.textContent = this.#t("sub", { index: indexName, year: this.year });
    if (!e.province.options.length || e.province.dataset.key !== `${tb.index}|${tb.year}|${tb.of}`) {
      e.province.textContent = "";
      const names = tb.rows().map((r) => r.province).sort((a, b) => a.localeCompare(b, "vi"));
      for (const n of names) e.province.add(new Option(n, n));
      e.province.dataset.key = `${tb.index}|${tb.year}|${tb.of}`;
    }
    this.#syncControls();
    e.nowTitle.textContent = this.#t("nowTitle", { year: this.year });
    e.nowScore.textContent = this.#score === null ? this.#t("notPublished") : `${this.#num(this.#score)}%`;
    const band = tb.band(this.#province);
    e.nowRank.textContent = `${this.#t("rankOf", { rank: this.#rankText(tb.rankBounds(this.#province)), of: tb.of })} · ${band ? this.#t("band", { band }) : this.#t("bandUnknown")}`;
    e.q1Title.textContent = this.#t("q1Title", { province: this.#province });
    e.q1Sub.textContent = this.#t("q1Sub", { year: this.year });
    e.q2Title.textContent = this.#t("q2Title");
    e.check.textContent = this.#t("check", { n: this.#num(CHECK_SCENARIOS, 0) });
    e.check.hidden = this.#score === null;
    e.checkResult.textContent = "";
    e.q2Model.textContent = this.#modelText();
    // The table.
    const rows = tb.rows();
    e.tableSummary.textContent = this.#t("tableSummary", { index: par ? "PAR INDEX" : "SIPAS", year: this.year, of: tb.of });
    e.tableCaption.textContent = e.tableSummary.textContent;
    e.scroll.setAttribute("aria-label", e.tableSummary.textContent);
    e.tableNote.textContent = this.#t("tableNote", {
      scores: rows.filter((r) => r.score !== null).length,
      ranks: rows.filter((r) => r.rank !== null).length,
      of: tb.of,
    });
    e.tbody.textContent = "";
    const placed = rows.filter((r) => r.rank !== null || r.score !== null);
    const open = rows.filter((r) => r.rank === null && r.score === null);
    this.#meCell = null;
    for (const r of [...placed, ...open]) {
      // A value and, when it is not published, a short note under it (the range it lies in).
      const cell = (main, note) => h("td", { class: "num" }, main, note ? h("span", { class: "cell-note", text: note }) : null);
      const rank = r.rank !== null ? cell(String(r.rank))
        : r.rankBest !== null ? cell(`${r.rankBest}–${r.rankWorst}`, this.#t("notPublished")) : cell(this.#t("unknown"));
      const score = r.score !== null ? cell(this.#num(r.score))
        : r.scoreLow !== null ? cell(this.#t("notPublished"), this.#t("between", { low: this.#num(r.scoreLow), high: this.#num(r.scoreHigh) }))
        : cell(this.#t("notPublished"));
      const me = r.province === this.#province;
      const name = h("td", { text: r.province });
      const tr = h("tr", { class: me ? "me" : null },
        rank, name, score, h("td", { text: r.band ?? this.#t("unknown") }), h("td", { text: r.region ?? "" }));
      if (me) this.#meCell = name;
      e.tbody.append(tr);
    }
    const fw = this.#framework;
    e.method.textContent = fw ? this.#t("methodPar", { name: fw.nameVi, decision: fw.decision }) : this.#t("methodSipas");
    e.source.textContent = this.#tableSpec.label ? this.#t("sourceCustom", { src: this.#tableSpec.label }) : this.#t("sourcePublished");
  }

  #meCell = null;
  #meTag = null;

  #syncControls() {
    const e = this.#els;
    if (!e) return;
    const of = this.#table?.of ?? 63;
    e.province.value = this.#province;
    e.target.max = String(of);
    e.target.value = String(Math.min(this.target, of));
    e.targetLabel.textContent = this.#t("target", { of });
    e.viewLegend.textContent = this.#t("view");
    e.viewField.checked = this.view === "field";
    e.viewComponent.checked = this.view === "component";
    e.view.hidden = this.index !== "par";
  }

  /** The fitted model of question 2 in plain words, with its calibration in past years. */
  #modelText() {
    const m = this.#model;
    if (!m) return this.#t("q2Computing");
    const text = [this.#t("q2Exact"), this.#t("q2ModelFitted", {
      shock: this.#num(m.shockMean),
      shockSd: this.#num(m.shockSd),
      catchUp: this.#num(-m.catchUp),
      average: this.#num(m.nationalAverage),
      spread: this.#num(m.spreadNext ?? m.spread),
      pairs: this.#num(m.evidence?.scorePairs ?? 0, 0),
      rankPairs: this.#num(m.evidence?.rankPairs ?? 0, 0),
      province: this.#province,
    })];
    if (m.methodologyChange) text.push(this.#t("q2NewMethod", { year: m.nextYear }));
    let c = null;
    try { c = calibrationOf(this.#lib, this.index, this.year); } catch { c = null; }
    text.push(c ? this.#t("q2Calibration", { years: c.years.join(", "), k: this.#num(c.k, 0), n: this.#num(c.n, 0) }) : this.#t("q2NoCalibration"));
    if (c) this.#els.q2Model.dataset.calibration = `${c.k}/${c.n}`;
    return text.join(" ");
  }

  /** A probability 0–1 as a percentage with 1 decimal; a tiny non-zero one is "< 0,1%", never "0,0%". */
  #pct(p) {
    if (p > 0 && p < 0.0005) return `< ${this.#num(0.1, 1)}%`;
    if (p < 1 && p > 0.9995) return `> ${this.#num(99.9, 1)}%`;
    return `${this.#num(p * 100, 1)}%`;
  }

  #rankText(b) {
    if (!b) return this.#t("unknown");
    return b.best === b.worst ? String(b.best) : this.#t("rankRange", b);
  }

  // ---- sliders ------------------------------------------------------------------------------

  #sliderNodes() {
    const fw = this.#framework;
    const lang = this.language;
    if (!fw) return [{ code: "gain", label: this.#t("slidersSipas"), max: null, constraint: null }];
    const constraints = fw.constraints();
    const list = this.view === "field" ? fw.children() : fw.groupings()[0]?.nodes ?? [];
    return list.map((n) => {
      const c = n.maxPoints ? null : constraints.find((k) => k.codes.includes(n.code)) ?? null;
      const name = lang === "en" ? n.nameEn || n.nameVi : n.nameVi;
      return {
        code: n.code,
        label: this.view === "field" ? this.#t("fieldName", { code: n.code, name }) : name,
        max: n.maxPoints ?? null,
        constraint: c,
      };
    });
  }

  #buildSliders() {
    const e = this.#els;
    const tb = this.#table;
    if (!e || !tb) return;
    e.sliders.textContent = "";
    e.clamped.textContent = "";
    const card = this.#userCard ? this.#card : null;
    const viewWord = this.#t(this.view === "field" ? "viewField" : "viewComponent");
    const lostTotal = card ? card.lost("total") : null;
    this.#room = card && lostTotal !== null ? hundredths(lostTotal) : this.#score === null ? 0 : Math.max(0, 10000 - hundredths(this.#score));
    const enabled = this.#score !== null || card !== null;
    this.#nodes = this.#sliderNodes();
    this.#values = this.#nodes.map(() => 0);
    for (const [i, node] of this.#nodes.entries()) {
      let cap = node.max === null ? this.#room : Math.min(hundredths(node.max), this.#room);
      let note = node.max !== null ? this.#t("maxNote", { max: this.#num(node.max) })
        : node.constraint ? this.#t("maxJoint", {
          codes: node.constraint.codes.join(" + "),
          sum: this.#num(node.constraint.sum),
          // A joint max that is inferred, not published, says so.
          status: node.constraint.status === "confirmed" ? "" : this.#t("inferred"),
        })
        : this.index === "par" ? this.#t("maxUnknown") : "";
      const nodeLost = card ? card.lost(node.code) : null;
      if (card && nodeLost !== null) {
        cap = Math.min(hundredths(nodeLost), this.#room);
        note = this.#t("cardNote", { points: this.#num(card.points(node.code)?.points), max: this.#num(node.max), lost: this.#num(nodeLost) });
      } else if (card && node.constraint) {
        const used = node.constraint.codes.reduce((s, c) => s + hundredths(card.points(c)?.points ?? "0"), 0);
        cap = Math.min(cap, Math.max(0, hundredths(node.constraint.sum) - used));
      }
      node.cap = cap;
      const input = h("input", { type: "range", min: "0", max: fromHundredths(cap), step: "0.01", value: "0", part: "range" });
      input.dataset.code = node.code;
      input.disabled = !enabled || cap === 0;
      const out = h("output", { text: `+${this.#num(0)}` });
      input.setAttribute("aria-valuetext", this.#t("sliderValue", { value: this.#num(0) }));
      // Ids are scoped by the shadow root: they cannot meet the page's ids.
      input.id = `pw-s-${i}`;
      out.setAttribute("for", input.id);
      const row = h("div", { class: "slider", part: "slider" },
        h("label", { htmlFor: input.id }, h("span", { class: "name", text: node.label }), note ? h("span", { class: "note", text: note }) : null),
        input, out);
      input.addEventListener("input", () => this.#onSlider(i, input, out, viewWord));
      e.sliders.append(row);
    }
    e.slidersTitle.textContent = this.index === "par" ? this.#t("slidersPar", { view: viewWord }) : this.#t("slidersSipas");
    e.slidersNote.textContent = !enabled
      ? this.#t("slidersNoScore", { province: this.#province, year: this.year })
      : this.index !== "par" ? this.#t("slidersSipasNote")
      : card ? this.#t("slidersCard", { view: viewWord })
      : this.#t("slidersTotalOnly", { province: this.#province, view: viewWord });
    // The chart: per field or component (PAR), none for the one SIPAS slider.
    e.chart.hidden = this.index !== "par";
    e.chartTitle.textContent = this.#t("chartTitle", { view: viewWord });
    e.chartNote.textContent = card
      ? `${this.#t("chartLegend")} ${this.#t("chartLegendCard", { view: viewWord })}`
      : `${this.#t("chartLegend")} ${this.#t("chartTotalOnly", { view: viewWord })}`;
    e.bars.textContent = "";
    this.#barEls = this.#nodes.map((node) => {
      const now = h("div", { class: "now" });
      const max = card ? h("div", { class: "max" }) : null;
      const value = h("span", { class: "value" });
      const row = h("div", { class: "bar", role: "listitem", part: "bar" },
        h("span", { class: "label", text: node.label }), h("div", { class: "track", "aria-hidden": "true" }, max, now), value);
      row.dataset.code = node.code;
      e.bars.append(row);
      return { now, max, value, row };
    });
  }

  #barEls = [];

  #onSlider(i, input, out, viewWord) {
    let v = hundredths(input.value);
    const others = this.#values.reduce((s, x, j) => (j === i ? s : s + x), 0);
    const room = Math.max(0, this.#room - others);
    const e = this.#els;
    if (v > room) {
      // The scorecard (or 100 points) allows no more: the slider stops, the rest is shown.
      v = room;
      input.value = fromHundredths(v);
      e.clamped.textContent = this.#t("clamped", { name: this.#nodes[i].label, view: viewWord });
    } else {
      e.clamped.textContent = "";
    }
    this.#values[i] = v;
    out.textContent = `+${this.#num(fromHundredths(v))}`;
    input.setAttribute("aria-valuetext", this.#t("sliderValue", { value: this.#num(fromHundredths(v)) }));
    if (this.#pending) return;
    this.#pending = true;
    requestAnimationFrame(() => {
      this.#pending = false;
      this.#update();
    });
  }

  // ---- the update: question 1, question 2, chart -------------------------------------------

  #update() {
    const e = this.#els;
    const tb = this.#table;
    if (!e || !tb) return;
    const t0 = performance.now();
    const province = this.#province;
    const target = Math.min(this.target, tb.of);
    const totalH = this.#values.reduce((s, x) => s + x, 0);
    const gain = fromHundredths(totalH);
    const gainText = this.#num(gain);
    const card = this.#userCard ? this.#card : null;
    let after = null;
    let bars = [];
    try {
      if (card) {
        // One call: all sliders together, each alone as set, each at its cap.
        // Scenarios are a mapping {name: {code: points added}}, in insertion order.
        const adds = this.#nodes.map((n, i) => [n.code, fromHundredths(this.#values[i])]);
        const scenarios = { all: Object.fromEntries(adds.filter(([, add]) => add !== "0.00")) };
        for (const [code, add] of adds) scenarios[`${code} as set`] = { [code]: add };
        for (const n of this.#nodes) scenarios[`${n.code} at cap`] = { [n.code]: fromHundredths(n.cap) };
        const res = this.#lib.whatIf(card, tb, scenarios);
        const k = this.#nodes.length;
        const now = res[0].rankBefore;
        const rank = { best: res[0].rankAfterBest, worst: res[0].rankAfterWorst, estimate: res[0].rankAfter };
        after = { score: res[0].indexAfter, rank, band: res[0].bandAfter };
        bars = this.#nodes.map((n, i) => ({ now: now - res[1 + i].rankAfter, max: now - res[1 + k + i].rankAfter }));
      } else if (this.#score !== null) {
        const rank = tb.rankWithGain(province, gain);
        const score = fromHundredths(hundredths(this.#score) + totalH);
        after = { score, rank, band: this.#lib.bandOf(score) };
        const now = tb.rankBounds(province).estimate;
        bars = this.#nodes.map((n, i) => ({
          now: now - (this.#values[i] ? tb.rankWithGain(province, fromHundredths(this.#values[i])).estimate : now),
          max: null,
        }));
      }
      this.#showError(this.#cardError, this.#cardError ? this.#t("errorScorecard") : undefined);
    } catch (err) {
      this.#showError(err);
      this.#count(t0, t0, t0);
      return;
    }
    const t1 = performance.now();
    // Question 2: exact under the fitted model, once the slider rests (in the worker when
    // asked for); the sliders' own update stays quick.
    this.#scheduleQ2(gain, target);
    const t2 = performance.now();
    // Question 1 and the "now" card's need.
    // The points needed hold others as published: they depend on the target, not the sliders.
    const needKey = `${province}|${target}`;
    if (this.#needKey !== needKey) {
      this.#needKey = needKey;
      this.#need = null;
      if (this.#score !== null) {
        try { this.#need = tb.pointsToRank(province, target); } catch { this.#need = null; }
      }
    }
    const need = this.#need;
    e.need.textContent = !need ? ""
      : hundredths(need.high) === 0 ? this.#t("needDone", { target })
      : this.#t("need", { target, low: this.#num(need.low), high: this.#num(need.high), estimate: this.#num(need.estimate) });
    e.q1Score.textContent = after ? `${this.#num(after.score)}%` : this.#t("notPublished");
    e.q1Rank.textContent = after
      ? this.#t("q1Rank", { gain: gainText, rank: this.#rankText(after.rank), of: tb.of, band: after.band })
      : this.#t("rankOf", { rank: this.#rankText(tb.rankBounds(province)), of: tb.of });
    e.q1Rank.dataset.best = after ? String(after.rank.best) : "";
    e.q1Rank.dataset.worst = after ? String(after.rank.worst) : "";
    e.q1Rank.dataset.estimate = after ? String(after.rank.estimate) : "";
    e.q1Note.textContent = after && after.rank.best !== after.rank.worst ? this.#t("q1Range") : "";
    // The chart.
    const top = Math.max(1, ...bars.map((b) => Math.max(b.now, b.max ?? 0)));
    bars.forEach((b, i) => {
      const el = this.#barEls[i];
      if (!el) return;
      el.now.style.width = `${(Math.max(0, b.now) / top) * 100}%`;
      if (el.max) el.max.style.width = `${(Math.max(0, b.max) / top) * 100}%`;
      el.value.textContent = b.max === null ? this.#t("chartBar", { now: b.now }) : this.#t("chartBarMax", { now: b.now, max: b.max });
      el.row.dataset.now = String(b.now);
      el.row.dataset.max = b.max === null ? "" : String(b.max);
    });
    // The province's row in the table.
    if (this.#meCell) {
      this.#meTag?.remove();
      this.#meTag = after && totalH > 0 ? h("span", { class: "tag", text: this.#t("withGain", { rank: this.#rankText(after.rank) }) }) : null;
      if (this.#meTag) this.#meCell.append(" ", this.#meTag);
    }
    // Room left.
    e.room.textContent = this.#room > 0 || totalH > 0
      ? this.#t("room", { room: this.#num(fromHundredths(Math.max(0, this.#room - totalH))), used: gainText, total: this.#num(fromHundredths(this.#room)) })
      : "";
    this.#announce(after, gainText, target);
    this.#count(t0, t1, t2);
  }

  #scheduleQ2(gain, target) {
    const e = this.#els;
    const seq = ++this.#exactSeq;
    clearTimeout(this.#q2Timer);
    e.q2Sub.textContent = this.#t("q2Sub", { province: this.#province, target, gain: this.#num(gain) });
    if (this.#score === null) {
      this.#drawQ2(null, null, gain, target);
      return;
    }
    e.q2P.setAttribute("aria-busy", "true");
    this.#q2Timer = setTimeout(() => {
      const options = { province: this.#province, gain, targetRank: target };
      const done = (r, err, t0) => {
        if (seq !== this.#exactSeq || !this.#els) return;
        this.q2Timings.push(performance.now() - t0);
        if (this.q2Timings.length > 500) this.q2Timings.splice(0, this.q2Timings.length - 500);
        this.#drawQ2(r, err, gain, target);
      };
      const t0 = performance.now();
      if (this.worker) {
        chancesInWorker(this.#tableSpec, options).then((r) => done(r, null, t0), (err) => done(null, err, t0));
      } else {
        let r = null;
        let err = null;
        try { r = this.#table.chances(options); } catch (x) { err = x; }
        done(r, err, t0);
      }
    }, Q2_DELAY);
  }

  #drawQ2(exact, err, gain, target) {
    const e = this.#els;
    e.q2P.removeAttribute("aria-busy");
    const plan = exact?.plans?.[0];
    if (exact?.model) {
      this.#model = exact.model;
      e.q2Model.textContent = this.#modelText();
    }
    this.q2Updates += 1;
    if (this.#score === null) {
      e.q2P.textContent = this.#t("unknown");
      e.q2Gains.textContent = this.#t("q2NoScore", { province: this.#province });
      e.q2P.dataset.p = "";
      return;
    }
    if (err || !plan) {
      e.q2P.textContent = this.#t("unknown");
      e.q2P.dataset.p = "";
      e.q2Gains.textContent = err ? describeError(this.language, err).text : "";
      return;
    }
    e.q2P.textContent = this.#pct(plan.pTarget);
    e.q2P.dataset.p = String(plan.pTarget);
    const g = (x) => (x === null ? this.#t("q2Unreachable") : this.#num(x));
    e.q2Gains.textContent = this.#t("q2Gains", { g50: g(exact.gainForP50), g80: g(exact.gainForP80) });
    this.#lastP = plan.pTarget;
    this.#announceP(plan.pTarget, target);
    this.dispatchEvent(new CustomEvent("parindex-q2", { detail: { pTarget: plan.pTarget } }));
  }

  #lastP = null;
  #need = null;
  #needKey = null;

  #announce(after, gainText, target) {
    clearTimeout(this.#liveTimer);
    this.#liveAfter = after ? { gain: gainText, rank: this.#rankText(after.rank), target } : null;
    this.#liveP = null;
    this.#sayLive();
  }

  #announceP(p, target) {
    if (this.#liveAfter && this.#liveAfter.target === target) {
      this.#liveP = p;
      clearTimeout(this.#liveTimer);
      this.#sayLive();
    }
  }

  #liveAfter = null;
  #liveP = null;

  #sayLive() {
    const a = this.#liveAfter;
    const p = this.#liveP;
    const text = a
      ? p !== null
        ? this.#t("live", { province: this.#province, gain: a.gain, rank: a.rank, target: a.target, p: this.#pct(p) })
        : this.#t("liveNoP", { province: this.#province, gain: a.gain, rank: a.rank })
      : "";
    // Announced once the slider rests, not at every step of a drag.
    this.#liveTimer = setTimeout(() => { if (this.#els) this.#els.live.textContent = text; }, 700);
  }

  #count(t0, t1, t2) {
    const t3 = performance.now();
    this.timings.push({ whatIf: t1 - t0, exact: t2 - t1, draw: t3 - t2, total: t3 - t0 });
    if (this.timings.length > 500) this.timings.splice(0, this.timings.length - 500);
    this.updates += 1;
    this.dispatchEvent(new CustomEvent("parindex-update", { detail: { updates: this.updates } }));
  }

  async #runCheck() {
    const e = this.#els;
    const totalH = this.#values.reduce((s, x) => s + x, 0);
    const gain = fromHundredths(totalH);
    const target = Math.min(this.target, this.#table.of);
    const n = this.#num(CHECK_SCENARIOS, 0);
    e.check.disabled = true;
    e.checkResult.textContent = this.#t("checking", { n });
    const options = { province: this.#province, gain, targetRank: target, scenarios: CHECK_SCENARIOS, seed: SEED };
    try {
      // A Web Worker keeps the page responsive; without Worker support, the main thread.
      const sim = typeof Worker === "function"
        ? await chancesInWorker(this.#tableSpec, options)
        : this.#table.chances(options);
      const exact = this.#table.chances({ province: this.#province, gain, targetRank: target });
      const p = sim.plans[0].pTarget;
      e.checkResult.textContent = this.#t("checkResult", {
        n, p: this.#pct(p), exact: this.#pct(exact.plans[0].pTarget),
      });
      e.checkResult.dataset.p = String(p);
    } catch (err) {
      e.checkResult.textContent = describeError(this.language, err).text;
    } finally {
      e.check.disabled = false;
    }
  }

  #showError(err, lead) {
    const e = this.#els;
    if (!e) return;
    if (!err) {
      e.error.hidden = true;
      this.#shownError = null;
      return;
    }
    const d = describeError(this.language, err);
    const first = this.#shownError !== err;
    this.#shownError = err;
    e.error.hidden = false;
    e.errorText.textContent = lead ? `${lead} ${d.text}` : d.text;
    e.errorCode.textContent = this.#t("errorCode", { code: d.code });
    e.errorDetail.textContent = d.detail;
    e.error.dataset.code = d.code;
    // For developers: the whole error, with its stack, in the console.
    if (first) console.warn(`parindex-whatif: ${d.detail}`, err);
  }

  #shownError = null;
}
