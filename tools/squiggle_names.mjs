// Print the names of Squiggle's standard library as one JSON line:
//
//     node squiggle_names.mjs
//
// tools/squiggle_names.py copies this file beside node_modules in the recorder's cache
// folder (where @quri/squiggle-lang 0.10.0 is installed) so that the import resolves.
// The names are the keys of getStdLib(): every binding a Squiggle program starts with,
// builtin functions, constants (Math.pi, System.version) and the functions Squiggle
// defines in Squiggle itself (RelativeValues.wrap). '#indexLookup' is the compiler's
// function for `x[i]`, not a name a program can write, and is left out.
import * as squiggle from "@quri/squiggle-lang";

const names = [];
for (const [name, value] of squiggle.getStdLib().entries()) {
  if (name.startsWith("#")) continue;
  names.push({ name, kind: value.type === "Lambda" ? "function" : value.type.toLowerCase() });
}
const version = squiggle.getStdLib().get("System.version").value;
console.log(JSON.stringify({ version, names }));
