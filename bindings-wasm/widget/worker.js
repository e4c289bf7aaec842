// The widget's Web Worker: runs `simulate`, `exact` and `chances` off the page's main thread, so that a
// long Monte Carlo does not freeze the portal. Messages in:
//   { id, wasm?: string, index, year, data?: string | object[], label?, op: "simulate" | "exact" | "chances", options }
// out: { id, result } or { id, error: { kind, message, file, row, column, code, argument } }.
import init, * as lib from "../pkg/web/index.js";
import { makeTable } from "./runtime.js";

let started = null;
const tables = new Map();

self.onmessage = async (event) => {
  const { id, wasm, index, year, data, label, op, options } = event.data;
  try {
    if (!started) started = init(wasm ? { module_or_path: wasm } : undefined);
    await started;
    const key = JSON.stringify([index, year, label ?? null, typeof data === "string" ? data.length : data?.length ?? null]);
    let table = tables.get(key);
    if (!table) {
      table = makeTable(lib, index, year, data ?? null, label).table;
      tables.set(key, table);
    }
    if (op === "chances") {
      self.postMessage({ id, result: table.chances(options) });
      return;
    }
    if (op !== "simulate" && op !== "exact") throw Object.assign(new Error(`unknown op ${op}`), { kind: "INVALID_ARGUMENT" });
    const result = op === "simulate" ? table.simulate(options) : table.exact(options);
    self.postMessage({ id, result });
  } catch (e) {
    const error = { message: String(e?.message ?? e) };
    for (const k of ["kind", "file", "row", "column", "code", "argument"]) if (e && e[k] !== undefined) error[k] = e[k];
    self.postMessage({ id, error });
  }
};
