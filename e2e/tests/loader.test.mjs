// Every way a text comes in goes through one loader: a 50 MB HAR opened with the file picker,
// dropped, pasted with Ctrl+V and delivered by a paste event is analysed whole, in the worker,
// while the box shows only its head with a note. Each path records its longest main-thread
// block, seen by a timer-gap probe (long tasks do not see a textarea's layout) and by long
// tasks; the figures are printed for the performance notes, not asserted (a budget is not a
// test).
import { test } from "node:test";
import assert from "node:assert/strict";
import { useApp, openApp, fingerprint } from "./harness.mjs";
import { bigHar } from "./big-har.mjs";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const app = useApp();
const har = bigHar(50 << 20);
const ids = (page) => page.$$eval(".report [data-id]", (els) => els.map((e) => e.dataset.id));

/** Starts both probes in the page. */
async function probe(page) {
  await page.evaluate(() => {
    window.__gap = 0;
    window.__long = 0;
    let last = performance.now();
    window.__timer = setInterval(() => {
      const now = performance.now();
      window.__gap = Math.max(window.__gap, now - last);
      last = now;
    }, 5);
    new PerformanceObserver((l) => l.getEntries().forEach((e) => (window.__long = Math.max(window.__long, e.duration)))).observe({ type: "longtask" });
  });
}

/** A DataTransfer in the page holding the HAR as a file, or as pasted text. Made before the
 * probes start: handing 50 MB to the page is the test's cost, not the page's. */
function transfer(page, asFile) {
  return page.evaluateHandle(
    ({ text, asFile }) => {
      const d = new DataTransfer();
      if (asFile) d.items.add(new File([text], "big.har", { type: "application/json" }));
      else d.setData("text/plain", text);
      return d;
    },
    { text: har, asFile },
  );
}

// Each path: what to prepare before the probes start, then how to deliver it.
const PATHS = {
  picker: {
    // Playwright hands files over 50 MB to the browser by path.
    prepare: async () => {
      const dir = mkdtempSync(join(tmpdir(), "authlens-"));
      writeFileSync(join(dir, "big.har"), har);
      return dir;
    },
    deliver: (page, dir) => page.setInputFiles("#har-file", join(dir, "big.har")),
    // The page reads the file after it is chosen: removed only when the test is done.
    cleanup: (dir) => rmSync(dir, { recursive: true }),
  },
  drop: {
    prepare: (page) => transfer(page, true),
    deliver: (page, dt) => page.dispatchEvent("section.paste", "drop", { dataTransfer: dt }),
  },
  "Ctrl+V": {
    prepare: async (page, context) => {
      await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.srv.origin });
      await page.evaluate((t) => navigator.clipboard.writeText(t), har);
      await page.focus("textarea#input");
    },
    deliver: (page) => page.keyboard.press("Control+V"),
  },
  "paste event": {
    prepare: (page) => transfer(page, false),
    deliver: (page, dt) =>
      page.evaluate((d) => {
        const ev = new ClipboardEvent("paste", { clipboardData: d, bubbles: true, cancelable: true });
        document.querySelector("textarea#input").dispatchEvent(ev);
      }, dt),
  },
};

for (const [path, { prepare, deliver, cleanup }] of Object.entries(PATHS)) {
  test(`a 50 MB HAR by ${path} is analysed whole, with the box showing its head`, async () => {
    const { page, errors, context } = await openApp(app.browser, app.srv.url);
    const prepared = await prepare(page, context);
    await probe(page);
    await deliver(page, prepared);
    await page.waitForSelector(`section.report[data-analysed="${fingerprint(har)}"][data-knowledge="settled"]`, { timeout: 60000 });
    const found = await ids(page);
    for (const id of ["har.cors_blocked", "status.401"]) assert.ok(found.includes(id), `${path}: ${id} in ${found}`);
    assert.match(await page.textContent("[data-testid=large-file]"), /is 5\d\.\d MB: all of it is analysed/);
    const shown = await page.inputValue("textarea#input");
    assert.ok(shown.length <= 16 * 1024 && har.startsWith(shown), `${path}: the box holds only the head`);
    const { gap, long } = await page.evaluate(() => ({ gap: window.__gap, long: window.__long }));
    console.log(`loader: 50 MB HAR by ${path}: longest main-thread block ${Math.round(gap)} ms (timer gap), ${Math.round(long)} ms (long tasks)`);
    assert.deepEqual(errors, []);
    await context.close();
    cleanup?.(prepared);
  });
}
