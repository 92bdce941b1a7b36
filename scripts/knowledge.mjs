// Copies the knowledge base that build.rs packed (knowledge/*.json → knowledge.tsv in the
// crate's OUT_DIR) beside the page as knowledge-<hash>.tsv, and names it in index.html's
// <meta name="authlens-knowledge">, so the page fetches it on the first paste that needs it and
// the service worker caches it with the build. Run by scripts/post-build.mjs before the
// precache list is made.
import { readFileSync, writeFileSync, readdirSync, statSync, existsSync } from "node:fs";
import { join } from "node:path";
import { createHash } from "node:crypto";

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
const target = process.env.CARGO_TARGET_DIR || join(process.env.TRUNK_SOURCE_DIR || ".", "target");
const profile = process.env.TRUNK_PROFILE === "debug" ? "debug" : "release";
if (!dir) {
  console.error("knowledge: TRUNK_STAGING_DIR is not set");
  process.exit(1);
}
// The wasm build's OUT_DIRs; the newest holds this build's pack (cargo reruns build.rs
// whenever knowledge/ changes).
const builds = join(target, "wasm32-unknown-unknown", profile, "build");
const packs = existsSync(builds)
  ? readdirSync(builds)
      .filter((d) => d.startsWith("authlens-"))
      .map((d) => join(builds, d, "out", "knowledge.tsv"))
      .filter((f) => existsSync(f))
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)
  : [];
if (packs.length === 0) {
  console.error(`knowledge: no knowledge.tsv under ${builds}/authlens-*/out`);
  process.exit(1);
}
const pack = readFileSync(packs[0]);
const name = `knowledge-${createHash("sha256").update(pack).digest("hex").slice(0, 16)}.tsv`;
writeFileSync(join(dir, name), pack);
const indexPath = join(dir, "index.html");
const index = readFileSync(indexPath, "utf8");
const filled = index.replace(/<meta name="authlens-knowledge" content=""\s*\/?>/, `<meta name="authlens-knowledge" content="${name}" />`);
if (filled === index) {
  console.error('knowledge: index.html has no <meta name="authlens-knowledge" content="" />');
  process.exit(1);
}
writeFileSync(indexPath, filled);
console.log(`knowledge: ${name}, ${pack.length} bytes, ${pack.toString("utf8").split("\n").length - 2} entries`);
