// Holds pc-customer's JSON Schema against pc-customer's own validator: ajv, a validator we did
// not write, judges every document of the corpus with the schema `pc-customer schema` prints,
// and each verdict must equal `pc-customer validate --format json`'s. Both the lenient and the
// strict (additionalProperties: false / validate --strict) pair are compared.
//
//   node check.mjs [PATH/TO/pc-customer] [CORPUS-FOLDER]
//
// Any program with the same two commands can be checked: generic_order_tool (a user's struct
// with numbers and maps, tests/support/generic_order.hpp) runs over generic_corpus/. A corpus
// folder may hold its own skipped.txt.
//
// A document fails when ajv and pc-customer disagree in either mode, or when pc-customer's
// verdict is not the one the corpus wrote it for (manifest.json: the document no longer tests
// its rule). Documents in skipped.txt are skipped by name, each with a printed line. The last
// line is "N passed, M failed, K skipped"; the exit status is 1 when anything failed.

import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
const corpus = path.resolve(process.argv[3] ?? path.join(here, "corpus"));
const program = path.resolve(
  process.argv[2] ?? path.join(here, "../../build/release/examples/pc-customer/pc-customer"),
);

function run(args) {
  // validate exits 1 when a document is invalid: that is an answer, not a failure.
  try {
    return execFileSync(program, args, { cwd: corpus, encoding: "utf8", maxBuffer: 64 << 20 });
  } catch (error) {
    if (error.status === 1 && typeof error.stdout === "string") return error.stdout;
    throw error;
  }
}

function compile(schemaArgs) {
  // strict: schema mistakes (unknown keywords, keywords without their type) stop the run.
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(run(["schema", ...schemaArgs])));
}

function ours(validateArgs, files) {
  const verdicts = new Map();
  const lines = run(["validate", ...validateArgs, "--format", "json", ...files]).split("\n");
  for (const line of lines) {
    if (line.trim() === "") continue;
    const result = JSON.parse(line);
    verdicts.set(result.source, result);
  }
  return verdicts;
}

function theirs(validate, text) {
  let document;
  try {
    document = JSON.parse(text);
  } catch {
    return { valid: false, errors: "not JSON" };
  }
  const valid = validate(document);
  return { valid, errors: valid ? "" : JSON.stringify(validate.errors.slice(0, 3)) };
}

const manifest = JSON.parse(fs.readFileSync(path.join(corpus, "manifest.json"), "utf8"));
const skips = new Map();
const skipList = process.argv[3] ? path.join(corpus, "skipped.txt") : path.join(here, "skipped.txt");
const skipText = fs.existsSync(skipList) ? fs.readFileSync(skipList, "utf8") : "";
for (const line of skipText.split("\n")) {
  if (line.trim() === "" || line.startsWith("#")) continue;
  const colon = line.indexOf(":");
  skips.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
}

const files = fs
  .readdirSync(corpus)
  .filter((f) => f.endsWith(".json") && f !== "manifest.json")
  .sort();
const modes = [
  { name: "lenient", args: [], expected: (m) => m.valid },
  { name: "strict", args: ["--strict"], expected: (m) => m.strictValid },
];
for (const mode of modes) {
  mode.ajv = compile(mode.args);
  mode.verdicts = ours(mode.args, files);
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of files) {
  const text = fs.readFileSync(path.join(corpus, file), "utf8");
  if (skips.has(file)) {
    // Said, not hidden: the verdicts are shown so a skip that no longer differs can go.
    const shown = modes
      .map((m) => `${m.name}: ajv ${theirs(m.ajv, text).valid}, ours ${m.verdicts.get(file)?.valid}`)
      .join("; ");
    console.log(`skip ${file}: ${skips.get(file)} (${shown})`);
    ++skipped;
    continue;
  }
  const problems = [];
  if (!(file in manifest)) problems.push("not in manifest.json: run make_corpus.py");
  for (const mode of modes) {
    const our = mode.verdicts.get(file);
    const their = theirs(mode.ajv, text);
    if (our === undefined) {
      problems.push(`${mode.name}: pc-customer gave no verdict`);
      continue;
    }
    if (our.valid !== their.valid) {
      problems.push(
        `${mode.name}: ajv says ${their.valid ? "valid" : "invalid"} ${their.errors}, ` +
          `pc-customer says ${our.valid ? "valid" : "invalid"} ` +
          JSON.stringify(our.violations.filter((v) => v.severity === "error")),
      );
    }
    if (file in manifest && our.valid !== mode.expected(manifest[file])) {
      problems.push(`${mode.name}: written to be ${mode.expected(manifest[file]) ? "valid" : "invalid"}`);
    }
  }
  if (problems.length === 0) {
    ++passed;
  } else {
    ++failed;
    console.log(`FAIL ${file}\n  ${problems.join("\n  ")}`);
  }
}
for (const file of skips.keys()) {
  if (!files.includes(file)) {
    console.log(`FAIL skipped.txt names ${file}, which is not in the corpus`);
    ++failed;
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 ? 0 : 1);
