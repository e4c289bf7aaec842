// Builds a one-line portal app with Vite, as a portal team would: `import "parindex/widget"`
// and the element in index.html. Vite follows `new URL("parindex_bg.wasm", import.meta.url)`
// and `new Worker(new URL("./worker.js", import.meta.url))`, so nothing else is needed.
import { build } from "vite";
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const MAIN = `import "parindex/widget";\n`;

/** Build into `dir` (recreated): src/ (index.html, main.js, node_modules/parindex link) and dist/. */
export async function buildViteApp(pkgRoot, dir) {
  rmSync(dir, { recursive: true, force: true });
  const src = join(dir, "src");
  const dist = join(dir, "dist");
  mkdirSync(join(src, "node_modules"), { recursive: true });
  symlinkSync(pkgRoot, join(src, "node_modules", "parindex"), "dir");
  writeFileSync(join(src, "main.js"), MAIN);
  writeFileSync(
    join(src, "index.html"),
    `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
      `<meta http-equiv="Content-Security-Policy" content="default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self'; img-src 'self' data:">` +
      `<title>Vite</title><link rel="icon" href="data:,"></head><body>` +
      `<parindex-whatif province="Lạng Sơn" index="par" year="2023" target="30"></parindex-whatif>` +
      `<script type="module" src="./main.js"></script></body></html>\n`,
  );
  await build({
    root: src,
    base: "./",
    logLevel: "silent",
    configFile: false,
    build: { outDir: dist, emptyOutDir: true, assetsInlineLimit: 0 },
    worker: { format: "es" },
  });
  return { dist };
}
