// End-to-end: credential decoding as a user sees it (issue: decode every Authorization credential).
import { test } from "node:test";
import assert from "node:assert/strict";
import { useApp, openApp, paste } from "./harness.mjs";

const app = useApp();

test("a Bearer GitHub token is named, and a key in the wrong header is called out", async () => {
  const { page, errors, context } = await openApp(app.browser, app.srv.url);
  await paste(page, "Authorization: Bearer ghp_16C7e42F292c6912E7710c838347Ae178B4a");
  const text = await page.locator(".report").innerText();
  assert.equal(await page.locator('.report [data-id="token.identified"]').count(), 1);
  assert.equal(await page.locator('.report [data-id="token.not_in_authorization"]').count(), 0);
  assert.match(text, /classic personal access token/);
  assert.doesNotMatch(text, /ghp_16C7e42F292c6912E7710c838347Ae178B4a/, "token masked by default");
  // An Anthropic key sent as Bearer (it belongs in x-api-key): the misuse is named by id.
  await paste(page, "Authorization: Bearer sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
  await page.locator('.report [data-id="token.not_in_authorization"]').waitFor();
  assert.deepEqual(errors, []);
  await context.close();
});

test("a Digest response is checked against the typed password", async () => {
  const { page, errors, requests, context } = await openApp(app.browser, app.srv.url);
  await paste(
    page,
    'Authorization: Digest username="Mufasa", realm="http-auth@example.org", uri="/dir/index.html", algorithm=SHA-256, nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v", nc=00000001, cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ", qop=auth, response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1", opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
  );
  await page.fill("#digest-password", "Circle of Life");
  await page.locator('.report [data-id="digest.response_matches"]').waitFor();
  await page.fill("#digest-password", "Circle of life");
  await page.locator('.report [data-id="digest.response_mismatch"]').waitFor();
  const text = await page.locator(".report").innerText();
  assert.match(text, /The response does not match/);
  assert.match(text, /should be [0-9a-f]{64}/);
  assert.ok(requests.every((u) => u.startsWith(app.srv.origin) || u.startsWith("data:")));
  assert.deepEqual(errors, []);
  await context.close();
});

/** An NTLM AUTHENTICATE (type 3) message for Domain\User on COMPUTER with an NTLMv2 response. */
function ntlmType3() {
  const utf16 = (s) => Buffer.from(s, "utf16le");
  const payload = [Buffer.alloc(24), Buffer.alloc(72, 0xaa), utf16("Domain"), utf16("User"), utf16("COMPUTER"), Buffer.alloc(0)];
  const head = Buffer.alloc(88);
  head.write("NTLMSSP\0", 0, "latin1");
  head.writeUInt32LE(3, 8);
  let off = 88;
  payload.forEach((p, i) => {
    head.writeUInt16LE(p.length, 12 + i * 8);
    head.writeUInt16LE(p.length, 14 + i * 8);
    head.writeUInt32LE(off, 16 + i * 8);
    off += p.length;
  });
  head.writeUInt32LE(0xe2888215, 60);
  Buffer.from([6, 0, 0x70, 0x17, 0, 0, 0, 15]).copy(head, 64);
  return Buffer.concat([head, ...payload]).toString("base64");
}

test("an NTLM type 3 message shows domain, user, workstation and NTLMv2", async () => {
  const { page, errors, context } = await openApp(app.browser, app.srv.url);
  await paste(page, `Authorization: NTLM ${ntlmType3()}`);
  const text = await page.locator(".report").innerText();
  assert.match(text, /AUTHENTICATE/);
  assert.match(text, /Domain\s+Domain/);
  assert.match(text, /User\s+User/);
  assert.match(text, /Workstation\s+COMPUTER/);
  assert.match(text, /Response\s+NTLMv2/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a Basic value with an invisible character says what and where", async () => {
  const { page, errors, context } = await openApp(app.browser, app.srv.url);
  const encoded = Buffer.from("alice:se\u200Bcret", "utf8").toString("base64");
  await paste(page, `Basic ${encoded}`);
  const text = await page.locator(".report").innerText();
  assert.match(text, /Invisible characters in the password/);
  assert.match(text, /ZERO WIDTH SPACE \(U\+200B\) at position 3/);
  assert.deepEqual(errors, []);
  await context.close();
});
