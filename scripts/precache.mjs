// Lists the files of the build in sw.js, with a version that changes whenever any of them does,
// so the service worker caches exactly this build and a new build is noticed. Run by
// scripts/post-build.mjs after the loader is moved out of index.html.
import { readFileSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { createHash } from "node:crypto";

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) {
  console.error("precache: TRUNK_STAGING_DIR is not set");
  process.exit(1);
}

function walk(d, out = []) {
  for (const name of readdirSync(d).sort()) {
    const p = join(d, name);
    if (statSync(p).isDirectory()) walk(p, out);
    else out.push(relative(dir, p).split(sep).join("/"));
  }
  return out;
}

const files = walk(dir).filter((f) => f !== "sw.js");
const hash = createHash("sha256");
for (const f of files) hash.update(f).update("\0").update(readFileSync(join(dir, f)));
const version = hash.digest("hex").slice(0, 16);

const swPath = join(dir, "sw.js");
let sw = readFileSync(swPath, "utf8");
const before = sw;
sw = sw.replace('const VERSION = "dev";', `const VERSION = "${version}";`);
sw = sw.replace("const FILES = [];", `const FILES = ${JSON.stringify(files)};`);
if (sw === before || !sw.includes(version) || !sw.includes("index.html")) {
  console.error("precache: sw.js has no VERSION/FILES placeholders to fill");
  process.exit(1);
}
writeFileSync(swPath, sw);
console.log(`precache: ${files.length} files, version ${version}`);
