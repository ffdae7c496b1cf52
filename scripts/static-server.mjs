// A small static server for dist/ with single-page fallback, mounted under a
// base path, as a static host would serve the app. Used by serve.sh and E2E.
// usage: node scripts/static-server.mjs <dir> <port> [base-path]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const [dir = "dist", port = "8080", rawBase = "/"] = process.argv.slice(2);
const root = resolve(dir);
const base = rawBase.endsWith("/") ? rawBase : `${rawBase}/`;
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".webmanifest": "application/manifest+json",
};

const exists = (file) => stat(file).then((s) => s.isFile(), () => false);

/**
 * The caching a real host sends: a file whose name carries its content's hash
 * (`upgrade-center-1f2e….wasm`) never changes, so it is kept a year; the rest
 * (index.html, the service worker, the catalog, the languages) is checked on
 * every use, so a new deploy is seen at once.
 */
const cacheControl = (file) =>
  /-[0-9a-f]{16}(_bg)?\.[a-z]+$/.test(file) ? "public, max-age=31536000, immutable" : "no-cache";

/** Sends `file`, or its precompressed .br / .gz copy when the browser accepts it. */
async function send(req, res, file, status = 200) {
  const accepted = req.headers["accept-encoding"] ?? "";
  const headers = { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": cacheControl(file), vary: "accept-encoding" };
  let body = file;
  for (const [encoding, suffix] of [["br", ".br"], ["gzip", ".gz"]]) {
    if (accepted.includes(encoding) && (await exists(file + suffix))) {
      body = file + suffix;
      headers["content-encoding"] = encoding;
      break;
    }
  }
  res.writeHead(status, headers);
  res.end(await readFile(body));
}

createServer(async (req, res) => {
  const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
  if (!path.startsWith(base) && `${path}/` !== base) {
    res.writeHead(404, { "content-type": "text/plain" });
    return res.end("not under the base path");
  }
  const relative = normalize(path.slice(base.length)).replace(/^([.][.][/\\])+/, "");
  const file = join(root, relative);
  try {
    if (file.startsWith(root) && (await stat(file)).isFile()) return await send(req, res, file);
  } catch {}
  // Single-page fallback: every other path under the base is the app, which
  // routes on the client. (GitHub Pages does the same through 404.html.)
  await send(req, res, join(root, "index.html"));
}).listen(Number(port), "127.0.0.1", () => console.log(`serving ${root} at http://127.0.0.1:${port}${base}`));
