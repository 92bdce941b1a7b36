// A HAR opened through the file picker, pasted, and its redacted copy.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { useApp, openApp, analysed, paste } from "./harness.mjs";

const HAR_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "tests", "har");
const app = useApp();

async function ids(page) {
  return page.$$eval(".report [data-id]", (els) => els.map((e) => e.dataset.id));
}

test("a HAR opened with the file picker lists its failures by cause", async () => {
  const { page } = await openApp(app.browser, app.srv.url);
  await page.setInputFiles("input#har-file", join(HAR_DIR, "chromium-handwritten.har"));
  await page.waitForSelector(".har-failure");
  const found = await ids(page);
  for (const id of ["cors.preflight_needs_auth", "exchange.expired_at_response", "har.redirect_dropped_authorization"]) {
    assert.ok(found.includes(id), `${id} in ${found}`);
  }
  assert.equal(await page.textContent("[data-testid=detected-kind]"), "HAR file");
  const counts = await page.$$eval(".har-failure", (els) => els.map((e) => e.dataset.count));
  assert.ok(counts.includes("2"), `one token failing twice is shown once: ${counts}`);
  assert.match(await page.textContent("h2.summary"), /8 entries, 4 failures/);
});

test("a recorded HAR pasted into the box is read as a HAR", async () => {
  const { page } = await openApp(app.browser, app.srv.url);
  const har = await readFile(join(HAR_DIR, "recorded-chromium.har"), "utf8");
  await paste(page, har);
  await analysed(page);
  const found = await ids(page);
  assert.ok(found.includes("har.cors_blocked"), found.join(" "));
  assert.ok(found.includes("status.401"), found.join(" "));
});

test("the redacted copy keeps no secret", async () => {
  const { page, context } = await openApp(app.browser, app.srv.url);
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await page.setInputFiles("input#har-file", join(HAR_DIR, "chromium-handwritten.har"));
  await page.waitForSelector(".har-failure");
  await page.click("text=Copy redacted HAR");
  await page.waitForSelector(".har-status");
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  for (const secret of ["c2lnbmF0dXJlLW5vdC1yZWFs", "hunter2", "s3cr3t-session", "opaque-secret-123"]) {
    assert.ok(!copied.includes(secret), `${secret} left in the copy`);
  }
  const download = page.waitForEvent("download");
  await page.click("text=Download redacted HAR");
  assert.equal((await download).suggestedFilename(), "redacted.har");
});
