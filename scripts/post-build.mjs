// Trunk post-build hook: pins the Content-Security-Policy to the hashes of the
// inline scripts Trunk wrote (no 'unsafe-inline'), copies index.html to
// 404.html so static hosts serve the app on deep links and reloads, and writes
// a .br and a .gz beside every text and wasm file for hosts that serve them.
// First of all (imports run in order), split-wasm.mjs replaces Trunk's wasm
// and glue with the route-split build, so the CSP pins the final loader.
import "./split-wasm.mjs";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) {
  console.error("post-build: TRUNK_STAGING_DIR is not set (run through trunk)");
  process.exit(1);
}
const file = join(dir, "index.html");
let html = readFileSync(file, "utf8");

// Release stylesheets without comments and layout whitespace (whitespace
// beside braces and semicolons never matters in CSS), each link's SRI hash
// written again for the new bytes.
if (process.env.TRUNK_PROFILE === "release") {
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".css"))) {
    const css = readFileSync(join(dir, name), "utf8")
      .replace(/\/\*[\s\S]*?\*\//g, "")
      .replace(/\s+/g, " ")
      .replace(/\s*([{};])\s*/g, "$1")
      .trim();
    writeFileSync(join(dir, name), css);
    const link = new RegExp(`(<link[^>]*href="[^"]*/${name.replace(/[.]/g, "\\.")}"[^>]*integrity=")[^"]*(")`);
    if (!link.test(html)) {
      console.error(`post-build: index.html has no link with integrity for ${name}`);
      process.exit(1);
    }
    const sri = `sha384-${createHash("sha384").update(css, "utf8").digest("base64")}`;
    html = html.replace(link, `$1${sri}$2`);
  }
}

const hashes = [...html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)].map(
  ([, body]) => `'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`,
);
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(" ")}`.trim(),
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join("; ");
const placeholder = /<!-- CSP_PLACEHOLDER[^>]*-->/;
if (!placeholder.test(html)) {
  console.error("post-build: the CSP placeholder is missing from index.html");
  process.exit(1);
}
html = html.replace(placeholder, `<meta http-equiv="Content-Security-Policy" content="${policy}" />`);
writeFileSync(file, html);
writeFileSync(join(dir, "404.html"), html);
console.log(`post-build: CSP with ${hashes.length} script hash(es); 404.html written`);

// Precompressed copies, at the strongest settings (compressed once, served often).
const compressible = new Set([".wasm", ".js", ".css", ".html", ".json", ".svg"]);
let written = 0;
for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !compressible.has(extname(entry.name))) continue;
  const path = join(entry.parentPath ?? entry.path, entry.name);
  const body = readFileSync(path);
  writeFileSync(`${path}.gz`, gzipSync(body, { level: 9 }));
  writeFileSync(`${path}.br`, brotliCompressSync(body, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
  }));
  written += 1;
}
console.log(`post-build: ${written} file(s) precompressed (.br, .gz)`);
