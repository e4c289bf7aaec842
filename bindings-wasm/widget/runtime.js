// One WebAssembly instance for every widget on the page: `ready()` initialises the web
// build once (with the wasm location given to `configure`, else the file next to the
// module, pkg/web/parindex_bg.wasm), and the loaders read tables and scorecards.
import init, * as lib from "../pkg/web/index.js";

let wasmSource;
let started = null;

/**
 * Where the widgets load the WebAssembly module from, before the first widget starts.
 *
 * @param {{ wasm?: string | URL | Request | Response | WebAssembly.Module | BufferSource }} options
 *   `wasm`: what wasm-bindgen's `init({ module_or_path })` takes, e.g. a CDN URL
 *   ("https://cdn.jsdelivr.net/npm/parindex@0.1.0/pkg/web/parindex_bg.wasm") or the URL a
 *   bundler gives for `import wasmUrl from "parindex/parindex_bg.wasm"`. Relative URLs are
 *   resolved against the page.
 */
export function configure(options = {}) {
  if (options.wasm !== undefined) {
    wasmSource = typeof options.wasm === "string" ? new URL(options.wasm, globalThis.location?.href).href : options.wasm;
  }
}

/** The configured wasm URL as a string, for the worker (null: the default location). */
export function wasmUrl() {
  if (typeof wasmSource === "string") return wasmSource;
  if (wasmSource instanceof URL) return wasmSource.href;
  return null;
}

/** The library once initialised (shared by every widget). Rejects when the module cannot load. */
export function ready() {
  if (!started) {
    started = init(wasmSource === undefined ? undefined : { module_or_path: wasmSource }).then(
      () => lib,
      (e) => {
        started = null; // a later widget may retry (e.g. after the page fixed its CSP)
        throw e;
      },
    );
  }
  return started;
}

/** An error with one of the widget's own stable codes. */
export function widgetError(code, message, extra = {}) {
  const e = new Error(message);
  e.name = "ParIndexWidgetError";
  e.code = code;
  Object.assign(e, extra);
  return e;
}

/** The text at `url` (a portal's CSV or JSON), or a FETCH_FAILED error naming it. */
export async function fetchText(url) {
  let res;
  try {
    res = await fetch(url);
  } catch (e) {
    throw widgetError("FETCH_FAILED", `fetch ${url}: ${e.message}`, { file: String(url) });
  }
  if (!res.ok) throw widgetError("FETCH_FAILED", `fetch ${url}: HTTP ${res.status}`, { file: String(url) });
  return res.text();
}

/**
 * A league table: the published one of `index` and `year`, or the portal's own from
 * `data` (CSV text, JSON text of entries, or an array of entries).
 * @returns {{ table: any, csv: string | null, label: string | null }}
 */
export function makeTable(m, index, year, data, label) {
  if (data === null || data === undefined) return { table: m.published(index, year), csv: null, label: null };
  const options = { index, year, label: label || (typeof data === "string" ? "table.csv" : "entries") };
  if (Array.isArray(data)) return { table: m.LeagueTable.fromEntries(data, options), csv: null, entries: data, label };
  const text = String(data);
  if (/^\s*[[{]/.test(text)) {
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw widgetError("MALFORMED", `${options.label}: not JSON: ${e.message}`, { file: options.label });
    }
    const entries = Array.isArray(parsed) ? parsed : parsed.entries;
    if (!Array.isArray(entries)) throw widgetError("MALFORMED", `${options.label}: expected an array of entries`, { file: options.label });
    return { table: m.LeagueTable.fromEntries(entries, options), csv: null, entries, label };
  }
  return { table: m.LeagueTable.fromCsv(text, options), csv: text, label };
}
