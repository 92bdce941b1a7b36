// Writes .gz (gzip -9) and .br (brotli 11) beside each text and wasm file of the build, for hosts
// that serve them as they are (nginx gzip_static/brotli_static, Netlify, Cloudflare Pages). Run
// last by scripts/post-build.mjs, after every file is final; the service worker's list names
// only the originals.
import { readFileSync, writeFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const dir = process.env.TRUNK_STAGING_DIR || process.argv[2];
if (!dir) {
  console.error("precompress: TRUNK_STAGING_DIR is not set");
  process.exit(1);
}
const COMPRESSIBLE = /\.(html|js|mjs|css|wasm|svg|webmanifest|json|tsv)$/;
let count = 0;
for (const name of readdirSync(dir)) {
  const file = join(dir, name);
  if (!COMPRESSIBLE.test(name) || !statSync(file).isFile()) continue;
  const body = readFileSync(file);
  writeFileSync(`${file}.gz`, gzipSync(body, { level: 9 }));
  writeFileSync(`${file}.br`, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
  count++;
}
console.log(`precompress: .gz and .br beside ${count} files`);
