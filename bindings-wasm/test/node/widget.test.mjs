// parindex/widget outside the browser: the `format` helper (the library's rounding rule and
// vi-VN separators), the error sentences for every stable code, the package's exports, an
// esbuild bundle that finds the wasm file, and the shipped sizes (test-output/bundle-size.json).
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { published, Scorecard, Framework } from "parindex";
import { format, roundHalfAway } from "../../widget/format.js";
import { MESSAGES, describeError, language, t } from "../../widget/messages.js";
import { buildEsbuildApp } from "../bundlers/esbuild-app.mjs";
import { buildViteApp } from "../bundlers/vite-app.mjs";
import { pkgRoot, testdata } from "./helpers.mjs";

const OUT = join(pkgRoot, "test-output");

test("format: the library's rounding (halves away from zero) and vi-VN separators", () => {
  assert.equal(format("85.94"), "85,94");
  assert.equal(format("84.6"), "84,60"); // published as 84.6: shown with the published 2 decimals
  assert.equal(format("86.865"), "86,87"); // core/src/decimal.rs round_publish: 86.865 → 86.87
  assert.equal(format("-86.865"), "-86,87");
  assert.equal(format(0.145, 2), "0,15"); // the decimal 0.145, not the binary 0.1449999…
  assert.equal(format(100000, 0), "100.000"); // not "100,000", read as a hundred
  assert.equal(format(4000, 0), "4.000");
  assert.equal(format("1234567.891", 2), "1.234.567,89");
  assert.equal(format(99.995, 2), "100,00");
  assert.equal(format("-0.004", 2), "0,00");
  assert.equal(format(73.78, 1), "73,8");
  assert.equal(format("86.865", 2, "en-US"), "86.87");
  assert.equal(format(100000, 0, "en-US"), "100,000");
  // Unknown stays unknown: never "0,00".
  for (const v of [null, undefined, "", "abc", NaN, Infinity]) assert.equal(format(v), null, String(v));
  assert.equal(roundHalfAway("1e-7", 2), "0.00");
  assert.equal(roundHalfAway("2.5", 0), "3");
  assert.equal(roundHalfAway("-2.5", 0), "-3");
  // The same digits as the library's own 2-decimal figures.
  const tb = published("par", 2023);
  for (const r of tb.rows().filter((x) => x.score !== null)) {
    assert.equal(format(r.score), roundHalfAway(r.score, 2).replace(".", ","));
  }
});

const LIBRARY_CODES = [
  "ABOVE_MAX", "UNKNOWN_PROVINCE", "UNKNOWN_CODE", "INVALID_NUMBER", "INVALID_ARGUMENT", "NOT_FOUND", "MALFORMED",
  "MISSING_FIELD", "NEGATIVE", "DUPLICATE_CODE", "DUPLICATE_PROVINCE", "INVALID_RANK", "FRAMEWORK", "RULE",
  "UNSUPPORTED", "INVALID_ANSWER", "DUPLICATE_ANSWER", "NO_ANSWERS", "INTERNAL",
];

test("every stable error code has a plain sentence in Vietnamese and English; the detail keeps the library's message", () => {
  for (const code of [...LIBRARY_CODES, "LOAD_FAILED", "WASM_BLOCKED", "FETCH_FAILED", "UNKNOWN"]) {
    assert.ok(MESSAGES.vi.errors[code], `vi ${code}`);
    assert.ok(MESSAGES.en.errors[code], `en ${code}`);
    assert.notEqual(MESSAGES.vi.errors[code], MESSAGES.en.errors[code], code);
  }
  assert.deepEqual(Object.keys(MESSAGES.vi).sort(), Object.keys(MESSAGES.en).sort());
  // Real errors from the library.
  const fw = Framework.forYear("par", 2023);
  const cases = [
    [() => published("par", 2023).rank("Atlantis"), "UNKNOWN_PROVINCE", /Không tìm thấy tỉnh/],
    [() => Scorecard.fromCsv("code,points\n1,99\n", fw, "Lạng Sơn", { year: 2023, label: "diem.csv" }), "ABOVE_MAX", /vượt quá/],
    [() => published("par", 1999), "NOT_FOUND", /Không tìm thấy dữ liệu/],
  ];
  for (const [fn, code, sentence] of cases) {
    let err;
    try { fn(); } catch (e) { err = e; }
    assert.equal(err?.kind, code);
    const d = describeError("vi", err);
    assert.equal(d.code, code);
    assert.match(d.text, sentence);
    assert.ok(d.detail.includes(err.message), d.detail);
  }
  const abov = (() => { try { Scorecard.fromCsv("code,points\n1,99\n", fw, "Lạng Sơn", { year: 2023, label: "diem.csv" }); } catch (e) { return e; } })();
  assert.match(describeError("vi", abov).detail, /file: diem\.csv\nrow: 2/);
  // A CSP refusal is recognised.
  const csp = new Error("WebAssembly.instantiate(): Refused to compile or instantiate WebAssembly module because 'unsafe-eval' is not an allowed source of script in the following Content Security Policy directive");
  assert.equal(describeError("vi", csp).code, "WASM_BLOCKED");
  assert.equal(describeError("vi", new Error("boom")).code, "UNKNOWN");
  assert.equal(language("en-GB"), "en");
  assert.equal(language(null), "vi");
  assert.equal(t("vi", "rankOf", { rank: 47, of: 63 }), "Hạng 47 trên 63");
});

test("package.json ships the widget and lets bundlers import the wasm file", async () => {
  const pkg = JSON.parse(readFileSync(join(pkgRoot, "package.json"), "utf8"));
  assert.ok(pkg.files.includes("widget/"));
  assert.equal(pkg.exports["./widget"].default, "./widget/index.js");
  assert.equal(pkg.exports["./widget"].types, "./widget/index.d.ts");
  assert.equal(pkg.exports["./parindex_bg.wasm"], "./pkg/web/parindex_bg.wasm");
  // The element registers itself on import: bundlers must keep that module.
  assert.deepEqual(pkg.sideEffects, ["./widget/index.js"]);
  assert.equal(import.meta.resolve("parindex/widget"), new URL("widget/index.js", `file://${pkgRoot}/`).href);
  assert.equal(import.meta.resolve("parindex/parindex_bg.wasm"), new URL("pkg/web/parindex_bg.wasm", `file://${pkgRoot}/`).href);
  assert.equal(import.meta.resolve("parindex/widget/worker.js"), new URL("widget/worker.js", `file://${pkgRoot}/`).href);
});

const sha = (buf) => createHash("sha256").update(buf).digest("hex");

test("esbuild: a one-line app bundles the widget and emits the wasm file it loads", async (t) => {
  const { dist, metafile } = await buildEsbuildApp(pkgRoot, join(OUT, "esbuild-app"));
  const files = readdirSync(dist);
  const wasmFiles = files.filter((f) => f.endsWith(".wasm"));
  assert.equal(wasmFiles.length, 1, files.join(", "));
  const wasm = readFileSync(join(dist, wasmFiles[0]));
  assert.equal(sha(wasm), sha(readFileSync(join(pkgRoot, "pkg", "web", "parindex_bg.wasm"))), "the same module");
  const app = readFileSync(join(dist, "app.js"), "utf8");
  assert.ok(app.includes(wasmFiles[0]), "the bundle refers to the emitted file");
  assert.ok(files.includes("worker.js"), "the worker entry is emitted next to the app");
  assert.ok(app.includes("parindex-whatif"), "the element is in the bundle (not shaken off)");
  t.diagnostic(`esbuild: ${Object.keys(metafile.outputs).length} outputs: ${files.join(", ")}`);
});

test("Vite: a one-line app (import \"parindex/widget\") emits the wasm file and the worker", async (t) => {
  const started = performance.now();
  const { dist } = await buildViteApp(pkgRoot, join(OUT, "vite-app"));
  const list = (d) => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? list(join(d, e.name)).map((f) => `${e.name}/${f}`) : [e.name]));
  const files = list(dist);
  const wasmFiles = files.filter((f) => f.endsWith(".wasm"));
  assert.equal(wasmFiles.length, 1, files.join(", "));
  assert.equal(sha(readFileSync(join(dist, wasmFiles[0]))), sha(readFileSync(join(pkgRoot, "pkg", "web", "parindex_bg.wasm"))));
  const js = files.filter((f) => f.endsWith(".js")).map((f) => readFileSync(join(dist, f), "utf8"));
  const base = wasmFiles[0].split("/").pop();
  assert.ok(js.some((c) => c.includes(base)), "a chunk refers to the emitted wasm file");
  assert.ok(files.some((f) => /worker.*\.js$/.test(f)), `the worker is emitted: ${files.join(", ")}`);
  assert.ok(js.some((c) => c.includes("parindex-whatif")));
  t.diagnostic(`vite build: ${((performance.now() - started) / 1000).toFixed(1)} s; ${files.join(", ")}`);
});

test("shipped size of the element + wasm (raw and gzip), written to test-output/bundle-size.json", async (t) => {
  const gz = (buf) => gzipSync(buf, { level: 9 }).length;
  const part = (paths) => {
    const bufs = paths.map((p) => readFileSync(join(pkgRoot, p)));
    return { files: paths, raw: bufs.reduce((s, b) => s + b.length, 0), gzip: bufs.reduce((s, b) => s + gz(b), 0) };
  };
  const widgetFiles = readdirSync(join(pkgRoot, "widget")).filter((f) => f.endsWith(".js")).map((f) => `widget/${f}`);
  const sizes = {
    element: part(widgetFiles),
    glue: part(["pkg/web/index.js", "pkg/web/parindex.js"]),
    wasm: part(["pkg/web/parindex_bg.wasm"]),
  };
  const app = readFileSync(join(OUT, "esbuild-app", "dist", "app.js"));
  sizes.esbuildMinifiedApp = { raw: app.length, gzip: gz(app) };
  sizes.total = {
    raw: sizes.element.raw + sizes.glue.raw + sizes.wasm.raw,
    gzip: sizes.element.gzip + sizes.glue.gzip + sizes.wasm.gzip,
  };
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, "bundle-size.json"), JSON.stringify(sizes, null, 2));
  const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
  for (const [k, v] of Object.entries(sizes)) t.diagnostic(`${k}: ${kb(v.raw)} raw, ${kb(v.gzip)} gzip`);
  assert.ok(sizes.wasm.raw > 100000 && statSync(join(pkgRoot, "pkg", "web", "parindex_bg.wasm")).size === sizes.wasm.raw);
  assert.ok(sizes.element.raw > 10000);
});

test("the scorecard fixture used by the browser test has the published caps", () => {
  const fw = Framework.forYear("par", 2023);
  const card = Scorecard.fromCsv(testdata("published/par_index_scorecards.csv"), fw, "Quảng Nam", { year: 2023 });
  assert.equal(card.lost("3"), "2.32");
  assert.equal(card.lost("1"), "0.06");
});
