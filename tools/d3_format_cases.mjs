// Write the expected outputs of d3-format (the version Squiggle 0.10 installs) for a
// table of specifiers and numbers: tests/data/d3_format_cases.json, which
// tests/dsl/test_number_format.py checks dsl/base/number_format.py against (without node).
//
//     cd ~/.cache/sqdsl-squiggle/node && node /path/to/tools/d3_format_cases.mjs > cases.json
//
// Run it where `d3-format` resolves (beside @quri/squiggle-lang's node_modules).
import { format } from "d3-format";
import fs from "fs";

const version = JSON.parse(fs.readFileSync("node_modules/d3-format/package.json",
                                           "utf8")).version;

const specs = [
  "", ",", ".2f", ",.2f", ",.0f", "$,.0f", "$,.2f", ".1%", ".0%", "%", ".3p", "p",
  ".2e", "e", ".3g", "g", ".3r", "r", ".3s", "s", "~s", ".3~s", ".2~f", "~f", "~e",
  ".4~g", "d", ",d", "b", "o", "x", "X", "#x", "#b", "#o", "#X", "c", "+", "+.2f",
  "(.2f", " .2f", "-.2f", "08.2f", "010,.2f", "=+10.2f", ">10.2f", "<10.2f", "^10.2f",
  "*^12,.1f", "_<9d", "0>8d", "020,d", "012,.3s", "$08.2f", "(,.2f", "n", ".3n",
  ",.3~r", ".21g", ".30f", ".25e", ".0e", ".0g", ".0r", ".0s", ".1s", ".10~r", "$.1%",
  "#.3p", "+$,.2f", "12", "12,", ",.12~g", ".3%", ".3", ".3~", "E", ".2F", "+,.2f",
  "010,.0f", "015,.2f", "0^9,.1f", "x^6d", ",.2r", "$s", "+s",
];
const values = [
  0, -0, 1, -1, 0.5, 1.5, 2.5, -2.5, 0.125, 1.005, 0.1 + 0.2, 1 / 3, -1 / 3, 2 / 3,
  12.345, 123.456, 999.5, 999.9999, 1234.5, -1234.5, 12345.678, 1234567.891,
  -1234567.891, 1e6, 2.5e6, 123456789, 1e9, 1e15, 1e20, 1e21, 1.2345678901234569e23,
  1e-3, 0.000123, 1e-6, 1.5e-7, 1e-9, 1e-25, 5e-324, 1.7976931348623157e308,
  0.999, 0.9999995, 0.0049, 0.005, 0.015, 0.045, 99.95, 9.995, 0.12345, -0.0001,
  -0.004, 42, 255, 65, Infinity, -Infinity, NaN,
];
// exact binary halves (ties for toFixed/toPrecision: JavaScript rounds them up) and
// numbers of every magnitude from a fixed pseudo-random sequence
const ties = [];
for (let k = 1; k <= 40; k++) ties.push(k / 16, -k / 16, k * 1.25, k * 0.0625 + 100);
let state = 12345;
const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
const spread = [];
for (let i = 0; i < 120; i++) {
  const x = (next() - 0.3) * 10 ** Math.floor(next() * 30 - 12);
  spread.push(i % 3 ? x : Math.round(x));
}
const tieSpecs = [".0f", ".1f", ".2f", ".3f", ".1%", ".2%", ".1e", ".2e", ".1g", ".2g", ".3g",
                  ".2r", ".2s", ".3s", "d", ",.1f", ".2p", "$,.2f"];
const cases = [];
for (const spec of specs) {
  const f = format(spec);
  for (const x of values) cases.push([spec, x, f(x)]);
}
for (const spec of tieSpecs) {
  const f = format(spec);
  for (const x of [...ties, ...spread]) cases.push([spec, x, f(x)]);
}
for (const bad of ["abc", ".f2", "q%", ",,", "..2f", "10.2.f", " 1", "\n>5d", "😀>6d", "+(,.2f"]) {
  let out;
  try { out = format(bad)(1); } catch (e) { out = { error: String(e.message) }; }
  cases.push([bad, 1, out]);
}
const encode = (x) => (Number.isNaN(x) ? "NaN" : x === Infinity ? "Infinity"
  : x === -Infinity ? "-Infinity" : Object.is(x, -0) ? "-0" : x);
process.stdout.write(JSON.stringify({
  source: `d3-format ${version} (as @quri/squiggle-lang 0.10.0 installs it), ` +
          "written by tools/d3_format_cases.mjs",
  cases: cases.map(([s, x, out]) => [s, encode(x), out]),
}, null, 0).replace(/\],\[/g, "],\n[") + "\n");
