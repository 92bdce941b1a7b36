// Large inputs: a file over 1 MB is analysed whole while the paste box shows only its head.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useApp, openApp, paste, fingerprint } from "./harness.mjs";

const app = useApp();

// A curl -v dump of a 401 (the shape of the e2e challenge test), its body grown past 1 MB.
const HEAD =
  "*   Trying 93.184.215.14:443...\n> GET /v1/me HTTP/1.1\n> Host: api.example.com\n> User-Agent: curl/8.5.0\n" +
  "> Authorization: Basic YWxpY2U6c2VjcmV0Cg==\n>\n< HTTP/1.1 401 Unauthorized\n" +
  '< WWW-Authenticate: Bearer realm="api"\n< Content-Type: application/json\n<\n';
const BODY_LINE = '{"error":"invalid_client"}\n';

const ids = (page) => page.$$eval(".report [data-id]", (els) => els.map((e) => e.dataset.id));

test("a file over 1 MB is analysed whole, the box shows its head with a note", async () => {
  const { page, errors, context } = await openApp(app.browser, app.srv.url);
  await paste(page, HEAD + BODY_LINE);
  const small = await ids(page);
  assert.ok(small.length > 0);

  const big = HEAD + BODY_LINE.repeat(Math.ceil((2 << 20) / BODY_LINE.length));
  const dt = await page.evaluateHandle((text) => {
    const d = new DataTransfer();
    d.items.add(new File([text], "curl-v.txt", { type: "text/plain" }));
    return d;
  }, big);
  await page.dispatchEvent("section.paste", "drop", { dataTransfer: dt });
  await page.waitForSelector(`section.report[data-analysed="${fingerprint(big)}"]`, { timeout: 20000 });
  assert.match(await page.textContent("[data-testid=large-file]"), /curl-v\.txt is 2\.0 MB/);
  const shown = await page.inputValue("textarea#input");
  assert.ok(shown.length < 64 * 1024 && big.startsWith(shown), "the box holds only the head");
  assert.equal((await ids(page))[0], small[0]);

  // Editing the box analyses what the box holds, and the note goes.
  await page.fill("textarea#input", HEAD + BODY_LINE);
  await page.waitForSelector(`section.report[data-analysed="${fingerprint(HEAD + BODY_LINE)}"]`);
  assert.equal(await page.locator("[data-testid=large-file]").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a paste over 1 MB from the clipboard replaces the box, which shows its head", async () => {
  const { page, errors, context } = await openApp(app.browser, app.srv.url);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.srv.origin });
  // A small paste is the browser's own: inserted at the cursor.
  await page.evaluate((t) => navigator.clipboard.writeText(t), HEAD);
  await page.focus("textarea#input");
  await page.keyboard.press("Control+V");
  await page.keyboard.type(BODY_LINE.trim());
  await page.waitForSelector(`section.report[data-analysed="${fingerprint(HEAD + BODY_LINE.trim())}"]`);

  // A large one is taken before the browser would insert it, and replaces what the box held.
  const big = HEAD + BODY_LINE.repeat(Math.ceil((2 << 20) / BODY_LINE.length));
  await page.evaluate((t) => navigator.clipboard.writeText(t), big);
  await page.keyboard.press("Control+V");
  await page.waitForSelector(`section.report[data-analysed="${fingerprint(big)}"]`, { timeout: 20000 });
  assert.match(await page.textContent("[data-testid=large-file]"), /The pasted text is 2\.0 MB/);
  const shown = await page.inputValue("textarea#input");
  assert.ok(shown.length < 64 * 1024 && big.startsWith(shown), "the box holds only the head");
  assert.deepEqual(errors, []);
  await context.close();
});
