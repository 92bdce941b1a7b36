// End-to-end: text that is not ASCII never takes the page down. A Rust panic in the release
// build aborts the wasm module, so one accented character at the wrong byte offset used to
// leave a dead page ("unreachable" in the console). Each input kind is pasted with accents,
// CJK, emoji, combining marks, CR and NUL in it; the page must raise no error and answer each.
// If the module ever does trap, static/recover.js remounts the app with the text kept.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { useApp, openApp, paste, analysed, fingerprint } from "./harness.mjs";

const app = useApp();
const b64url = (s) => Buffer.from(s).toString("base64url");
const jwt = `${b64url('{"alg":"HS256","typ":"JWT"}')}.${b64url(JSON.stringify({ sub: "José 🔥", name: "日本語", iss: "https://idp.café/", exp: 1 }))}.c2lnbmF0dXJl`;
const har = readFileSync(new URL("../../tests/har/recorded-chromium.har", import.meta.url), "utf8");

const SAMPLES = [
  // The four reproducers of issue #27, as pasted.
  `${"a".repeat(119)}€`,
  "éabc",
  "curl \\\ré",
  'HTTP/1.1 401 Unauthorized\nWWW-Authenticate: Bearer realm="Café", error="invalid", error_description="The signature key was not found"',
  // One of each kind, with multi-byte text where real pastes carry it.
  "Authorization: Basic " + Buffer.from("josé:contraseña€").toString("base64"),
  `Authorization: Bearer ${jwt}`,
  jwt,
  'WWW-Authenticate: Digest realm="Zürich 中文", nonce="é", qop="auth"',
  `curl -H 'Authorization: Bearer ✓é' 'https://api.test/naïve?q=日本'`,
  "$ curl -i https://api.test/ü\r\nHTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm=\"é\"\r\n\r\n{\"error\":\"naïve 🔥\"}",
  'GET /é HTTP/1.1\nHost: api.test\nAuthorization: Bearer e\u0301\u0000x\n\nHTTP/1.1 403 Forbidden\nSet-Cookie: s=ü; Path=/\n\n<h1>Accès refusé</h1>',
  '2024-01-01 12:00:00 ERROR İstanbul 🔥 IDX10214: Audience validation failed. Audiences: \'é\'. Did not match: validationParameters.ValidAudience: \'ü\'',
  '{"level":"warn","msg":"authentication failed ✗","user":"Ωmega","reason":"invalid token"}',
  "https://bucket.s3.amazonaws.com/ñ.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20240101%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=é",
  har.replace(/"Authorization"/i, '"Authorizatión"').replace("http", "http\u0000é"),
];

test("non-ASCII pastes of every kind raise no page error and are each analysed", async () => {
  const { page, errors, context } = await openApp(app.browser, app.srv.url);
  for (const text of SAMPLES) {
    await paste(page, text);
  }
  assert.deepEqual(errors, []);
  assert.equal(await page.locator("[data-testid=recovered-notice]").count(), 0);
  await context.close();
});

test("if the engine's module traps, the page is reset with the text kept and keeps working", async () => {
  const { page, context } = await openApp(app.browser, app.srv.url);
  const kept = 'WWW-Authenticate: Bearer realm="Café", error="invalid_token"';
  await paste(page, kept);
  // What a panic reaches JavaScript as: a trap thrown out of a call into the module.
  await page.evaluate(() => setTimeout(() => {
    throw new WebAssembly.RuntimeError("unreachable");
  }));
  await page.waitForSelector("[data-testid=recovered-notice]");
  assert.equal(await page.locator("textarea#input").count(), 1, "one app is mounted");
  assert.equal(await page.inputValue("textarea#input"), kept);
  // The kept text is analysed again, in a worker, and the report is of that text.
  await page.waitForSelector(`section.report[data-analysed="${fingerprint(kept)}"] [data-id="challenge.invalid_token"]`);
  // A new paste is analysed as usual.
  await paste(page, "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==x");
  assert.equal(await page.locator('[data-id="basic.bad_base64"]').count(), 1);
  await context.close();
});
