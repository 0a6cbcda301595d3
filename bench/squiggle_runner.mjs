// Run a .sq file with @quri/squiggle-lang 0.10 and print the summaries sqdsl prints.
//
//     node squiggle_runner.mjs FILE SAMPLES [SEED]
//
// compare.py copies this file into its cache folder, beside node_modules, so that the
// import below resolves there. Output: one JSON object shaped like `sq run --json`
// (DESIGN.md section 2), plus "evalSeconds" (Squiggle's own executionTime: compile and
// run, without this script's summaries) and "summarySeconds".
import fs from "fs";
import { run } from "@quri/squiggle-lang";

const QUANTILES = [0.05, 0.25, 0.5, 0.75, 0.95];

function number(x) {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  return x;
}

// Sample summaries computed here, the same way numpy does (population stdev, linear
// interpolation between order statistics), so that every tool is judged alike.
function sampleSummary(samples) {
  const xs = Float64Array.from(samples).sort();
  const n = xs.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += xs[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (xs[i] - mean) ** 2;
  const quantiles = {};
  for (const p of QUANTILES) {
    const h = (n - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, n - 1);
    quantiles[String(p)] = number(xs[lo] + (h - lo) * (xs[hi] - xs[lo]));
  }
  return { type: "dist", mean: number(mean), stdev: number(Math.sqrt(ss / n)), quantiles };
}

function unwrap(result) {
  return result.ok ? result.value : NaN;
}

function summarize(value, env) {
  switch (value.tag) {
    case "Dist": {
      const dist = value.value;
      if (dist.tag === "SampleSet") return sampleSummary(dist.getSamples());
      const quantiles = {};
      for (const p of QUANTILES) quantiles[String(p)] = number(unwrap(dist.inv(env, p)));
      return { type: "dist", mean: number(dist.mean(env)),
               stdev: number(unwrap(dist.stdev(env))), quantiles };
    }
    case "Number": return { type: "number", value: number(value.value) };
    case "Bool": return { type: "bool", value: value.value };
    case "String": return { type: "string", value: value.value };
    case "Array":
      return { type: "list", items: value.value.getValues().map((v) => summarize(v, env)) };
    case "Dict": {
      const fields = {};
      for (const [k, v] of value.value.entries()) fields[k] = summarize(v, env);
      return { type: "record", fields };
    }
    case "Lambda": return { type: "function", params: [] };
    case "Void": return null;
    default: return { type: value.tag.toLowerCase() };
  }
}

const [file, samples, seed = "0"] = process.argv.slice(2);
const environment = { sampleCount: Number(samples), xyPointLength: 1000, seed };
const output = await run(fs.readFileSync(file, "utf-8"), { environment });
if (!output.result.ok) {
  console.log(JSON.stringify({ error: { kind: "SquiggleError",
                                         message: output.result.value.toString() } }));
  process.exit(1);
}
const started = performance.now();
const bindings = {};
for (const [name, value] of output.result.value.bindings.entries()) {
  bindings[name] = summarize(value, environment);
}
const result = summarize(output.result.value.result, environment);
console.log(JSON.stringify({
  samples: Number(samples), seed, bindings, result,
  evalSeconds: output.executionTime / 1000,
  summarySeconds: (performance.now() - started) / 1000,
}));
