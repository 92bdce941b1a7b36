// Large inputs are analysed in a Web Worker: the page shows progress with a Cancel button and
// stays responsive; the findings are the ones the engine gives on the page.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useApp, openApp, paste, fingerprint } from "./harness.mjs";
import { bigHar } from "./big-har.mjs";

const app = useApp();

const ids = (page) => page.$$eval(".report [data-id]", (els) => els.map((e) => e.dataset.id));

/** Drops `text` as a file named `name`, recording whether the progress notice was shown. */
async function drop(page, name, text) {
  await page.evaluate(() => {
    window.__sawProgress = null;
    new MutationObserver((_, obs) => {
      const p = document.querySelector("[data-testid=analysing]");
      if (p) {
        window.__sawProgress = p.textContent;
        obs.disconnect();
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
  const dt = await page.evaluateHandle(
    ({ name, text }) => {
      const d = new DataTransfer();
      d.items.add(new File([text], name, { type: "application/json" }));
      return d;
    },
    { name, text },
  );
  await page.dispatchEvent("section.paste", "drop", { dataTransfer: dt });
}

test("a large HAR dropped on the page is analysed in a worker, with progress", async () => {
  const { page, errors, context } = await openApp(app.browser, app.srv.url);
  const har = bigHar(4 << 20);
  await drop(page, "big.har", har);
  await page.waitForSelector(`section.report[data-analysed="${fingerprint(har)}"]`, { timeout: 30000 });
  assert.match(await page.evaluate(() => window.__sawProgress), /Analysing 4\.\d MB/);
  assert.equal(await page.locator("[data-testid=analysing]").count(), 0, "the notice goes when done");
  const found = await ids(page);
  for (const id of ["har.cors_blocked", "status.401"]) assert.ok(found.includes(id), `${id} in ${found}`);
  assert.ok((await page.locator(".har-failure").count()) > 0, "the HAR panel lists the failures");
  assert.match(await page.textContent("[data-testid=large-file]"), /big\.har is 4\.\d MB/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a large analysis can be cancelled, and the page keeps working", async () => {
  const { page, errors, context } = await openApp(app.browser, app.srv.url);
  const har = bigHar(40 << 20);
  // Cancel is pressed as soon as the notice appears: the worker reads 40 MB in well under a
  // second on a fast machine, which a click sent from outside the page can miss.
  await page.evaluate(() => {
    window.__cancelled = false;
    new MutationObserver((_, obs) => {
      const button = document.querySelector("[data-testid=analysing] button");
      if (button) {
        obs.disconnect();
        button.click();
        window.__cancelled = true;
      }
    }).observe(document.body, { childList: true, subtree: true });
  });
  await drop(page, "huge.har", har);
  await page.waitForFunction(() => window.__cancelled, null, { timeout: 30000 });
  assert.equal(await page.locator("[data-testid=analysing]").count(), 0);
  assert.match(await page.textContent("h2.summary"), /cancelled/);
  // The worker is gone: no answer arrives later.
  await page.evaluate(() => new Promise((r) => setTimeout(r, 1500)));
  assert.deepEqual(await ids(page), []);
  assert.notEqual(await page.getAttribute("section.report", "data-analysed"), fingerprint(har));

  // curl -v of a 401 (the shape of the e2e challenge test).
  await paste(
    page,
    "> GET /v1/me HTTP/1.1\n> Host: api.example.com\n> Authorization: Basic YWxpY2U6c2VjcmV0Cg==\n>\n" +
      '< HTTP/1.1 401 Unauthorized\n< WWW-Authenticate: Bearer realm="api"\n<\n',
  );
  assert.ok((await ids(page)).includes("exchange.scheme_mismatch"));
  assert.deepEqual(errors, []);
  await context.close();
});
