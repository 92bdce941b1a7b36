// End-to-end: the release build, served from a sub-path, in headless Chromium.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useApp, openApp, paste, analysed } from "./harness.mjs";

const app = useApp();

test("a Basic header decodes to its user, password masked until revealed", async () => {
  const { page, errors, context } = await openApp(app.browser, app.srv.url);
  await paste(page, "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  assert.equal(await page.textContent("[data-testid=detected-kind]"), "Authorization credential");
  const report = page.locator(".report");
  assert.match(await report.innerText(), /User-id\s+Aladdin/);
  assert.doesNotMatch(await report.innerText(), /open sesame/);
  await page.getByRole("button", { name: "Reveal secrets" }).click();
  assert.match(await report.innerText(), /open sesame/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a JWT shows its claims and that it expired", async () => {
  const { page, errors, context } = await openApp(app.browser, app.srv.url);
  const jwt =
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyLCJleHAiOjE1MTYyNDI2MjJ9.kdtHmE7_Cg5Vp_kuDoGp6XnWIfOxeaopNXumatFfDQg";
  await paste(page, jwt);
  assert.equal(await page.textContent("[data-testid=detected-kind]"), "JWT / JWE");
  const text = await page.locator(".report").innerText();
  assert.match(text, /"name": "John Doe"/);
  assert.match(text, /Expires \(exp\)\s+2018-01-18 02:30:22 UTC/);
  assert.match(text, /The token expired .* ago/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("garbage shows the not-recognised help listing what is accepted", async () => {
  const { page, errors, context } = await openApp(app.browser, app.srv.url);
  await paste(page, "hello, is this the right place?");
  assert.equal(await page.textContent("[data-testid=detected-kind]"), "Not recognised");
  const text = await page.locator(".report > [data-testid=findings]").innerText();
  assert.match(text, /does not recognise this input/);
  assert.match(text, /curl command/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("the detected kind can be overridden", async () => {
  const { page, context } = await openApp(app.browser, app.srv.url);
  await paste(page, "Basic realm=\"simple\"");
  assert.equal(await page.textContent("[data-testid=detected-kind]"), "WWW-Authenticate challenge");
  assert.equal(await page.locator('.report [data-id^="basic."]').count(), 0, "a challenge has no credential findings");
  await page.selectOption("select#kind", "credential");
  // Read as a credential now: the Basic credential checks run (realm="simple" is not base64).
  await page.locator('.report [data-id^="basic."]').first().waitFor();
  await context.close();
});

test("a curl -v dump of a 401 reads request and response together", async () => {
  const { page, errors, context } = await openApp(app.browser, app.srv.url);
  await page.getByRole("button", { name: "curl -v 401" }).click();
  await analysed(page);
  const text = await page.locator(".report").innerText();
  assert.match(text, /A request and its response/);
  assert.match(text, /password starts or ends with whitespace/);
  assert.match(text, /Challenge 1: Basic/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("no network request leaves the page's origin while decoding", async () => {
  const { page, errors, requests, context } = await openApp(app.browser, app.srv.url);
  for (const input of [
    "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==",
    "curl https://api.example.com/x -H 'Authorization: Bearer ghp_16C7e42F292c6912E7710c838347Ae178B4a'",
    "WWW-Authenticate: Bearer realm=\"https://auth.example.com\"",
  ]) {
    await paste(page, input);
  }
  const foreign = requests.filter((u) => !u.startsWith(app.srv.origin) && !u.startsWith("data:"));
  assert.deepEqual(foreign, []);
  assert.ok(requests.some((u) => u.endsWith(".wasm")), "the wasm came from the sub-path");
  assert.deepEqual(errors, []);
  await context.close();
});

test("usable at 360 px wide in dark mode without horizontal scrolling", async () => {
  const { page, context } = await openApp(app.browser, app.srv.url, {
    viewport: { width: 360, height: 740 },
    colorScheme: "dark",
  });
  await page.getByRole("button", { name: "Basic header" }).click();
  await analysed(page);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
  const bg = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(bg, "rgb(21, 23, 27)");
  if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT, fullPage: true });
  await context.close();
});

test("keyboard only: tab reaches the paste box and the examples with a visible focus", async () => {
  const { page, context } = await openApp(app.browser, app.srv.url);
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.id), "input");
  // Tab on until an example button has the focus (the file pickers come first).
  for (let i = 0; i < 10; i++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(() => !!document.activeElement.closest("nav.samples"))) break;
  }
  assert.ok(await page.evaluate(() => !!document.activeElement.closest("nav.samples")), "an example is reachable by Tab");
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.equal(outline, "solid");
  await page.keyboard.press("Enter");
  await analysed(page);
  assert.match(await page.inputValue("textarea#input"), /Authorization: Basic/);
  await context.close();
});

test("a text file dropped on the paste box is read and analysed", async () => {
  const { page, errors, context } = await openApp(app.browser, app.srv.url);
  const dt = await page.evaluateHandle(() => {
    const d = new DataTransfer();
    d.items.add(new File(["WWW-Authenticate: Negotiate\nWWW-Authenticate: NTLM"], "headers.txt", { type: "text/plain" }));
    return d;
  });
  await page.dispatchEvent("section.paste", "dragover", { dataTransfer: dt });
  await page.dispatchEvent("section.paste", "drop", { dataTransfer: dt });
  await page.waitForFunction(() => document.querySelector("textarea#input").value.includes("NTLM"));
  await analysed(page);
  assert.match(await page.inputValue("textarea#input"), /WWW-Authenticate: NTLM/);
  assert.equal(await page.textContent("[data-testid=detected-kind]"), "WWW-Authenticate challenge");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a JWT inside a pasted callback URL is found and decoded", async () => {
  const { page, context } = await openApp(app.browser, app.srv.url);
  const enc = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");
  await paste(page, `https://app.example.test/callback#id_token=${enc({ alg: "RS256" })}.${enc({ sub: "u-42", nonce: "n" })}.c2ln&state=xyz`);
  assert.equal(await page.textContent("[data-testid=detected-kind]"), "JWT / JWE");
  const text = await page.locator(".report").innerText();
  assert.match(text, /A JWT found in id_token/);
  assert.match(text, /"sub": "u-42"/);
  await context.close();
});

test("copy puts the decoded value on the clipboard", async () => {
  const { page, context } = await openApp(app.browser, app.srv.url);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.srv.origin });
  await paste(page, "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  await page.getByRole("button", { name: "Copy User-id" }).click();
  await page.waitForSelector("text=Copied");
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), "Aladdin");
  await context.close();
});
