// Fills the hashed names of the wasm module and its bindings into engine-worker.js and
// recover.js, so the worker and a reset page load exactly this build's files (relative to itself, so any sub-path works). Run by
// scripts/post-build.mjs before the precache list is made.
import { readFileSync, writeFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) {
  console.error("worker-script: TRUNK_STAGING_DIR is not set");
  process.exit(1);
}
const names = readdirSync(dir);
const js = names.find((f) => /^authlens-[0-9a-f]+\.js$/.test(f));
const wasm = names.find((f) => /^authlens-[0-9a-f]+_bg\.wasm$/.test(f));
// Both scripts load the module by these placeholder names.
for (const script of ["engine-worker.js", "recover.js"]) {
  const file = join(dir, script);
  const before = readFileSync(file, "utf8");
  const after = before.replace('"./authlens.js"', `"./${js}"`).replace('"./authlens_bg.wasm"', `"./${wasm}"`);
  if (!js || !wasm || after === before || after.includes('"./authlens.js"') || after.includes('"./authlens_bg.wasm"')) {
    console.error(`worker-script: ${script} placeholders or the wasm module's files not found`);
    process.exit(1);
  }
  writeFileSync(file, after);
  console.log(`worker-script: ${script} loads ${js}`);
}
