// End-to-end: challenges and whole exchanges (issue: explain WWW-Authenticate challenges).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { useApp, openApp, paste } from "./harness.mjs";

const app = useApp();
let api, apiUrl;

before(async () => {
  // A cross-origin API on another port: metadata with CORS, and one path without.
  api = createServer((req, res) => {
    if (req.url === "/.well-known/oauth-protected-resource") {
      res.writeHead(200, { "content-type": "application/json", "access-control-allow-origin": "*" });
      res.end(JSON.stringify({ resource: apiUrl, authorization_servers: ["https://login.example.test"], scopes_supported: ["orders:read", "orders:write"] }));
    } else {
      res.writeHead(200, { "content-type": "application/json" });
      res.end("{}");
    }
  });
  await new Promise((ok) => api.listen(0, "127.0.0.1", ok));
  apiUrl = `http://127.0.0.1:${api.address().port}`;
});

after(async () => {
  api?.close();
});

test("a multi-challenge header shows each challenge with its parameters", async () => {
  const { page, errors, context } = await openApp(app.browser, app.srv.url);
  await paste(page, 'WWW-Authenticate: Basic realm="simple", Newauth realm="apps", type=1, title="Login to \\"apps\\""\nWWW-Authenticate: Negotiate');
  const text = await page.locator(".report").innerText();
  assert.match(text, /3 challenges: the server accepts any one of Basic, Newauth, Negotiate/);
  assert.match(text, /Challenge 2: Newauth/);
  assert.match(text, /title\s+Login to "apps"/);
  assert.match(text, /Challenge 3: Negotiate/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a malformed challenge is recovered and the deviation named", async () => {
  const { page, context } = await openApp(app.browser, app.srv.url);
  await paste(page, "WWW-Authenticate: Basic realm=Secure Area");
  const text = await page.locator(".report").innerText();
  assert.match(text, /A parameter value with spaces is not quoted/);
  assert.match(text, /realm\s+Secure Area/);
  await context.close();
});

test("a Bearer insufficient_scope exchange lists the missing scope", async () => {
  const { page, errors, context } = await openApp(app.browser, app.srv.url);
  const enc = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");
  const token = `${enc({ alg: "RS256", typ: "at+jwt" })}.${enc({ sub: "u1", aud: "https://api.example.test", scope: "orders:read", exp: 4102444800 })}.c2ln`;
  await paste(
    page,
    `GET /orders HTTP/1.1\nHost: api.example.test\nAuthorization: Bearer ${token}\n\nHTTP/1.1 403 Forbidden\nWWW-Authenticate: Bearer realm="api", error="insufficient_scope", scope="orders:write"\n`,
  );
  const findings = await page.locator(".report > [data-testid=findings]").innerText();
  assert.match(findings, /The token lacks a required scope/);
  assert.match(findings, /Missing: orders:write/);
  assert.match(findings, /insufficient_scope \(goes with HTTP 403\)/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("a curl -v dump of a 401 gives the diagnosis first and a corrected curl command", async () => {
  const { page, errors, context } = await openApp(app.browser, app.srv.url);
  await paste(
    page,
    '*   Trying 93.184.215.14:443...\n> GET /v1/me HTTP/1.1\n> Host: api.example.com\n> User-Agent: curl/8.5.0\n> Authorization: Basic YWxpY2U6c2VjcmV0Cg==\n>\n< HTTP/1.1 401 Unauthorized\n< WWW-Authenticate: Bearer realm="api"\n< Content-Type: application/json\n<\n{"error":"invalid_client"}',
  );
  const first = await page.locator(".finding").first().innerText();
  assert.match(first, /Scheme mismatch: the client sent Basic, the server offers Bearer/);
  const text = await page.locator(".report").innerText();
  assert.match(text, /The response body says: invalid_client/);
  assert.match(text, /curl -i 'https:\/\/api\.example\.com\/v1\/me'/);
  assert.deepEqual(errors, []);
  await context.close();
});

test("resource_metadata is fetched only on request, cross-origin, and explained", async () => {
  const { page, errors, requests, context } = await openApp(app.browser, app.srv.url);
  await paste(page, `WWW-Authenticate: Bearer resource_metadata="${apiUrl}/.well-known/oauth-protected-resource"`);
  assert.ok(!requests.some((u) => u.startsWith(apiUrl)), "nothing fetched before the click");
  await page.getByRole("button", { name: "Fetch the resource metadata" }).click();
  await page.waitForSelector("text=Get a token from https://login.example.test");
  assert.ok(requests.some((u) => u.startsWith(apiUrl)));
  assert.deepEqual(errors, []);
  await context.close();
});

test("a metadata URL blocked by CORS is explained, not just 'failed'", async () => {
  const { page, context } = await openApp(app.browser, app.srv.url);
  await paste(page, `WWW-Authenticate: Bearer resource_metadata="${apiUrl}/no-cors-here"`);
  await page.getByRole("button", { name: "Fetch the resource metadata" }).click();
  await page.waitForSelector("text=Could not fetch the resource metadata");
  const text = await page.locator(".ask").innerText();
  assert.match(text, /Access-Control-Allow-Origin/);
  await context.close();
});
