// Large exports run in the worker, as the analysis does: "Download redacted HAR" and "Copy as
// Markdown" on a 50 MB HAR show progress with Cancel, and the page keeps answering meanwhile
// (the longest main-thread block is printed, seen by a timer-gap probe).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { useApp, openApp, fingerprint } from "./harness.mjs";
import { bigHar } from "./big-har.mjs";

const app = useApp();
const har = bigHar(50 << 20);

/** Drops the HAR and waits for its analysis. */
async function dropped(page) {
  const dt = await page.evaluateHandle((text) => {
    const d = new DataTransfer();
    d.items.add(new File([text], "big.har", { type: "application/json" }));
    return d;
  }, har);
  await page.dispatchEvent("section.paste", "drop", { dataTransfer: dt });
  await page.waitForSelector(`section.report[data-analysed="${fingerprint(har)}"][data-knowledge="settled"]`, { timeout: 60000 });
  await page.evaluate(() => {
    window.__gap = 0;
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      window.__gap = Math.max(window.__gap, now - last);
      last = now;
    }, 5);
  });
}

test("a 50 MB redacted HAR is made in the worker, with progress, and downloads", async () => {
  const { page, errors, context } = await openApp(app.browser, app.srv.url);
  await dropped(page);
  const download = page.waitForEvent("download", { timeout: 60000 });
  await page.click("button:has-text('Download redacted HAR')");
  await page.waitForSelector("[data-testid=exporting]");
  const file = await (await download).path();
  const saved = readFileSync(file, "utf8");
  assert.ok(saved.length > 40 << 20, "the whole HAR");
  assert.ok(!saved.includes("Authorization\",\"value\":\"Bearer ey"), "no bearer token left");
  assert.match(await page.textContent(".har-status"), /Redacted HAR saved/);
  assert.equal(await page.locator("[data-testid=exporting]").count(), 0);
  console.log(`export: redacted 50 MB HAR, longest main-thread block ${Math.round(await page.evaluate(() => window.__gap))} ms (timer gap)`);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a large export can be cancelled, and Markdown of a large text is made in the worker", async () => {
  const { page, errors, context } = await openApp(app.browser, app.srv.url);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.srv.origin });
  await dropped(page);
  await page.click("button:has-text('Copy as Markdown')");
  await page.click("[data-testid=exporting] button:has-text('Cancel')");
  assert.equal(await page.locator("[data-testid=exporting]").count(), 0);
  await page.click("button:has-text('Copy as Markdown')");
  await page.waitForSelector("[data-testid=exporting]");
  await page.waitForFunction(() => /Markdown copied/.test(document.querySelector(".share-status")?.textContent || ""), null, { timeout: 60000 });
  const md = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(md.startsWith("### authlens:"), md.slice(0, 80));
  assert.deepEqual(errors, []);
  await context.close();
});
