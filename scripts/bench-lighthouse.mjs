// Lighthouse figures for scripts/bench-browser.mjs, against pages it serves:
// /customers on the demo workspace (Lighthouse clears the origin's storage
// first, so the app starts on the demo, cold, with no service worker), mobile
// and desktop, and a bare Leptos counter, mobile.
// Mobile is Lighthouse's default: simulated throttling of a moto g power on a
// slow 4G; desktop is `--preset=desktop`. Each run `LIGHTHOUSE_RUNS` times
// (default 3), the median of each figure printed beside the samples.
// Lighthouse is not a dependency of the project: it is installed from npm on
// first use into target/lighthouse, and runs Debian's Chromium.
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const VERSION = "13";
const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const prefix = join(root, "target", "lighthouse");
const cli = join(prefix, "node_modules", "lighthouse", "cli", "index.js");
const runs = Number(process.env.LIGHTHOUSE_RUNS ?? 3);

/** Lighthouse `VERSION`, installed into target/lighthouse unless it is there already. */
function ensureLighthouse() {
  const manifest = join(prefix, "node_modules", "lighthouse", "package.json");
  if (existsSync(cli) && JSON.parse(readFileSync(manifest, "utf8")).version.startsWith(`${VERSION}.`)) return;
  console.log(`installing lighthouse@${VERSION} from npm into target/lighthouse (once)`);
  mkdirSync(prefix, { recursive: true });
  // --loglevel=error: Lighthouse 13 asks for Node 22.19; npm warns on older Nodes, and it runs on Node 20 all the same.
  execFileSync("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--loglevel=error", "--prefix", prefix, `lighthouse@${VERSION}`], { stdio: ["ignore", "ignore", "inherit"] });
}

/** One Lighthouse run; its report (JSON on stdout) or an error saying why not. */
function run(url, extra) {
  const args = [cli, url, "--output=json", "--output-path=stdout", "--quiet", "--chrome-flags=--headless=new --no-sandbox", ...extra];
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { env: { ...process.env, CHROME_PATH: "/usr/bin/chromium" }, stdio: ["ignore", "pipe", "pipe"] });
    const out = [];
    const err = [];
    child.stdout.on("data", (chunk) => out.push(chunk));
    child.stderr.on("data", (chunk) => err.push(chunk));
    child.on("error", reject);
    child.on("exit", (code) => {
      if (code !== 0) return reject(new Error(`lighthouse ${url} exited ${code}: ${Buffer.concat(err).toString().trim().slice(-500)}`));
      const report = JSON.parse(Buffer.concat(out).toString());
      // A page that did not load still makes a report: that is a broken measurement, not a figure.
      if (report.runtimeError) return reject(new Error(`lighthouse ${url}: ${report.runtimeError.code} ${report.runtimeError.message}`));
      resolvePromise(report);
    });
  });
}

/** The figures bench-browser prints from one report. */
function figures(report) {
  const scores = Object.fromEntries(Object.entries(report.categories).map(([id, c]) => [id, c.score == null ? null : Math.round(c.score * 100)]));
  return {
    scores,
    lcp: report.audits["largest-contentful-paint"].numericValue,
    tbt: report.audits["total-blocking-time"].numericValue,
    fcp: report.audits["first-contentful-paint"].numericValue,
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Runs `runs` times and keeps the samples and each figure's median. */
async function measure(url, extra) {
  const samples = [];
  for (let i = 0; i < runs; i++) samples.push(figures(await run(url, extra)));
  const categories = Object.keys(samples[0].scores);
  return {
    samples,
    scores: Object.fromEntries(categories.map((c) => [c, median(samples.map((s) => s.scores[c]))])),
    lcp: median(samples.map((s) => s.lcp)),
    tbt: median(samples.map((s) => s.tbt)),
    fcp: median(samples.map((s) => s.fcp)),
  };
}

/**
 * Lighthouse mobile and desktop for `app` (the /customers URL) and mobile
 * for `counter` (null leaves it out).
 */
export async function lighthouseFigures({ app, counter }) {
  ensureLighthouse();
  const version = JSON.parse(readFileSync(join(prefix, "node_modules", "lighthouse", "package.json"), "utf8")).version;
  const mobile = await measure(app, ["--only-categories=performance"]);
  const desktop = await measure(app, ["--preset=desktop", "--only-categories=performance,accessibility,best-practices,seo"]);
  const bare = counter ? await measure(counter, ["--only-categories=performance"]) : null;
  return { version, runs, mobile, desktop, counter: bare };
}

export function printLighthouse({ version, runs, mobile, desktop, counter }) {
  const s = (v) => `${(v / 1000).toFixed(2)} s`;
  const line = (name, f, extra = "") =>
    console.log(`${name.padEnd(34)} ${String(f.scores.performance).padStart(5)} ${s(f.fcp).padStart(8)} ${s(f.lcp).padStart(8)} ${`${Math.round(f.tbt)} ms`.padStart(8)}   ${extra}` +
      `samples (perf/LCP/TBT): ${f.samples.map((x) => `${x.scores.performance}/${s(x.lcp)}/${Math.round(x.tbt)}`).join("  ")}`);
  console.log(`Lighthouse ${version}, median of ${runs}; mobile: simulated throttling (moto g power, slow 4G); desktop: --preset=desktop`);
  console.log(`${"".padEnd(34)} ${"perf".padStart(5)} ${"FCP".padStart(8)} ${"LCP".padStart(8)} ${"TBT".padStart(8)}`);
  line("/customers (demo), mobile", mobile);
  line("/customers (demo), desktop", desktop);
  if (counter) line("bare counter, mobile", counter);
  const cats = ["performance", "accessibility", "best-practices", "seo"];
  console.log(`desktop categories (performance/accessibility/best-practices/SEO): ${cats.map((c) => desktop.scores[c]).join("/")}` +
    `; samples ${desktop.samples.map((x) => cats.map((c) => x.scores[c]).join("/")).join("  ")}`);
}
