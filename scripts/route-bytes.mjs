// What the browser really fetches, per route: each route opened fresh in
// headless Chromium against dist/ (the files requested until its page shows
// and the network is idle), summed raw, gzip and brotli from the files in
// dist/ and their .gz/.br copies. "code" is wasm + js + css (the first load,
// docs/architecture.md#budgets); the catalog and the favicon are listed apart. /customers is the
// first page: its code must fit 250 KB gzip before the first customer row.
// usage: node scripts/route-bytes.mjs [dist]   (serves it on E2E_PORT or 4199)
import { spawn } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

const dist = process.argv[2] ?? "dist";
const port = Number(process.env.ROUTE_BYTES_PORT ?? 4199);
const basePath = "/upgrade-center/";
const base = `http://127.0.0.1:${port}${basePath}`;
const routes = [
  ["customers", '[data-testid="customer-row"]'],
  ["customers/contoso/subscriptions", '[data-testid="subscription-row"]'],
  ["customers/contoso/subscriptions/sub-contoso-1", "h1"],
  ["customers/contoso/subscriptions/sub-contoso-1/upgrade", "h1"],
  ["customers/contoso/subscriptions/sub-contoso-1/manual-upgrade", "h1"],
  ["opportunities", "h1"],
  ["renewals", "h1"],
  ["cart", "h1"],
  ["checkout", "h1"],
  ["orders", "h1"],
  ["orders/ord-1001", "h1"],
  ["settings", "h1"],
];

const server = spawn("node", ["scripts/static-server.mjs", dist, String(port), basePath], { stdio: "ignore" });
await new Promise((r) => setTimeout(r, 600));
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"],
});

const cache = new Map();
function size(name) {
  if (!cache.has(name)) {
    const path = join(dist, name);
    if (!existsSync(path) || !statSync(path).isFile()) return { raw: 0, gz: 0, br: 0 };
    const body = readFileSync(path);
    const gz = existsSync(`${path}.gz`) ? readFileSync(`${path}.gz`).length : gzipSync(body, { level: 9 }).length;
    const br = existsSync(`${path}.br`)
      ? readFileSync(`${path}.br`).length
      : brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
    cache.set(name, { raw: body.length, gz, br });
  }
  return cache.get(name);
}
const isCode = (name) => [".wasm", ".js", ".css"].includes(extname(name));
const kb = (n) => `${(n / 1024).toFixed(1)}`.padStart(7);

// What a route needs is what was asked for before its page showed: the other
// pages' chunks follow in the background after that (src/pages/lazy.rs).
async function visit(route, selector) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript((selector) => {
    new MutationObserver((_, observer) => {
      if (document.querySelector(selector)) {
        window.__shownAt = performance.timeOrigin + performance.now();
        observer.disconnect();
      }
    }).observe(document, { childList: true, subtree: true });
  }, selector);
  const requests = [];
  page.on("request", (request) => requests.push(request));
  await page.goto(base + route);
  await page.locator(selector).first().waitFor();
  await page.waitForLoadState("networkidle");
  const shownAt = await page.evaluate(() => window.__shownAt);
  const files = [];
  const early = [];
  for (const request of requests) {
    const url = new URL(request.url());
    if (!url.pathname.startsWith(basePath)) continue;
    const name = decodeURIComponent(url.pathname.slice(basePath.length));
    // index.html comes back for the route's own path (single-page fallback).
    const file = existsSync(join(dist, name)) && statSync(join(dist, name)).isFile() ? name : "index.html";
    files.push(file);
    if (request.timing().startTime < shownAt) early.push(file);
  }
  await context.close();
  return { files: [...new Set(files)], early: [...new Set(early)] };
}

try {
  console.log(`code each route fetches before its page shows (opened fresh; the other chunks follow in the background)`);
  console.log(`${"route".padEnd(64)} ${"code KB: raw".padStart(12)} ${"gzip".padStart(7)} ${"brotli".padStart(7)}   chunks`);
  let first = null;
  for (const [route, selector] of routes) {
    const { files, early } = await visit(route, selector);
    const code = early.filter(isCode);
    const sum = (list, key) => list.reduce((a, f) => a + size(f)[key], 0);
    const chunks = code.filter((f) => /^(split|chunk)_/.test(f));
    console.log(
      `/${route}`.padEnd(64) + ` ${kb(sum(code, "raw")).padStart(12)} ${kb(sum(code, "gz"))} ${kb(sum(code, "br"))}   ` +
        (chunks.length ? `${chunks.length} (${kb(sum(chunks, "gz")).trim()} KB gzip)` : "-"),
    );
    if (route === "customers") first = { files, early: early.filter(isCode) };
  }
  const sum = (list, key) => list.reduce((a, f) => a + size(f)[key], 0);
  console.log(`\n/customers: code fetched before the first customer row (docs/architecture.md#budgets: at most 250 KB gzip)`);
  for (const f of first.early) console.log(`  ${f.padEnd(56)} ${kb(size(f).raw)} ${kb(size(f).gz)} ${kb(size(f).br)}`);
  console.log(`  ${"total".padEnd(56)} ${kb(sum(first.early, "raw"))} ${kb(sum(first.early, "gz"))} ${kb(sum(first.early, "br"))}`);
  console.log(`  other files: ${first.files.filter((f) => !isCode(f)).join(", ")}`);
} finally {
  await browser.close();
  server.kill();
}
