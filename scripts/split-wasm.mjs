// Trunk post-build hook (before post-build.mjs): route-level code splitting.
//
// Trunk 0.21 cannot split (trunk-rs/trunk#1022), so this rebuilds its wasm
// outputs from cargo's raw module:
//   1. wasm-split-cli cuts the split points (src/pages/lazy.rs) into chunks,
//      a main module and the loader that fetches the chunks;
//   2. wasm-bindgen (--target web, as Trunk) turns the main module into the
//      JS glue and its _bg.wasm;
//   3. wasm-opt -Oz (release) on the main module and on every chunk;
//   4. every file gets a content hash in its name: a chunk's from its bytes,
//      glue + main wasm + loader (they name each other) one hash of the three;
//      each chunk is fetched with its SRI hash, the loader is preloaded with
//      its own, and index.html's references, integrity and preloads are
//      rewritten. post-build.mjs then pins the CSP to the new inline loader;
//   5. in release, terser (npm) minifies the glue and the loader.
// Needs cargo's wasm built with `-Clink-args=--emit-relocs` (.cargo/config.toml).
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const CRATE = "upgrade-center";
const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// The project's binaryen (npm, version_132), as Trunk uses it.
const wasmOpt = existsSync(join(root, "node_modules/.bin/wasm-opt")) ? join(root, "node_modules/.bin/wasm-opt") : "wasm-opt";
const fail = (why) => {
  console.error(`split-wasm: ${why}`);
  process.exit(1);
};
const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) fail("TRUNK_STAGING_DIR is not set (run through trunk)");
const release = process.env.TRUNK_PROFILE === "release";
// UC_KEEP_NAMES=1 keeps function names in every module, for a profile.
const keepNames = process.env.UC_KEEP_NAMES === "1";
const run = (cmd, args) => execFileSync(cmd, args, { stdio: ["ignore", "inherit", "inherit"] });
const sha = (algo, body, enc) => createHash(algo).update(body).digest(enc);
const sri = (body) => `sha384-${sha("sha384", body, "base64")}`;
const short = (body) => sha("sha256", body, "hex").slice(0, 16);

// cargo's own output, before Trunk's wasm-bindgen.
const targetDir =
  process.env.CARGO_TARGET_DIR ??
  JSON.parse(execFileSync("cargo", ["metadata", "--format-version", "1", "--no-deps", "--offline"], { encoding: "utf8" }))
    .target_directory;
const raw = join(targetDir, "wasm32-unknown-unknown", release ? "release" : "debug", `${CRATE}.wasm`);
if (!existsSync(raw)) fail(`${raw} is missing`);

/** An ES module minified by terser (npm), its exports' names kept. */
async function minified(code) {
  const { minify } = await import("terser");
  const result = await minify(code, { module: true, compress: { passes: 2 }, mangle: true, format: { comments: false } });
  if (!result.code) fail("terser returned no code");
  return result.code;
}

const work = mkdtempSync(join(tmpdir(), "uc-split-"));
try {
  // 1. Split. The main module imports the chunk loaders from ./__wasm_split.js.
  const split = join(work, "split");
  run("wasm-split-cli", [raw, split, "--target", "web", "--out-name", CRATE]);
  const loaderFile = join(split, "__wasm_split.js");
  if (!existsSync(loaderFile)) fail("wasm-split-cli wrote no __wasm_split.js");
  const chunks = readdirSync(split).filter((n) => n.endsWith(".wasm") && n !== `${CRATE}.wasm`);

  // 2. Bind the main module as Trunk does, but keep the exports the linker
  // made (__indirect_function_table): the chunks share the main module's table.
  const bound = join(work, "bound");
  run("wasm-bindgen", [
    "--target=web", `--out-dir=${bound}`, `--out-name=${CRATE}`, "--no-typescript", "--keep-lld-exports",
    ...(release && !keepNames ? [] : ["--keep-debug"]), join(split, `${CRATE}.wasm`),
  ]);

  // 3. Optimise main module and chunks with the features rustc enabled.
  const optimise = (file) => {
    if (!release) return;
    run(wasmOpt, [
      "-Oz", "--enable-bulk-memory", "--enable-mutable-globals", "--enable-nontrapping-float-to-int",
      "--enable-sign-ext", "--enable-reference-types", "--enable-multivalue", ...(keepNames ? ["-g"] : []), file, "-o", file,
    ]);
  };
  optimise(join(bound, `${CRATE}_bg.wasm`));
  for (const chunk of chunks) optimise(join(split, chunk));

  // The loader hands the chunks what it takes from the main module's exports:
  // a missing one would leave a chunk's load neither done nor failed.
  let loader = readFileSync(loaderFile, "utf8");
  const shared = loader.match(/const \{([^}]*)\} = initSync\(/)?.[1].split(",").map((s) => s.trim()).filter(Boolean);
  if (!shared?.length) fail("the loader takes nothing from the main module?");
  const exported = new Set(
    WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(join(bound, `${CRATE}_bg.wasm`)))).map((e) => e.name),
  );
  const missing = shared.filter((name) => !exported.has(name));
  if (missing.length) fail(`the main module does not export ${missing.join(", ")}, which the chunks import`);

  // 4. Content-hashed names, chunks first (the loader names them).
  const out = new Map(); // file name in dist -> bytes
  for (const chunk of chunks) {
    const body = readFileSync(join(split, chunk));
    const name = `${chunk.replace(/\.wasm$/, "")}-${short(body)}.wasm`;
    const fetchOf = `fetch(new URL("./${chunk}", import.meta.url))`;
    if (!loader.includes(fetchOf)) fail(`the loader does not fetch ${chunk} as expected`);
    loader = loader.split(fetchOf).join(`fetch(new URL("./${name}", import.meta.url), { integrity: "${sri(body)}" })`);
    out.set(name, body);
  }
  let glue = readFileSync(join(bound, `${CRATE}.js`), "utf8");
  const wasm = readFileSync(join(bound, `${CRATE}_bg.wasm`));
  const glueImport = /(from\s+)(['"])\.\/__wasm_split\.js\2/g;
  const loaderImport = `from "./${CRATE}.js"`;
  // One `import * as importN from "./__wasm_split.js"` per split point.
  if (!glueImport.test(glue)) fail("the glue does not import ./__wasm_split.js");
  if (!loader.includes(loaderImport)) fail(`the loader does not import ${CRATE}.js`);
  // Glue, main wasm and loader refer to each other: one hash over the three.
  const hash = short(Buffer.concat([wasm, Buffer.from(glue), Buffer.from(loader)]));
  const names = { js: `${CRATE}-${hash}.js`, wasm: `${CRATE}-${hash}_bg.wasm`, loader: `${CRATE}-split-${hash}.js` };
  glue = glue.replace(glueImport, `$1$2./${names.loader}$2`);
  loader = loader.split(loaderImport).join(`from "./${names.js}"`);
  // 5. Minified in release (names given above: the hash is the source's).
  if (release) [glue, loader] = [await minified(glue), await minified(loader)];
  out.set(names.js, Buffer.from(glue));
  out.set(names.wasm, wasm);
  out.set(names.loader, Buffer.from(loader));

  // Replace Trunk's glue and wasm in the staging dir and in index.html.
  const htmlFile = join(dir, "index.html");
  let html = readFileSync(htmlFile, "utf8");
  const old = readdirSync(dir).filter((n) => new RegExp(`^${CRATE}-[0-9a-f]+(_bg\\.wasm|\\.js)$`).test(n));
  const oldJs = old.find((n) => n.endsWith(".js"));
  const oldWasm = old.find((n) => n.endsWith("_bg.wasm"));
  if (!oldJs || !oldWasm) fail("Trunk's glue or wasm is missing from the staging dir");
  const setIntegrity = (file, body) => {
    const tag = new RegExp(`(<link[^>]*href="[^"]*/${file.replace(/[.]/g, "\\.")}"[^>]*integrity=")[^"]*(")`);
    if (!tag.test(html)) fail(`index.html has no preload with integrity for ${file}`);
    html = html.replace(tag, `$1${sri(body)}$2`);
  };
  for (const [from, to] of [[oldJs, names.js], [oldWasm, names.wasm]]) {
    if (!html.includes(from)) fail(`index.html does not name ${from}`);
    html = html.split(from).join(to);
    unlinkSync(join(dir, from));
  }
  setIntegrity(names.js, out.get(names.js));
  setIntegrity(names.wasm, out.get(names.wasm));
  // The glue imports the loader: preload it beside the glue, with its hash.
  const preload = html.match(/<link rel="modulepreload" href="([^"]*\/)[^"]*"[^>]*>/);
  if (!preload) fail("index.html has no modulepreload of the glue");
  html = html.replace(
    preload[0],
    `${preload[0]}<link rel="modulepreload" href="${preload[1]}${names.loader}" crossorigin="anonymous" integrity="${sri(out.get(names.loader))}">`,
  );
  for (const [name, body] of out) writeFileSync(join(dir, name), body);
  writeFileSync(htmlFile, html);

  console.log(`split-wasm: ${names.js}, ${names.wasm}, ${names.loader} and ${chunks.length} chunk(s)`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
