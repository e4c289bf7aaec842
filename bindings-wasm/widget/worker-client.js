// A promise API over widget/worker.js: `simulateInWorker` and `exactInWorker` run the
// library's `simulate` / `exact` in a Web Worker (one per page, started on first use).
import { wasmUrl } from "./runtime.js";

let worker = null;
let next = 1;
const pending = new Map();

function start() {
  if (worker) return worker;
  // Bundlers (Vite, webpack 5, esbuild with a plugin) recognise this pattern and emit the
  // worker file; served as is, it is the file next to this one.
  worker = new Worker(new URL("./worker.js", import.meta.url), { type: "module", name: "parindex" });
  worker.onmessage = (event) => {
    const { id, result, error } = event.data;
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    if (error) p.reject(Object.assign(new Error(error.message), error, { name: "ParIndexError" }));
    else p.resolve(result);
  };
  worker.onerror = (event) => {
    const e = Object.assign(new Error(event.message || "worker failed"), { code: "LOAD_FAILED" });
    for (const p of pending.values()) p.reject(e);
    pending.clear();
    worker = null;
  };
  return worker;
}

function call(op, table, options) {
  const w = start();
  const id = next++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    w.postMessage({
      id,
      op,
      wasm: wasmUrl(),
      index: table.index,
      year: table.year,
      data: table.data ?? null,
      label: table.label ?? null,
      options,
    });
  });
}

/**
 * `table.simulate(options)` in a Web Worker.
 * @param {{ index: "par" | "sipas" | string, year: number, data?: string | object[], label?: string }} table
 *   the published table (`data` omitted) or the portal's own (CSV/JSON text or entries)
 * @param {object} options - the options of `simulate` (`{ province, gain | gains, targetRank, scenarios?, seed?, model? }`)
 * @returns {Promise<object>} the `simulate` result; rejects with the library's error (same `kind`)
 */
export function simulateInWorker(table, options) {
  return call("simulate", table, options);
}

/** `table.exact(options)` in a Web Worker (see `simulateInWorker`). */
export function exactInWorker(table, options) {
  return call("exact", table, options);
}

/** `table.chances(options)` (the fitted next-year model) in a Web Worker (see `simulateInWorker`). */
export function chancesInWorker(table, options) {
  return call("chances", table, options);
}

/** Stop the worker (a later call starts a new one). */
export function stopWorker() {
  if (worker) worker.terminate();
  worker = null;
  for (const p of pending.values()) p.reject(Object.assign(new Error("worker stopped"), { code: "LOAD_FAILED" }));
  pending.clear();
}
