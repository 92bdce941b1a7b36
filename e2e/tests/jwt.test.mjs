// End-to-end: JWT signature verification through WebCrypto, with keys from a JWKS URL and
// from OIDC discovery served by this test on 127.0.0.1 (another port: cross-origin).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { generateKeyPairSync, sign as nodeSign } from "node:crypto";
import { useApp, openApp, paste, analysed } from "./harness.mjs";

const app = useApp();
let idp, issuer, kid, publicJwk, privateKey;
const b64url = (v) => Buffer.from(typeof v === "string" ? v : JSON.stringify(v)).toString("base64url");

function makeToken(claims, headerExtra = {}) {
  const input = `${b64url({ alg: "ES256", typ: "at+jwt", kid, ...headerExtra })}.${b64url(claims)}`;
  const sig = nodeSign("sha256", Buffer.from(input), { key: privateKey, dsaEncoding: "ieee-p1363" });
  return `${input}.${sig.toString("base64url")}`;
}

before(async () => {
  const pair = generateKeyPairSync("ec", { namedCurve: "P-256" });
  privateKey = pair.privateKey;
  kid = "test-key-1";
  publicJwk = { ...pair.publicKey.export({ format: "jwk" }), kid, alg: "ES256", use: "sig" };
  idp = createServer((req, res) => {
    const cors = { "access-control-allow-origin": "*", "content-type": "application/json" };
    if (req.url === "/.well-known/openid-configuration") {
      res.writeHead(200, cors).end(JSON.stringify({ issuer, jwks_uri: `${issuer}/keys` }));
    } else if (req.url === "/keys") {
      res.writeHead(200, cors).end(JSON.stringify({ keys: [{ kty: "RSA", kid: "old-key", n: "AQAB", e: "AQAB" }, publicJwk] }));
    } else if (req.url === "/keys-no-cors") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ keys: [publicJwk] }));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise((ok) => idp.listen(0, "127.0.0.1", ok));
  issuer = `http://127.0.0.1:${idp.address().port}`;
});

after(async () => {
  idp?.close();
});

async function verifyWith(page, key) {
  await page.fill("#verify-key", key);
  await page.click("#verify-button");
  await page.waitForSelector("[data-testid=verify-result] .finding");
  return page.locator("[data-testid=verify-result]").innerText();
}

test("a token verifies against a JWKS URL served cross-origin, picked by kid", async () => {
  const { page, errors, context } = await openApp(app.browser, app.srv.url);
  const token = makeToken({ iss: issuer, sub: "u1", aud: "https://api.test", exp: 4102444800, iat: 1700000000 });
  await paste(page, token);
  const text = await verifyWith(page, `${issuer}/keys`);
  assert.match(text, /Signature valid/);
  assert.match(text, /Using the key with kid "test-key-1"/);
  assert.match(text, /Fetched the key set/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a tampered token is reported invalid with the likely reasons", async () => {
  const { page, context } = await openApp(app.browser, app.srv.url);
  const token = makeToken({ iss: issuer, sub: "u1", exp: 4102444800 });
  const [h, p, s] = token.split(".");
  const forged = `${h}.${b64url({ iss: issuer, sub: "admin", exp: 4102444800 })}.${s}`;
  await paste(page, forged);
  const text = await verifyWith(page, JSON.stringify(publicJwk));
  assert.match(text, /Invalid ES256 signature/);
  await context.close();
});

test("OIDC discovery from iss finds the key set and verifies", async () => {
  const { page, errors, requests, context } = await openApp(app.browser, app.srv.url);
  const token = makeToken({ iss: issuer, sub: "u1", exp: 4102444800 });
  await paste(page, `Authorization: Bearer ${token}`);
  assert.ok(!requests.some((u) => u.startsWith(issuer)), "nothing fetched before the click");
  await page.click("#discover-button");
  await page.waitForSelector("[data-testid=verify-result] .finding");
  const text = await page.locator("[data-testid=verify-result]").innerText();
  assert.match(text, /Signature valid/);
  assert.match(text, /Found the keys by OIDC discovery/);
  assert.ok(requests.includes(`${issuer}/.well-known/openid-configuration`));
  assert.deepEqual(errors, []);
  await context.close();
});

test("a JWKS blocked by CORS is explained, with the header to add", async () => {
  const { page, context } = await openApp(app.browser, app.srv.url);
  await paste(page, makeToken({ iss: issuer, sub: "u1", exp: 4102444800 }));
  const text = await verifyWith(page, `${issuer}/keys-no-cors`);
  assert.match(text, /Could not fetch the key set \(JWKS\)/);
  assert.match(text, /Access-Control-Allow-Origin: http:\/\/127\.0\.0\.1:\d+/);
  await context.close();
});

test("jwt.io's sample token: public secret flagged, HS256 verifies, public key is algorithm confusion", async () => {
  const { page, context } = await openApp(app.browser, app.srv.url);
  await paste(page, "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c");
  assert.match(await page.locator(".report > [data-testid=findings]").innerText(), /Signed with a well-known secret: "your-256-bit-secret"/);
  assert.match(await verifyWith(page, "your-256-bit-secret"), /Valid HS256 signature/);
  assert.match(await verifyWith(page, JSON.stringify(publicJwk)), /algorithm confusion/);
  await context.close();
});

test("the token maker signs a token that then verifies with its public key", async () => {
  const { page, errors, context } = await openApp(app.browser, app.srv.url);
  await page.click("summary:has-text('Create a test token')");
  await page.selectOption("#maker-alg", "ES384");
  await page.click("#maker-sign");
  await page.waitForSelector("#made-token");
  const token = await page.inputValue("#made-token");
  const jwk = await page.inputValue("#made-jwk");
  assert.equal(token.split(".").length, 3);
  await page.getByRole("button", { name: "Analyse this token" }).click();
  await analysed(page);
  assert.match(await page.locator(".report").innerText(), /"sub": "test-user"/);
  assert.match(await verifyWith(page, jwk), /Valid ES384 signature/);
  assert.deepEqual(errors, []);
  await context.close();
});
