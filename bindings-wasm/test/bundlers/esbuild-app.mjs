// Bundles a one-line portal app with esbuild, as a portal team would: `import wasmUrl from
// "parindex/parindex_bg.wasm"` with the `file` loader emits the module and gives its URL,
// which the widget is told (`mount(…, { wasm })`). The widget's worker is a second entry.
// Used by test/node/widget.test.mjs (files emitted) and the browser test (it runs).
import { build } from "esbuild";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const APP = `import wasm from "parindex/parindex_bg.wasm";
import { mount } from "parindex/widget";
mount(document.getElementById("app"), { province: "Lạng Sơn", index: "par", year: 2023, target: 30, wasm });
`;

/** Build into `dir` (recreated): src/ (app + node_modules/parindex link) and dist/. */
export async function buildEsbuildApp(pkgRoot, dir) {
  rmSync(dir, { recursive: true, force: true });
  const src = join(dir, "src");
  const dist = join(dir, "dist");
  mkdirSync(join(src, "node_modules"), { recursive: true });
  symlinkSync(pkgRoot, join(src, "node_modules", "parindex"), "dir");
  writeFileSync(join(src, "app.js"), APP);
  const result = await build({
    absWorkingDir: src,
    entryPoints: { app: "./app.js", worker: "parindex/widget/worker.js" },
    bundle: true,
    format: "esm",
    minify: true,
    outdir: dist,
    loader: { ".wasm": "file" },
    assetNames: "[name]-[hash]",
    metafile: true,
    logLevel: "silent",
  });
  writeFileSync(
    join(dist, "index.html"),
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self'; img-src 'self' data:">` +
      `<title>esbuild</title><link rel="icon" href="data:,"></head><body><div id="app"></div><script type="module" src="app.js"></script></body></html>\n`,
  );
  return { dist, metafile: result.metafile };
}
