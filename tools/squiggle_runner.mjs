// Run one Squiggle program with @quri/squiggle-lang 0.10 under several seeds.
//
//     node squiggle_runner.mjs FILE SAMPLES SEED[,SEED...]
//
// tools/record_squiggle.py copies this file beside node_modules in its cache folder, so
// that the import below resolves there. It prints one JSON line per seed, shaped like
// `sq run --json` (DESIGN.md section 2) with two additions: each distribution carries
// "repr" (Squiggle's internal form: Symbolic, SampleSet or PointSet), and a failed run
// prints {"error": {"kind", "message", "line", "column"}} with Squiggle's own location.
import fs from "fs";
import { run } from "@quri/squiggle-lang";

// Squiggle makes dates in the machine's local time (new Date(2030, 0)); sqdsl uses UTC,
// so the recording does too, whatever the recording machine's zone.
process.env.TZ = "UTC";

const PROBS = [0.05, 0.25, 0.5, 0.75, 0.95];

function num(x) {
  if (Number.isNaN(x)) return "NaN";
  if (x === Infinity) return "Infinity";
  if (x === -Infinity) return "-Infinity";
  return x;
}

// Summaries of a sample set computed as numpy computes them (population stdev, linear
// interpolation between order statistics): the statistic sqdsl reports.
function fromSamples(samples) {
  const xs = Float64Array.from(samples).sort();
  const n = xs.length;
  let total = 0;
  for (const x of xs) total += x;
  const mean = total / n;
  let squares = 0;
  for (const x of xs) squares += (x - mean) * (x - mean);
  let fourth = 0;
  for (const x of xs) fourth += (x - mean) ** 4;
  const quantile = (p) => {
    const h = (n - 1) * Math.min(1, Math.max(0, p));
    const i = Math.floor(h);
    const j = Math.min(i + 1, n - 1);
    return xs[i] + (h - i) * (xs[j] - xs[i]);
  };
  const variance = squares / n;
  const stdev = Math.sqrt(variance);
  // Analytic standard errors of one run's statistic: of the mean sd/sqrt(n), of the
  // stdev sqrt(m4 - var^2) / (2 sd sqrt(n)), of a quantile sqrt(p(1-p)/n) / density,
  // the density read off the spacing of the quantiles 1% either side.
  const se = { mean: stdev / Math.sqrt(n),
               stdev: stdev > 0 ? Math.sqrt(Math.max(0, fourth / n - variance * variance))
                                  / (2 * stdev * Math.sqrt(n)) : 0 };
  const quantiles = {};
  for (const p of PROBS) {
    quantiles[String(p)] = num(quantile(p));
    const spread = (quantile(p + 0.01) - quantile(p - 0.01)) / 0.02;
    se[String(p)] = Math.sqrt(p * (1 - p) / n) * spread;
  }
  for (const k of Object.keys(se)) if (!Number.isFinite(se[k])) se[k] = null;
  return { mean: num(mean), stdev: num(stdev), quantiles, se };
}

function orNaN(r) {
  return r.ok ? r.value : NaN;
}

function describe(value, env) {
  switch (value.tag) {
    case "Dist": {
      const d = value.value;
      let stats;
      if (d.tag === "SampleSet") {
        stats = fromSamples(d.getSamples());
      } else {
        const quantiles = {};
        for (const p of PROBS) quantiles[String(p)] = num(orNaN(d.inv(env, p)));
        stats = { mean: num(d.mean(env)), stdev: num(orNaN(d.stdev(env))), quantiles };
      }
      return { type: "dist", ...stats, repr: d.tag };
    }
    case "Number": return { type: "number", value: num(value.value) };
    case "Bool": return { type: "bool", value: value.value };
    case "String": return { type: "string", value: value.value };
    case "Array":
      return { type: "list", items: value.value.getValues().map((v) => describe(v, env)) };
    case "Dict": {
      const fields = {};
      for (const [k, v] of value.value.entries()) fields[k] = describe(v, env);
      return { type: "record", fields };
    }
    case "Lambda": return { type: "function" };
    case "Date": {
      const ms = value.value.toMs();
      const iso = Number.isNaN(ms) ? "Invalid Date" : value.value.toDate().toISOString();
      return { type: "date", value: iso, ms: num(ms), text: value.value.toString() };
    }
    case "Duration":
      return { type: "duration", ms: num(value.value.toMs()), text: value.value.toString() };
    case "Void": return null;
    // pictures: their kind (as sqdsl's JSON names it) and toString without tags
    case "Plot": case "Calculator": case "Input": case "Scale": case "Specification":
      return { type: value.tag.toLowerCase(), text: value._value.valueToString() };
    case "TableChart": return { type: "table", text: value._value.valueToString() };
    default: return { type: value.tag.toLowerCase() };
  }
}

function failure(errors) {
  const e = errors.errors[0];
  const where = typeof e.location === "function" ? e.location() : undefined;
  return {
    error: {
      kind: e.tag,
      message: e.toString(),
      line: where ? where.start.line : null,
      column: where ? where.start.column : null,
    },
  };
}

const [file, samples, seeds] = process.argv.slice(2);
const code = fs.readFileSync(file, "utf-8");
for (const seed of seeds.split(",")) {
  const environment = { sampleCount: Number(samples), xyPointLength: 1000, seed };
  const out = await run(code, { environment });
  if (!out.result.ok) {
    console.log(JSON.stringify({ seed, ...failure(out.result.value) }));
    continue;
  }
  const bindings = {};
  for (const [name, value] of out.result.value.bindings.entries()) {
    if (value.tags && value.tags.hidden && value.tags.hidden()) continue;
    bindings[name] = describe(value, environment);
  }
  const result = describe(out.result.value.result, environment);
  console.log(JSON.stringify({ samples: Number(samples), seed, bindings, result }));
}
