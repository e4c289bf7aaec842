// Writes the package's entry points next to wasm-bindgen's output (run by build.sh;
// `node scripts/shims.mjs pkg-test` for the test build, nodejs only):
//
//   pkg/node/package.json  {"type": "commonjs"}: the nodejs build is CommonJS inside a
//                          "type": "module" package
//   pkg/node/index.cjs     require("parindex") — the nodejs build, guarded
//   pkg/node/index.mjs     import … from "parindex" in Node — the same module, as ESM
//   pkg/web/index.js       browsers and bundlers — the web build (call `await init()`), guarded
//   pkg/web/index.d.ts     the types of every entry: wasm-bindgen's, less what the entries
//                          do not export (`__wbg_reset_state`)
//
// The module is carried once: the nodejs build reads the web build's parindex_bg.wasm
// (wasm-bindgen emits the same bytes for both targets; build.sh checks it).
//
// Every error thrown is an instance of the exported class `ParIndexError` (`instanceof`
// works): the module's errors get its prototype on their way out. A call on the web build
// before `init()` has finished is a ParIndexError (kind UNSUPPORTED) saying so.
//
// "Guarded": if a call (constructors included) ends in a Rust panic (thrown as a ParIndexError with kind INTERNAL) or
// a WebAssembly trap, the wasm instance is replaced at once (wasm-bindgen's
// __wbg_reset_state), so that the next call runs on a fresh instance and objects made
// before the panic throw "Invalid stale object" instead of reading freed memory. Class
// arguments and the object a method is called on are checked first (a wrong class, null,
// a plain object or a freed object is a ParIndexError with code INVALID_ARGUMENT naming
// the argument), `new` on a class without a constructor is refused (UNSUPPORTED), and
// wasm-bindgen's own errors get a code too. Nothing here converts or computes anything:
// the exports are wasm-bindgen's own functions.
//
// The Node entry also exports `init` (default) and `initSync` as no-ops, so code written
// for the web build (`await init(); published(...)`) runs unchanged in Node.

import { createRequire } from "node:module";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkgDir = join(root, process.argv[2] ?? "pkg");
const node = join(pkgDir, "node");
const web = join(pkgDir, "web");
const withWeb = existsSync(web);

writeFileSync(join(node, "package.json"), JSON.stringify({ type: "commonjs" }, null, 2) + "\n");

const raw = createRequire(import.meta.url)(join(node, "parindex.js"));
// Not API: the reset hook (used by the guard) and the module's start function (run by
// wasm-bindgen at instantiation).
const hidden = new Set(["__wbg_reset_state", "start"]);
const names = Object.keys(raw).filter((n) => !hidden.has(n)).sort();
if (!names.includes("published") || !names.includes("LeagueTable")) {
  throw new Error(`unexpected exports from the nodejs build: ${names.join(", ")}`);
}
if (typeof raw.__wbg_reset_state !== "function") {
  throw new Error("the nodejs build lacks __wbg_reset_state: run wasm-bindgen with --experimental-reset-state-function");
}
// Classes are wasm-bindgen's: functions whose prototype has `free` (test hooks included).
const classes = names.filter((n) => typeof raw[n] === "function" && typeof raw[n].prototype?.free === "function");
const functions = names.filter((n) => !classes.includes(n));

const guard = `
const SKIP = new Set(["constructor", "prototype", "length", "name", "__wrap", "__destroy_into_raw", "free", "__unwrap"]);
// Getters whose value never changes for an object: read once, then the same object is
// returned on every read (no new copy in wasm memory per read).
const SAME_OBJECT = new Set(["framework", "unassigned"]);
const PTR = "__wbg_ptr";
/** The error every call throws (see the README, "Errors"). */
class ParIndexError extends Error {}
Object.defineProperty(ParIndexError.prototype, "name", { value: "ParIndexError", writable: true, configurable: true });
function isFatal(e) {
  return (e != null && e.kind === "INTERNAL") || e instanceof WebAssembly.RuntimeError;
}
// A ParIndexError made here (same properties as the module's own, see the README).
function coded(kind, message, argument) {
  const e = new ParIndexError(message);
  e.name = "ParIndexError";
  Object.assign(e, {
    kind, family: "input", file: null, row: null, column: null, code: null,
    argument: argument ?? null, details: argument == null ? {} : { argument },
  });
  return e;
}
function notReady() {
  return coded("UNSUPPORTED", "parindex is not initialised: call \`await init()\` (the default export) once before any other call", null);
}
const camel = (s) => s.replace(/_([a-z])/g, (_, c) => c.toUpperCase());
function kind(v) {
  if (v === null) return "null";
  if (typeof v !== "object") return typeof v;
  return v.constructor?.name ?? "object";
}
// An object of class \`cls\` whose wasm memory is still there, or the error saying otherwise.
function instanceError(v, cls, where, argument) {
  if (!(v instanceof cls)) return coded("INVALID_ARGUMENT", \`invalid \\\`\${where}\\\`: expected a \${cls.name}, got \${kind(v)}\`, argument);
  if (!v[PTR]) {
    return coded("INVALID_ARGUMENT", \`invalid \\\`\${where}\\\`: this \${cls.name} has been freed (free() was called on it) or was never made by parindex: make it again\`, argument);
  }
  return null;
}
// The class arguments wasm-bindgen checks in its glue (\`_assertClass(table, LeagueTable)\`),
// as [position, JS name, class]: checked here first, so that a wrong class, null, a plain
// object or a freed object is a ParIndexError naming the argument.
function classArguments(fn) {
  const src = Function.prototype.toString.call(fn);
  const open = src.indexOf("(");
  const params = src.slice(open + 1, src.indexOf(")", open)).split(",").map((p) => p.trim()).filter(Boolean);
  const out = [];
  for (const m of src.matchAll(/_assertClass\\((\\w+), (\\w+)\\)/g)) {
    const i = params.indexOf(m[1]);
    if (i >= 0 && typeof raw[m[2]] === "function") out.push([i, camel(m[1]), raw[m[2]]]);
  }
  return out;
}
// The module's errors as instances of ParIndexError; wasm-bindgen's own failures (no kind)
// as ParIndexErrors.
function typed(e) {
  if (e instanceof Error && e.name === "ParIndexError" && !(e instanceof ParIndexError)) {
    Object.setPrototypeOf(e, ParIndexError.prototype);
  }
  if (e == null || typeof e.kind === "string" || !(e instanceof Error)) return e;
  const m = /expected instance of (\\w+)/.exec(e.message);
  if (m) return coded("INVALID_ARGUMENT", \`invalid argument: expected a \${m[1]}\`, null);
  if (/null pointer passed to rust|Attempt to use a moved value/.test(e.message)) {
    return coded("INVALID_ARGUMENT", "an object passed to parindex has been freed (free() was called on it) or was never made by parindex: make it again", null);
  }
  if (/recursive use of an object/.test(e.message)) {
    return coded("INVALID_ARGUMENT", "an object is in use by a call that has not returned (a callback re-entered parindex)", null);
  }
  return e;
}
function wrap(fn, reset, owner) {
  const checks = classArguments(fn);
  return function guarded(...args) {
    if (!isReady()) throw notReady();
    if (owner) {
      const e = instanceError(this, owner, "this", "this");
      if (e) throw e;
    }
    for (const [i, name, cls] of checks) {
      const e = instanceError(args[i], cls, name, name);
      if (e) throw e;
    }
    try {
      return fn.apply(this, args);
    } catch (e) {
      if (isFatal(e)) {
        try { reset(); } catch (_) { /* the next call retries */ }
      }
      throw typed(e);
    }
  };
}
// A getter read once per object (see SAME_OBJECT), again only if its object was freed.
function once(get) {
  const seen = new WeakMap();
  return function () {
    const v = seen.get(this);
    if (v !== undefined && !(v !== null && typeof v === "object" && PTR in v && !v[PTR])) return v;
    const fresh = get.call(this);
    seen.set(this, fresh);
    return fresh;
  };
}
// Static methods, methods and getters are wrapped in place; the class itself is wrapped in
// a Proxy whose construct trap guards \`new\` (instanceof, statics and prototype pass through):
// a class without a constructor refuses \`new\` (wasm-bindgen would make an empty object).
function guardClass(cls, reset) {
  for (const target of [cls, cls.prototype]) {
    for (const key of Object.getOwnPropertyNames(target)) {
      if (SKIP.has(key)) continue;
      const d = Object.getOwnPropertyDescriptor(target, key);
      const owner = target === cls ? null : cls;
      if (typeof d.value === "function") d.value = wrap(d.value, reset, owner);
      else if (d.get && SAME_OBJECT.has(key)) d.get = wrap(once(d.get), reset, owner);
      else if (d.get) d.get = wrap(d.get, reset, owner);
      else continue;
      Object.defineProperty(target, key, d);
    }
  }
  const makers = Object.getOwnPropertyNames(cls).filter((k) => !SKIP.has(k) && !k.startsWith("__") && typeof cls[k] === "function");
  return new Proxy(cls, {
    construct(target, args, newTarget) {
      if (!isReady()) throw notReady();
      let made;
      try {
        made = Reflect.construct(target, args, newTarget);
      } catch (e) {
        if (isFatal(e)) {
          try { reset(); } catch (_) { /* the next call retries */ }
        }
        throw typed(e);
      }
      if (!made[PTR]) {
        const how = makers.length ? \`use \${makers.map((k) => \`\${cls.name}.\${k}()\`).join(", ")}\` : "it is made by other calls";
        throw coded("UNSUPPORTED", \`\\\`new \${cls.name}()\\\` makes no \${cls.name}: \${how}\`, null);
      }
      return made;
    },
  });
}
`;

const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const header = "// Generated by scripts/shims.mjs from wasm-bindgen's output: do not edit.\n";

// The module once: the nodejs build reads the web build's bytes (the same, by build.sh).
if (withWeb && existsSync(join(node, "parindex_bg.wasm"))) {
  const glue = join(node, "parindex.js");
  const same = readFileSync(join(node, "parindex_bg.wasm")).equals(readFileSync(join(web, "parindex_bg.wasm")));
  const text = readFileSync(glue, "utf8");
  const from = "`${__dirname}/parindex_bg.wasm`";
  if (!same || !text.includes(from)) throw new Error("the nodejs and web builds differ: cannot carry the module once");
  writeFileSync(glue, text.replace(from, "`${__dirname}/../web/parindex_bg.wasm`"));
  rmSync(join(node, "parindex_bg.wasm"));
}

// CommonJS entry (Node require).
writeFileSync(
  join(node, "index.cjs"),
  header +
    `"use strict";\nconst raw = require("./parindex.js");\nconst isReady = () => true;\n${guard}\n` +
    "module.exports.ParIndexError = ParIndexError;\n" +
    classes.map((c) => `module.exports.${c} = guardClass(raw.${c}, raw.__wbg_reset_state);`).join("\n") +
    "\n" +
    functions.map((f) => `module.exports.${f} = wrap(raw.${f}, raw.__wbg_reset_state);`).join("\n") +
    "\n/** No-op: the Node build is ready on import (kept for code shared with the web build). */\n" +
    "module.exports.default = async function init() { return undefined; };\n" +
    "module.exports.initSync = function initSync() { return undefined; };\n",
);

// ESM entry (Node import).
writeFileSync(
  join(node, "index.mjs"),
  header +
    `import m from "./index.cjs";\n` +
    ["ParIndexError", ...names].map((n) => `export const ${n} = m.${n};`).join("\n") +
    "\nexport const initSync = m.initSync;\nexport default m.default;\n",
);

if (withWeb) {
  // Web entry (browsers, bundlers): the web build, guarded; `init()` loads the wasm.
  writeFileSync(
    join(web, "index.js"),
    header +
      `import rawInit, * as raw from "./parindex.js";\nlet ready = false;\nconst isReady = () => ready;\n${guard}\n` +
      "export { ParIndexError };\n" +
      classes.map((c) => `export const ${c} = guardClass(raw.${c}, raw.__wbg_reset_state);`).join("\n") +
      "\n" +
      functions.map((f) => `export const ${f} = wrap(raw.${f}, raw.__wbg_reset_state);`).join("\n") +
      "\nexport function initSync(module) { const out = raw.initSync(module); ready = true; return out; }\n" +
      "export default async function init(module_or_path) { const out = await rawInit(module_or_path); ready = true; return out; }\n",
  );
  // The types of the entries: wasm-bindgen's, less what the entries do not export.
  const dts = readFileSync(join(web, "parindex.d.ts"), "utf8");
  let entriesDts = dts;
  for (const name of hidden) {
    const hook = new RegExp(`\\n(\\/\\*\\*(?:(?!\\*\\/)[\\s\\S])*\\*\\/\\n)?export function ${name}\\(\\): void;\\n`);
    if (!hook.test(entriesDts)) throw new Error(`parindex.d.ts: no ${name} declaration to leave out`);
    entriesDts = entriesDts.replace(hook, "\n");
  }
  // The declarations generated from the core's serde types (tsify, the core's `ts` feature)
  // name fields as serde does (snake_case); the module's values name them in camelCase
  // (the one conversion, convert.rs): the same conversion here, on property names only.
  // Members one per line, and those of inline object types (`{ cost_per_point?: …; cap: … }`).
  const camelFields = (text) =>
    text
      .replace(/^(\s+)([a-z][a-z0-9]*(?:_[a-z0-9]+)+)(\??):/gm, (_, indent, name, optional) => `${indent}${camel(name)}${optional}:`)
      .replace(/([{;] )([a-z][a-z0-9]*(?:_[a-z0-9]+)+)(\??):/g, (_, before, name, optional) => `${before}${camel(name)}${optional}:`);
  // The class of the errors (made by the guard above): an Error with the properties the
  // core's errors carry, whose declaration `ParIndexErrorFields` is generated from Rust
  // (src/shapes.rs); the class and that interface merge.
  if (!/^export interface ParIndexErrorFields /m.test(entriesDts)) throw new Error("parindex.d.ts: no ParIndexErrorFields");
  const errorClass =
    "\n/** The error every call throws (`e instanceof ParIndexError`): see `ParIndexErrorFields`. */\n" +
    'export class ParIndexError extends Error { name: "ParIndexError"; }\n' +
    "export interface ParIndexError extends ParIndexErrorFields {}\n";
  writeFileSync(join(web, "index.d.ts"), header + camelFields(entriesDts) + errorClass);
}

console.log(`shims: ${classes.length} classes, ${functions.length} functions`);
