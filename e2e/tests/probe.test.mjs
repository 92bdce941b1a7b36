// End-to-end: the probe against the Rust probe-server (one route per failure mode) on another
// port of 127.0.0.1, so every call is cross-origin, as from a real browser app.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { useApp, openApp, paste } from "./harness.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const app = useApp();
let server, base, closedPort;

async function freePort() {
  const s = createServer();
  await new Promise((ok) => s.listen(0, "127.0.0.1", ok));
  const { port } = s.address();
  await new Promise((ok) => s.close(ok));
  return port;
}

before(async () => {
  server = spawn(join(ROOT, "target", "debug", "probe-server"), ["--port", "0"], { stdio: ["ignore", "pipe", "inherit"] });
  base = await new Promise((ok, fail) => {
    let out = "";
    server.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)\//);
      if (m) ok(m[1]);
    });
    server.on("exit", (c) => fail(new Error(`probe-server exited ${c}`)));
  });
  closedPort = await freePort();
});

after(async () => {
  server?.kill();
});

/** Opens the probe, fills it, runs it, and returns the result text. */
async function probe(page, { url, method = "GET", headers = "", credentials = "same-origin" }) {
  if (!(await page.locator("#probe").evaluate((d) => d.open))) await page.click("summary:has-text('Probe an endpoint')");
  await page.fill("#probe-url", url);
  await page.fill("#probe-method", method);
  await page.fill("#probe-headers", headers);
  await page.selectOption("#probe-credentials", credentials);
  await page.click("#probe-button");
  await page.waitForSelector("[data-testid=probe-result] .verdict", { timeout: 20000 });
  return page.locator("[data-testid=probe-result]").innerText();
}

const GOOD = "Authorization: Bearer good-token";
const BAD = "Authorization: Bearer expired-token";

const CASES = [
  { name: "server down", req: () => ({ url: `http://127.0.0.1:${closedPort}/x` }), cause: /The server is unreachable from this browser/ },
  { name: "no CORS headers", req: () => ({ url: `${base}/no-cors`, headers: GOOD }), cause: /no Access-Control-Allow-Origin for this page/ },
  { name: "CORS only on success", req: () => ({ url: `${base}/errors-without-cors`, headers: GOOD }), cause: /CORS headers are missing on error responses/ },
  { name: "preflight answered with 401", req: () => ({ url: `${base}/preflight-auth`, headers: GOOD }), cause: /The preflight \(OPTIONS\) is rejected/ },
  { name: "method not allowed", req: () => ({ url: `${base}/no-method`, method: "PUT", headers: GOOD }), cause: /The method is not allowed by the preflight answer/ },
  { name: "Authorization not allowed", req: () => ({ url: `${base}/no-auth-header`, headers: GOOD }), cause: /The Authorization header is not allowed/ },
  { name: "challenge not exposed", req: () => ({ url: `${base}/hidden-challenge`, headers: BAD }), cause: /WWW-Authenticate is hidden from scripts/ },
  { name: "auth really fails", req: () => ({ url: `${base}/ok`, headers: BAD }), cause: /Authentication really fails/ },
  { name: "wildcard origin with cookies", req: () => ({ url: `${base}/wildcard`, headers: "", credentials: "include" }), cause: /Cookies are refused/ },
  { name: "cross-origin redirect", req: () => ({ url: `${base}/redirect`, headers: GOOD }), cause: /A redirect moved the request/ },
  { name: "correct configuration", req: () => ({ url: `${base}/ok`, headers: GOOD }), cause: /The request works from the browser/ },
];

for (const c of CASES) {
  test(`probe names the cause: ${c.name}`, async () => {
    const { page, context } = await openApp(app.browser, app.srv.url);
    const text = await probe(page, c.req());
    const verdict = await page.locator("[data-testid=probe-result] .verdict").innerText();
    assert.match(verdict, c.cause, text);
    assert.match(text, /Evidence: what each probe saw/);
    assert.match(text, /Where it broke/);
    await context.close();
  });
}

test("the verdict comes with filled-in server fixes and the curl that shows what the browser hid", async () => {
  const { page, context } = await openApp(app.browser, app.srv.url);
  await probe(page, { url: `${base}/preflight-auth`, headers: GOOD });
  await page.click("summary:has-text('Fix for nginx')");
  const text = await page.locator("[data-testid=probe-result]").innerText();
  assert.match(text, /Fix for ASP\.NET Core/);
  assert.match(text, new RegExp(`Access-Control-Allow-Origin "${app.srv.origin.replace(/[.]/g, "\\.")}" always`));
  assert.match(text, /curl -i -X OPTIONS/);
  await context.close();
});

test("a 401 that really fails shows the challenge analysis", async () => {
  const { page, context } = await openApp(app.browser, app.srv.url);
  const text = await probe(page, { url: `${base}/ok`, headers: BAD });
  assert.match(text, /invalid_token/);
  assert.match(text, /www-authenticate/i);
  await context.close();
});

test("the redirect verdict says the Authorization header was dropped", async () => {
  const { page, context } = await openApp(app.browser, app.srv.url);
  const text = await probe(page, { url: `${base}/redirect`, headers: GOOD });
  assert.match(text, /removed the Authorization header/);
  await context.close();
});

test("'probe this' from a pasted curl command fills the form, and nothing is sent before Probe", async () => {
  const { page, requests, context } = await openApp(app.browser, app.srv.url);
  await paste(page, `curl '${base}/ok' -H 'Authorization: Bearer good-token'`);
  await page.click("#probe-this");
  assert.equal(await page.inputValue("#probe-url"), `${base}/ok`);
  assert.match(await page.inputValue("#probe-headers"), /Authorization: Bearer good-token/);
  assert.ok(!requests.some((u) => u.startsWith(base)), "no request before pressing Probe");
  await page.click("#probe-button");
  await page.waitForSelector("[data-testid=probe-result] .verdict");
  assert.match(await page.locator("[data-testid=probe-result] .verdict").innerText(), /works from the browser/);
  await context.close();
});

test("sending a credential to another host than it was pasted for is warned about first", async () => {
  const { page, context } = await openApp(app.browser, app.srv.url);
  await paste(page, "GET /me HTTP/1.1\nHost: api.example.test\nAuthorization: Bearer secret-token\n");
  await page.click("#probe-this");
  await page.fill("#probe-url", `${base}/ok`);
  await page.waitForTimeout(200);
  assert.match(await page.locator("#probe").innerText(), /The credential was pasted for api\.example\.test, not 127\.0\.0\.1/);
  assert.equal(await page.locator("#probe-button").innerText(), "Send anyway");
  await context.close();
});

test("a slow probe shows progress and can be cancelled", async () => {
  const { page, context } = await openApp(app.browser, app.srv.url);
  await page.click("summary:has-text('Probe an endpoint')");
  await page.fill("#probe-url", `${base}/slow`);
  await page.click("#probe-button");
  await page.waitForSelector("text=Probing…");
  assert.ok(await page.locator("#probe-button").isDisabled());
  await page.click("#probe-cancel");
  await page.waitForSelector("text=Cancelled.");
  assert.equal(await page.locator("[data-testid=probe-result]").count(), 0);
  await context.close();
});
