// parindex/widget: the <parindex-whatif> custom element, defined on import, and a small API
// for portals that build their pages in script.
import { ParindexWhatif } from "./element.js";
import { configure, ready } from "./runtime.js";

export { ParindexWhatif, configure, ready };
export { format, roundHalfAway } from "./format.js";
export { MESSAGES, describeError } from "./messages.js";
export { simulateInWorker, exactInWorker, chancesInWorker, stopWorker } from "./worker-client.js";

/** The element's tag name. */
export const TAG = "parindex-whatif";

/** Define `<parindex-whatif>` (done on import; harmless to call again). */
export function define() {
  if (typeof customElements !== "undefined" && !customElements.get(TAG)) customElements.define(TAG, ParindexWhatif);
}
define();

const ATTRIBUTES = ["province", "index", "year", "target", "lang", "src", "scorecard", "view"];

/**
 * Put a what-if widget in `element` (its content is replaced) and return the widget.
 *
 * @param {Element} element - the container
 * @param {object} [options] - `province` ("Lạng Sơn"), `index` ("par" | "sipas"), `year`
 *   (2023), `target` (rank, 30), `lang` ("vi" | "en"), `view` ("field" | "component"), `src`
 *   (URL of the portal's table, CSV or JSON), `scorecard` (URL of a scorecard CSV),
 *   `tableData` (CSV/JSON text or entries), `scorecardData` (CSV text), `worker` (boolean:
 *   compute in a Web Worker), `wasm` (where the WebAssembly module is, see `configure`)
 * @returns {ParindexWhatif} the element; change its attributes or properties later
 */
export function mount(element, options = {}) {
  if (!element || typeof element.append !== "function") {
    throw Object.assign(new TypeError("mount(element, options): element must be a DOM element"), { code: "INVALID_ARGUMENT" });
  }
  if (options.wasm !== undefined) configure({ wasm: options.wasm });
  const widget = document.createElement(TAG);
  for (const name of ATTRIBUTES) {
    if (options[name] !== undefined && options[name] !== null) widget.setAttribute(name, String(options[name]));
  }
  if (options.worker) widget.setAttribute("worker", "");
  if (options.tableData !== undefined) widget.tableData = options.tableData;
  if (options.scorecardData !== undefined) widget.scorecardData = options.scorecardData;
  element.replaceChildren(widget);
  return widget;
}
