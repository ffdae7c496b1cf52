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

// A first visit starts on the demo: preload it beside the wasm instead of
// fetching it once the app has started (one round trip off the first paint
// on a slow network). Only when nothing is stored, as the app decides
// (src/app.rs): a returning partner's start never fetches it. The address is
// the app's own (src/store/demo.rs: FNV-1a 64 of the file as ?v=), so the
// app's fetch takes the preloaded response. Inline, so it runs while the head
// is parsed; the CSP below pins its hash like the loader's.
const demoFile = join(dir, "demo", "worldwide.json");
let fnv = 0xcbf29ce484222325n;
for (const byte of readFileSync(demoFile)) fnv = BigInt.asUintN(64, (fnv ^ BigInt(byte)) * 0x100000001b3n);
// gloo-net ends the address it fetches with "&" (its empty query list).
const demoUrl = `demo/worldwide.json?v=${fnv.toString(16).padStart(16, "0")}&`;
const catalogPreload = /<link rel="preload" href="[^"]*catalog\.json" as="fetch" crossorigin="anonymous"\s*\/?>/;
const catalogLink = html.match(catalogPreload);
if (!catalogLink) {
  console.error("post-build: index.html has no preload of catalog.json");
  process.exit(1);
}
const demoPreload =
  `try{if(localStorage.getItem("upgrade-center.workspace")===null){const l=document.createElement("link");` +
  `l.rel="preload";l.as="fetch";l.crossOrigin="anonymous";l.href=${JSON.stringify(demoUrl)};document.head.appendChild(l)}}catch(e){}`;
html = html.replace(catalogLink[0], `${catalogLink[0]}<script>${demoPreload}</script>`);

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

// Offline and installable (SPEC 12): a web app manifest, and a service worker
// that precaches exactly this build's files under one cache named by their
// hash. A new deploy is a new sw.js (its list and hash change): the browser
// installs it beside the old one, and it waits until the partner chooses
// Reload (assets/sw-register.js), so two builds' files never mix.
const manifest = {
  name: "Upgrade Center",
  short_name: "Upgrade Center",
  description: "Upgrade your customers' Microsoft 365 subscriptions.",
  start_url: "./customers",
  scope: "./",
  display: "standalone",
  background_color: "#fafafa",
  theme_color: "#0f6cbd",
  icons: [{ src: "favicon.svg", sizes: "any", type: "image/svg+xml", purpose: "any" }],
};
writeFileSync(join(dir, "manifest.webmanifest"), `${JSON.stringify(manifest, null, 2)}\n`);
const precached = readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && !/\.(br|gz)$/.test(e.name) && !["404.html", "sw.js"].includes(e.name))
  .map((e) => join(e.parentPath ?? e.path, e.name).slice(dir.length + 1).split("\\").join("/"))
  .sort();
const version = createHash("sha256");
for (const name of precached) version.update(name).update(readFileSync(join(dir, name)));
writeFileSync(join(dir, "sw.js"), serviceWorker(version.digest("hex").slice(0, 16), precached));
console.log(`post-build: sw.js precaches ${precached.length} file(s); manifest written`);

function serviceWorker(build, files) {
  return `// Written by scripts/post-build.mjs for build ${build}: do not edit.
const CACHE = "upgrade-center-${build}";
const FILES = ${JSON.stringify(files)};
const SCOPE = new URL("./", self.location).pathname;
self.addEventListener("install", (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});
self.addEventListener("activate", (event) => {
  const old = (key) => key.startsWith("upgrade-center-") && key !== CACHE;
  event.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter(old).map((key) => caches.delete(key))))
    .then(() => self.clients.claim()));
});
self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});
self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin || !url.pathname.startsWith(SCOPE)) return;
  // Every route under the base path is the app: this build's index.html.
  const key = request.mode === "navigate" ? "index.html" : request;
  event.respondWith(caches.open(CACHE)
    .then((cache) => cache.match(key, { ignoreSearch: true }))
    .then((hit) => hit || fetch(request)));
});
`;
}

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
