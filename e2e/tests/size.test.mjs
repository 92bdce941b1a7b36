// The first load's size cannot creep: its gzip -9 total (every .wasm, .js, .css and .html file
// of the release dist/, as the performance report counts it) must stay at or under the ceiling
// in size-ceiling.json. A change that shrinks the load lowers the ceiling in the same commit
// (this test fails when the load is more than 2 KB under it); raising it needs a line in
// docs/performance.md saying what the bytes buy.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { serveDist } from "./harness.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const DIST = process.env.AUTHLENS_DIST || join(ROOT, "dist");
const SLACK = 2048;

export function firstLoadGzip(dist) {
  return readdirSync(dist)
    .filter((f) => /\.(wasm|js|css|html)$/.test(f))
    .reduce((sum, f) => sum + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length, 0);
}

test("the first load stays under its checked-in ceiling", async () => {
  if (!existsSync(join(DIST, "index.html"))) (await serveDist()).server.close();
  const { first_load_gzip_bytes: ceiling } = JSON.parse(readFileSync(join(ROOT, "size-ceiling.json"), "utf8"));
  const size = firstLoadGzip(DIST);
  console.log(`size: first load ${size} B gzip -9, ceiling ${ceiling} B`);
  assert.ok(size <= ceiling, `the first load is ${size} B gzip, over the ceiling of ${ceiling} B: shrink it, or raise the ceiling with a line in docs/performance.md saying what the bytes buy`);
  assert.ok(size >= ceiling - SLACK, `the first load shrank to ${size} B gzip: lower the ceiling in size-ceiling.json to ${size}`);
});

test("every text file has .br and .gz beside it, and the knowledge base is not in the first load", () => {
  const files = readdirSync(DIST);
  for (const f of files.filter((f) => /\.(wasm|js|css|html|tsv)$/.test(f))) {
    assert.ok(files.includes(`${f}.gz`) && files.includes(`${f}.br`), `${f} is precompressed`);
  }
  const index = readFileSync(join(DIST, "index.html"), "utf8");
  const kb = files.find((f) => /^knowledge-[0-9a-f]{16}\.tsv$/.test(f));
  assert.ok(kb && index.includes(`content="${kb}"`), "index.html names the knowledge base");
  assert.ok(!/rel="(preload|modulepreload)"[^>]*knowledge/.test(index), "and does not preload it");
});
