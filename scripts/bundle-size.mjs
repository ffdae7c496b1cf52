// The release bundle's sizes: every file raw, gzip and brotli (the .gz and .br
// copies post-build.mjs writes, or compressed here at the same settings), what
// the browser downloads before the first customer row (wasm + js + css,
// docs/architecture.md#budgets: at most 220 KB brotli) and everything, beside a bare
// Leptos counter built the same way. With route splitting (split-wasm.mjs)
// the chunks are not in the first load; scripts/route-bytes.mjs lists, from
// Chromium, which files each route really fetches.
// usage: node scripts/bundle-size.mjs <dist> [counter-dist]
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const [dist = "dist", counterDist] = process.argv.slice(2);
const shipped = new Set([".wasm", ".js", ".css", ".html", ".json", ".svg"]);
// Before the first row: the page's code and styles (the catalog and the
// workspace are data, fetched or read in parallel).
const firstLoad = new Set([".wasm", ".js", ".css"]);

function sizes(dir) {
  // Top-level files, and the languages fetched when chosen (locales/).
  const names = readdirSync(dir).concat(existsSync(join(dir, "locales")) ? readdirSync(join(dir, "locales")).map((n) => `locales/${n}`) : []);
  return names
    .filter((name) => shipped.has(extname(name)) && name !== "404.html")
    .sort()
    .map((name) => {
      const path = join(dir, name);
      const body = readFileSync(path);
      const gz = existsSync(`${path}.gz`) ? readFileSync(`${path}.gz`).length : gzipSync(body, { level: 9 }).length;
      const br = existsSync(`${path}.br`)
        ? readFileSync(`${path}.br`).length
        : brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
      const chunk = /^(split|chunk)_.*\.wasm$/.test(name);
      // The service worker is registered once the page is idle (sw-register.js).
      const later = chunk || name === "sw.js";
      return { name, raw: body.length, gz, br, first: firstLoad.has(extname(name)) && !later, chunk };
    });
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`.padStart(10);
const sum = (files, key) => files.reduce((a, f) => a + f[key], 0);

function print(title, files) {
  console.log(`${title}\n${"file".padEnd(44)} ${"raw".padStart(10)} ${"gzip".padStart(10)} ${"brotli".padStart(10)}`);
  for (const f of files) console.log(`${(f.first ? "* " : "  ") + f.name}`.padEnd(44) + ` ${kb(f.raw)} ${kb(f.gz)} ${kb(f.br)}`);
  const first = files.filter((f) => f.first);
  console.log(`${"first load (* wasm + js + css, no chunk)".padEnd(44)} ${kb(sum(first, "raw"))} ${kb(sum(first, "gz"))} ${kb(sum(first, "br"))}   target 220.0 KB brotli`);
  console.log(`${"everything".padEnd(44)} ${kb(sum(files, "raw"))} ${kb(sum(files, "gz"))} ${kb(sum(files, "br"))}\n`);
  return { first: sum(first, "gz"), all: sum(files, "gz") };
}

const appFiles = sizes(dist);
const app = print("Upgrade Center (release)", appFiles);

if (counterDist && existsSync(counterDist)) {
  const counter = print("bare Leptos counter (same profile)", sizes(counterDist));
  console.log(`first load: ${(app.first / counter.first).toFixed(1)}x the counter's\n`);
}
