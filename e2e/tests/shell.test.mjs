// The first visit: the heading and the paste box are plain HTML, so a user can type or paste
// before the wasm arrives. At mount the app takes the text, the caret and the focus over, and
// analyses the text at once. The shell itself is axe-clean in both themes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { useApp, fingerprint } from "./harness.mjs";

const app = useApp();
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
// RFC 7617's example credential.
const TYPED = "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==";

/** A page whose wasm module is held back until `release()` is called. */
async function heldBack(options = {}) {
  const context = await app.browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  let release;
  const released = new Promise((r) => (release = r));
  await page.route(/_bg\.wasm$/, async (route) => {
    await released;
    await route.continue();
  });
  await page.goto(app.srv.url, { waitUntil: "domcontentloaded" });
  return { page, context, errors, release };
}

test("text typed into the shell before the wasm arrives is kept, with its caret and focus", async () => {
  const { page, context, errors, release } = await heldBack();
  await page.waitForSelector("textarea#shell-input");
  assert.equal(await page.locator("textarea#input").count(), 0, "the app has not mounted yet");
  assert.match(await page.textContent("[role=status]"), /loading/i);
  await page.click("textarea#shell-input");
  await page.keyboard.insertText(TYPED);
  // The caret is put back inside the text, where a user editing it would be.
  await page.evaluate(() => document.querySelector("#shell-input").setSelectionRange(21, 21));
  release();
  await page.waitForSelector(`section.report[data-analysed="${fingerprint(TYPED)}"]`, { timeout: 20000 });
  assert.equal(await page.inputValue("textarea#input"), TYPED);
  assert.equal(await page.locator("#shell").count(), 0, "the shell is gone");
  const state = await page.evaluate(() => {
    const a = document.querySelector("textarea#input");
    return { focused: document.activeElement === a, start: a.selectionStart, end: a.selectionEnd };
  });
  assert.deepEqual(state, { focused: true, start: 21, end: 21 });
  assert.deepEqual(errors, []);
  await context.close();
});

test("an empty shell leaves the app as it would be", async () => {
  const { page, context, errors, release } = await heldBack();
  release();
  await page.waitForSelector("textarea#input");
  assert.equal(await page.inputValue("textarea#input"), "");
  assert.equal(await page.locator("#shell").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

for (const colorScheme of ["light", "dark"]) {
  test(`axe: the shell has no serious or critical violations (${colorScheme})`, async () => {
    const { page, context, release } = await heldBack({ colorScheme });
    await page.waitForSelector("textarea#shell-input");
    await page.evaluate(AXE);
    const result = await page.evaluate(() => axe.run(document, { resultTypes: ["violations"] }));
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id);
    assert.deepEqual(bad, []);
    release();
    await context.close();
  });
}
