// trunk post_build hook: moves inline <script> blocks of index.html into loader.js files,
// so the Content-Security-Policy can forbid inline scripts. Fails loudly if nothing matched.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createHash } from "node:crypto";

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) {
  console.error("externalize-loader: TRUNK_STAGING_DIR is not set");
  process.exit(1);
}
const file = join(dir, "index.html");
let html = readFileSync(file, "utf8");
let count = 0;
html = html.replace(/<script([^>]*)>([\s\S]*?)<\/script>/g, (whole, attrs, body) => {
  if (/\bsrc=/.test(attrs) || body.trim() === "") return whole;
  const name = `loader-${createHash("sha256").update(body).digest("hex").slice(0, 16)}.js`;
  writeFileSync(join(dir, name), body.trim() + "\n");
  count += 1;
  const type = /type="module"/.test(attrs) ? ' type="module"' : "";
  return `<script${type} src="./${name}"></script>`;
});
if (count === 0) {
  console.error("externalize-loader: no inline script found in index.html; trunk's output changed?");
  process.exit(1);
}
writeFileSync(file, html);
console.log(`externalize-loader: moved ${count} inline script(s) out of index.html`);
