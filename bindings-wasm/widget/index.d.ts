// Types of parindex/widget (the <parindex-whatif> custom element).

/** Where the WebAssembly module is: what wasm-bindgen's `init({ module_or_path })` takes. */
export type WasmSource = string | URL | Request | Response | WebAssembly.Module | BufferSource;

/** Options of `mount`; attributes of the element under the same names. */
export interface WidgetOptions {
  /** Province name as published (default "Lạng Sơn"); matched ignoring case and diacritics. */
  province?: string;
  /** "par" (default) or "sipas". */
  index?: "par" | "sipas";
  /** Table year (default 2023). */
  year?: number;
  /** Target rank for "rank ≤ target" (default 30). */
  target?: number;
  /** "vi" (default) or "en". */
  lang?: string;
  /** Sliders per "field" (default) or "component" (PAR INDEX). */
  view?: "field" | "component";
  /** URL of the portal's own table: CSV (`province,score[,rank]`…) or JSON (an array of entries). */
  src?: string;
  /** URL of a scorecard CSV (`code,points`) for the province (PAR INDEX). */
  scorecard?: string;
  /** The portal's table itself: CSV or JSON text, or an array of `{ province, score?, rank? }`. */
  tableData?: string | object[];
  /** A scorecard CSV text. */
  scorecardData?: string;
  /** Compute question 2 and the simulation check in a Web Worker. */
  worker?: boolean;
  /** Where the WebAssembly module is (see `configure`). */
  wasm?: WasmSource;
}

/** One update's times, milliseconds. */
export interface UpdateTiming { whatIf: number; exact: number; draw: number; total: number }

/** `<parindex-whatif>`: attributes `province`, `index`, `year`, `target`, `lang`, `view`, `src`, `scorecard`, `worker` (all live). */
export class ParindexWhatif extends HTMLElement {
  province: string;
  index: string;
  year: number;
  target: number;
  view: "field" | "component";
  src: string | null;
  scorecard: string | null;
  worker: boolean;
  tableData: string | object[] | undefined;
  scorecardData: string | undefined;
  readonly language: "vi" | "en";
  /** The last updates' times (ms). */
  readonly timings: UpdateTiming[];
  /** How many updates were drawn. */
  readonly updates: number;
}

export const TAG: "parindex-whatif";
/** Define the element (done on import). */
export function define(): void;
/** Put a widget in `element` (replacing its content); returns the element. @throws TypeError (code INVALID_ARGUMENT) when `element` is not an element. */
export function mount(element: Element, options?: WidgetOptions): ParindexWhatif;
/** Set where the module is loaded from, before the first widget starts. */
export function configure(options: { wasm?: WasmSource }): void;
/** The library, once initialised (shared by every widget). */
export function ready(): Promise<typeof import("../pkg/web/index.js")>;
/**
 * A value for display: rounded to `decimals` with the library's rule (halves away from zero,
 * on the decimal digits), written by Intl for `locale` ("vi-VN": "85,94", "100.000").
 * @returns null for null, undefined or a value that is not a finite number.
 */
export function format(value: number | string | null | undefined, decimals?: number, locale?: string): string | null;
/** Round to `decimals` places, halves away from zero, as a decimal string ("86.865" → "86.87"); null when not a number. */
export function roundHalfAway(value: number | string, decimals?: number): string | null;
/** Every text of the widget, by language ("vi", "en"); `errors` maps stable error codes to sentences. */
export const MESSAGES: Record<"vi" | "en", Record<string, any>>;
/** The citizen sentence (`text`), stable `code` and developer `detail` of an error. */
export function describeError(lang: "vi" | "en", e: unknown): { code: string; text: string; detail: string };
/** A table for the worker: the published one (no `data`) or the portal's CSV/JSON text or entries. */
export interface WorkerTable { index: string; year: number; data?: string | object[] | null; label?: string | null }
/** `table.simulate(options)` in a Web Worker; rejects with the library's error (same `code`). */
export function simulateInWorker(table: WorkerTable, options: object): Promise<any>;
/** `table.exact(options)` in a Web Worker. */
export function exactInWorker(table: WorkerTable, options: object): Promise<any>;
/** `table.chances(options)` (the fitted next-year model) in a Web Worker. */
export function chancesInWorker(table: WorkerTable, options: object): Promise<any>;
/** Stop the worker. */
export function stopWorker(): void;

declare global {
  interface HTMLElementTagNameMap { "parindex-whatif": ParindexWhatif }
}
