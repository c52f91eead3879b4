// Holds pc-customer's JSON Schema against pc-customer's own validator: ajv, a validator we did
// not write, judges every document of the corpus with the schema `pc-customer schema` prints,
// and each verdict must equal `pc-customer validate --format json`'s. Both the lenient and the
// strict (additionalProperties: false / validate --strict) pair are compared.
//
//   node check.mjs [PATH/TO/pc-customer] [CORPUS-FOLDER]
//
// Any program with the same two commands can be checked: generic_order_tool (a user's struct
// with numbers and maps, tests/support/generic_order.hpp) runs over generic_corpus/. A corpus
// folder holds its own manifest.json.
//
// A document fails when pc-customer's verdict is not the one the corpus wrote it for
// (manifest.json: the document no longer tests its rule), or when ajv and pc-customer disagree
// in either mode. A document whose manifest entry has a "skip" reason tests what JSON Schema
// cannot say: ajv's verdict is printed and not compared, but pc-customer's is still held to the
// manifest, and a skip where ajv agrees in both modes fails (it is no longer needed). A UTF-8
// byte order mark is dropped before JSON.parse, as the decoder drops it. The last line is
// "N judged by ajv, K skipped (pc-customer's verdict checked), M failed"; the exit status is 1
// when anything failed.

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
    document = JSON.parse(text.startsWith("\uFEFF") ? text.slice(1) : text);
  } catch {
    return { valid: false, errors: "not JSON" };
  }
  const valid = validate(document);
  return { valid, errors: valid ? "" : JSON.stringify(validate.errors.slice(0, 3)) };
}

const manifest = JSON.parse(fs.readFileSync(path.join(corpus, "manifest.json"), "utf8"));

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

const said = (valid) => (valid ? "valid" : "invalid");
let judged = 0;
let skipped = 0;
let failed = 0;
for (const file of files) {
  const text = fs.readFileSync(path.join(corpus, file), "utf8");
  const entry = manifest[file];
  const skip = entry?.skip;
  const problems = [];
  if (entry === undefined) problems.push("not in manifest.json: run make_corpus.py");
  const shown = [];
  let disagreements = 0;
  for (const mode of modes) {
    const our = mode.verdicts.get(file);
    const their = theirs(mode.ajv, text);
    if (our === undefined) {
      problems.push(`${mode.name}: pc-customer gave no verdict`);
      continue;
    }
    if (entry !== undefined && our.valid !== mode.expected(entry)) {
      problems.push(
        `${mode.name}: written to be ${said(mode.expected(entry))}, pc-customer says ` +
          `${said(our.valid)} ` +
          JSON.stringify(our.violations.filter((v) => v.severity === "error")),
      );
    }
    if (our.valid !== their.valid) ++disagreements;
    if (our.valid !== their.valid && skip === undefined) {
      problems.push(
        `${mode.name}: ajv says ${said(their.valid)} ${their.errors}, ` +
          `pc-customer says ${said(our.valid)} ` +
          JSON.stringify(our.violations.filter((v) => v.severity === "error")),
      );
    }
    shown.push(`${mode.name}: ajv ${their.valid}, ours ${our.valid}`);
  }
  if (skip !== undefined) {
    ++skipped;
    // Said, not hidden: the verdicts are shown, and a skip that no longer differs must go.
    console.log(`skip ${file}: ${skip} (${shown.join("; ")})`);
    if (disagreements === 0 && problems.length === 0)
      problems.push("skipped, but ajv agrees with pc-customer in both modes: drop the skip");
  } else {
    ++judged;
  }
  if (problems.length !== 0) {
    ++failed;
    console.log(`FAIL ${file}\n  ${problems.join("\n  ")}`);
  }
}
for (const file of Object.keys(manifest)) {
  if (!files.includes(file)) {
    console.log(`FAIL manifest.json names ${file}, which is not in the corpus`);
    ++failed;
  }
}
console.log(
  `${judged} judged by ajv, ${skipped} skipped (pc-customer's verdict checked), ${failed} failed`,
);
process.exit(failed === 0 ? 0 : 1);
