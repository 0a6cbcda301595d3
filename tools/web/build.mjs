// Bundles the playground's editor (tools/web/src/*.js, CodeMirror 6) into
// dsl/front/serve/static/editor.js, minified, for the Python package to ship: a
// `pip install` needs no node. Run from tools/web after `npm ci`:
//
//   npm run build                    # writes dsl/front/serve/static/editor.js
//   node build.mjs --out FILE        # writes elsewhere (the test that compares)
//
// The bundle starts with a comment naming every bundled package with its pinned
// version and licence, followed by the licence texts (CodeMirror's MIT licence asks
// for its notice in copies), and the SHA-256 of the sources it was built from
// (src/*.js and package-lock.json), which tests/serve/test_page.py recomputes.

import { build } from "esbuild";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const outArg = process.argv.indexOf("--out");
const out = outArg > 0 ? process.argv[outArg + 1]
  : join(here, "..", "..", "dsl", "front", "serve", "static", "editor.js");

// the sources' digest: each file's path (relative to tools/web) and bytes, in order
export function sourceDigest() {
  const files = ["package-lock.json",
    ...readdirSync(join(here, "src")).filter((f) => f.endsWith(".js")).sort()
      .map((f) => `src/${f}`)];
  const hash = createHash("sha256");
  for (const f of files) {
    hash.update(f + "\n");
    hash.update(readFileSync(join(here, f)));
    hash.update("\n");
  }
  return hash.digest("hex");
}

// node_modules/@scope/name/... or node_modules/name/... -> the package's folder
function packageDir(input) {
  const m = input.match(/^node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  return m ? join(here, "node_modules", m[1]) : null;
}

function licenceText(dir) {
  for (const name of ["LICENSE", "LICENSE.md", "LICENSE.txt", "license"]) {
    if (existsSync(join(dir, name))) return readFileSync(join(dir, name), "utf8").trim();
  }
  return null;
}

function header(inputs) {
  const dirs = [...new Set(inputs.map(packageDir).filter(Boolean))].sort();
  const packages = dirs.map((dir) => {
    const meta = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
    return { name: meta.name, version: meta.version, license: meta.license,
             text: licenceText(dir) };
  });
  const esbuildVersion = JSON.parse(
    readFileSync(join(here, "node_modules", "esbuild", "package.json"), "utf8")).version;
  const lines = [
    "sqdsl playground editor: tools/web/src/*.js bundled by tools/web/build.mjs",
    `(esbuild ${esbuildVersion}); rebuild with: cd tools/web && npm ci && npm run build`,
    `sources sha256: ${sourceDigest()}`,
    "",
    "Bundled packages:",
    ...packages.map((p) => `  ${p.name} ${p.version} (${p.license})`),
  ];
  // one copy of each distinct licence text, under the packages it covers
  const texts = new Map();
  for (const p of packages) {
    if (!p.text) continue;
    if (!texts.has(p.text)) texts.set(p.text, []);
    texts.get(p.text).push(`${p.name} ${p.version}`);
  }
  for (const [text, names] of texts) {
    lines.push("", `Licence of ${names.join(", ")}:`, "", ...text.split("\n"));
  }
  // "*/" inside a licence would end the comment early
  return "/*!\n" + lines.map((l) => (" * " + l.replaceAll("*/", "* /")).trimEnd()).join("\n")
    + "\n */";
}

const result = await build({
  entryPoints: [join(here, "src", "editor.js")],
  bundle: true,
  minify: true,
  format: "iife",
  globalName: "SqEditor",
  target: ["es2020"],
  legalComments: "none",   // the header below carries every licence instead
  metafile: true,
  write: false,
  absWorkingDir: here,
  logLevel: "warning",
});
const inputs = Object.keys(result.metafile.inputs).map((p) => relative(here, join(here, p)));
const code = result.outputFiles[0].text;
writeFileSync(out, header(inputs) + "\n" + code);
console.log(`wrote ${out} (${(code.length / 1024).toFixed(0)} kB of code, ` +
            `${inputs.length} modules)`);
