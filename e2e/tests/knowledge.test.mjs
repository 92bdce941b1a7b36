// End-to-end: the vendors' messages (knowledge/*.json, packed at build) are not part of the
// first load; the page fetches them once, on the first paste, from its own origin; the service
// worker keeps them; and a worker's analysis of a long text uses them too.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { useApp, openApp, paste, fingerprint } from "./harness.mjs";

const app = useApp();
const corpus = join(dirname(fileURLToPath(import.meta.url)), "../../tests/corpus/tokens.json");
// twine's answer when PyPI refuses an account password (a real report, see its source).
const pypi = JSON.parse(readFileSync(corpus, "utf8")).find((c) => c.name === "pypi-password-auth-no-longer-supported");
const isKnowledge = (u) => /\/knowledge-[0-9a-f]{16}\.tsv$/.test(u);

test("the knowledge base is fetched on the first paste, once, and names the vendor's cause", async () => {
  const { page, errors, requests, context } = await openApp(app.browser, app.srv.url);
  await page.waitForLoadState("networkidle");
  // Only the service worker's precache may have fetched it while the page loaded.
  const pageRequests = () => requests.filter(isKnowledge);
  assert.deepEqual(pageRequests(), [], "not in the first load");
  await paste(page, pypi.input);
  for (const id of pypi.expect) {
    assert.ok((await page.locator(`.report [data-id="${id}"]`).count()) > 0, `${id} shown`);
  }
  await paste(page, pypi.input + "\n");
  assert.equal(pageRequests().length, 1, "fetched once");
  assert.ok(pageRequests()[0].startsWith(app.srv.url), "from the page's own origin and sub-path");
  assert.deepEqual(errors, []);
  await context.close();
});

test("the service worker caches the knowledge base with the build", async () => {
  const sw = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../../dist/sw.js"), "utf8");
  const files = JSON.parse(sw.match(/const FILES = (\[.*\]);/)[1]);
  assert.equal(files.filter((f) => isKnowledge("/" + f)).length, 1);
});

test("a long text analysed in the worker gets the vendors' messages too", async () => {
  const { page, errors, context } = await openApp(app.browser, app.srv.url);
  // Over the worker threshold: the real answer after 1.6 MB of upload progress lines, dropped
  // as a file (the page keeps only its start in the box and hands the whole text to a worker).
  const long = "Uploading distributions to https://upload.pypi.org/legacy/\n".repeat(28000) + pypi.input;
  const dt = await page.evaluateHandle((text) => {
    const d = new DataTransfer();
    d.items.add(new File([text], "twine.log", { type: "text/plain" }));
    return d;
  }, long);
  await page.dispatchEvent("section.paste", "drop", { dataTransfer: dt });
  await page.waitForSelector(`section.report[data-analysed="${fingerprint(long)}"][data-knowledge="settled"]`, { timeout: 30000 });
  for (const id of pypi.expect) {
    assert.ok((await page.locator(`.report [data-id="${id}"]`).count()) > 0, `${id} shown`);
  }
  assert.deepEqual(errors, []);
  await context.close();
});
