// What Squiggle 0.10 holds for each picture expression: the record inside its Plot,
// Scale, TableChart, Calculator, Input or Specification value, as JSON.
//
//     node picture_cases.mjs EXPRESSIONS.json
//
// tools/picture_cases.py copies this file beside node_modules and writes the output to
// tests/data/picture_cases.json. A distribution is written "<dist>", a function "<fn>",
// any other value inside (a table's items) its toString; keys left undefined drop out.
import fs from "fs";
import { run } from "@quri/squiggle-lang";

process.env.TZ = "UTC";

function plain(x) {
  if (x === null || x === undefined) return x;
  if (Array.isArray(x)) return x.map(plain);
  if (typeof x !== "object") return x;
  const name = x.constructor && x.constructor.name;
  if (typeof x.parameterCounts === "function") return "<fn>";  // a lambda
  if (typeof x.toSparkline === "function" || typeof x.sample === "function") return "<dist>";
  if (typeof x.valueToString === "function") return x.toString();  // a value
  const out = {};
  for (const [k, v] of Object.entries(x)) if (v !== undefined) out[k] = plain(v);
  return out;
}

const expressions = JSON.parse(fs.readFileSync(process.argv[2], "utf-8"));
const cases = {};
for (const code of expressions) {
  const out = await run(code, { environment: { sampleCount: 1000, xyPointLength: 1000, seed: "1" } });
  if (!out.result.ok) {
    cases[code] = { error: out.result.value.errors[0].toString().split("\n")[0] };
    continue;
  }
  const value = out.result.value.result._value;
  cases[code] = { type: value.type, held: plain(value.value) };
}
console.log(JSON.stringify(cases, null, 1));
