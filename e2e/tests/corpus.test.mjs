// End-to-end: a sample of the real-world corpus (tests/corpus/*.json) pasted in Chromium. Each
// case's expected finding ids must appear on the page, and its false alarms must not.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { useApp, openApp, paste } from "./harness.mjs";

const app = useApp();
const dir = join(dirname(fileURLToPath(import.meta.url)), "../../tests/corpus");
const cases = readdirSync(dir)
  .filter((f) => f.endsWith(".json"))
  .sort()
  .flatMap((f) => JSON.parse(readFileSync(join(dir, f), "utf8")))
  .filter((c) => !c.open && c.expect.length > 0);
// Every fourth diagnosed case, so each family is represented and the run stays short.
const sample = cases.filter((_, i) => i % 4 === 0);

test(`the page names the cause of ${sample.length} real-world cases`, async () => {
  assert.ok(sample.length >= 10, `sample of ${sample.length}`);
  const { page, errors, context } = await openApp(app.browser, app.srv.url);
  for (const c of sample.filter((c) => c.now === undefined)) {
    await paste(page, c.input);
    for (const id of c.expect) {
      assert.ok((await page.locator(`.report [data-id="${id}"]`).count()) > 0, `${c.name}: ${id} not shown (${c.source})`);
    }
    for (const id of c.reject) {
      assert.equal(await page.locator(`.report [data-id="${id}"]`).count(), 0, `${c.name}: false alarm ${id}`);
    }
  }
  assert.deepEqual(errors, []);
  await context.close();
});

test("cases judged at a given moment are diagnosed with the page's clock set to it", async () => {
  const timed = cases.filter((c) => c.now !== undefined);
  assert.ok(timed.length > 0);
  for (const c of timed) {
    const context = await app.browser.newContext();
    const page = await context.newPage();
    // The page judges times by its own clock, as the corpus case does by `now`.
    await page.clock.setFixedTime(new Date(c.now * 1000));
    await page.goto(app.srv.url);
    await page.waitForSelector("textarea#input");
    await paste(page, c.input);
    for (const id of c.expect) {
      assert.ok((await page.locator(`.report [data-id="${id}"]`).count()) > 0, `${c.name}: ${id} not shown (${c.source})`);
    }
    await context.close();
  }
});
