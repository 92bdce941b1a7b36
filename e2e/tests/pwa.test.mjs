// End-to-end: offline use, installability, update notice, share links and Markdown.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { useApp, openApp, paste, analysed, serveDist } from "./harness.mjs";

const app = useApp();

const enc = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");
const SIG = "kdtHmE7_Cg5Vp_kuDoGp6XnWIfOxeaopNXumatFfDQg";
const JWT = `${enc({ alg: "HS256", typ: "JWT" })}.${enc({ sub: "u-42", aud: "https://api.example.com", exp: 1516242622 })}.${SIG}`;
// A curl -v exchange with an expired bearer JWT (RFC 6750 §3's error response).
const EXCHANGE = `> GET /v1/me HTTP/1.1\n> Host: api.example.com\n> Authorization: Bearer ${JWT}\n>\n< HTTP/1.1 401 Unauthorized\n< WWW-Authenticate: Bearer realm="example", error="invalid_token", error_description="The access token expired"\n<\n`;

/** Waits until a service worker controls the page (it claims the page once installed). */
async function controlled(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10000 });
}

async function ids(page) {
  const all = await page.locator(".report > [data-testid=findings] [data-id]").evaluateAll((els) => els.map((e) => e.dataset.id));
  return [...new Set(all)].sort();
}

test("the manifest installs from the sub-path with icons made in the repository", async () => {
  const { page, errors, context } = await openApp(app.browser, app.srv.url);
  const href = await page.evaluate(() => document.querySelector("link[rel=manifest]").href);
  assert.equal(href, `${app.srv.url}manifest.webmanifest`);
  const manifest = await (await fetch(href)).json();
  assert.equal(manifest.start_url, "./");
  assert.equal(manifest.scope, "./");
  assert.equal(manifest.display, "standalone");
  assert.ok(manifest.name && manifest.short_name);
  const sizes = manifest.icons.map((i) => i.sizes);
  assert.ok(sizes.includes("192x192") && sizes.includes("512x512"));
  for (const icon of manifest.icons) {
    const res = await fetch(new URL(icon.src, href));
    assert.equal(res.status, 200, icon.src);
    assert.equal(res.headers.get("content-type"), icon.type);
  }
  await controlled(page);
  assert.deepEqual(errors, [], "no CSP or manifest errors");
  await context.close();
});

test("after one visit a reload works with the network off, and nothing pasted is cached", async () => {
  const srv = await serveDist();
  const browser = app.browser;
  const { page, errors, context } = await openApp(browser, srv.url);
  await controlled(page);
  // Network off: the server is gone and the browser is offline.
  srv.server.closeAllConnections();
  await new Promise((ok) => srv.server.close(ok));
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector("textarea#input");
  await paste(page, EXCHANGE);
  assert.ok((await ids(page)).includes("exchange.expired_undated"));
  const cached = await page.evaluate(async () => {
    const out = [];
    for (const name of await caches.keys()) {
      for (const req of await (await caches.open(name)).keys()) out.push(req.url);
    }
    return out;
  });
  assert.ok(cached.some((u) => u.endsWith(".wasm")));
  assert.ok(cached.every((u) => u.startsWith(srv.url) && !u.includes("#") && !u.includes("?")), cached.join("\n"));
  const stored = await page.evaluate(() => localStorage.length + sessionStorage.length);
  assert.equal(stored, 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test("requests to other origins (probes, JWKS, discovery) are not answered by the service worker", async () => {
  let hits = 0;
  const other = createServer((req, res) => {
    hits += 1;
    res.writeHead(200, { "access-control-allow-origin": "*", "content-type": "application/json" });
    res.end(JSON.stringify({ keys: [], hit: hits }));
  });
  await new Promise((ok) => other.listen(0, "127.0.0.1", ok));
  const url = `http://127.0.0.1:${other.address().port}/.well-known/jwks.json`;
  const { page, context } = await openApp(app.browser, app.srv.url);
  await controlled(page);
  const fromSw = [];
  page.on("response", (r) => {
    if (r.url() === url) fromSw.push(r.fromServiceWorker());
  });
  const a = await page.evaluate((u) => fetch(u).then((r) => r.json()), url);
  const b = await page.evaluate((u) => fetch(u).then((r) => r.json()), url);
  assert.deepEqual([a.hit, b.hit], [1, 2], "each fetch reached the server");
  assert.deepEqual(fromSw, [false, false]);
  await context.setOffline(true);
  const offline = await page.evaluate((u) => fetch(u).then(() => "answered", () => "failed"), url);
  assert.equal(offline, "failed", "nothing from another origin is served from the cache");
  other.close();
  await context.close();
});

test("a new version is announced quietly and taken on request", async () => {
  let version = "";
  const srv = await serveDist({
    transform: (rel, body) => (rel === "sw.js" && version ? Buffer.from(body.toString().replace(/const VERSION = "([^"]+)"/, `const VERSION = "$1${version}"`)) : body),
  });
  const { page, errors, context } = await openApp(app.browser, srv.url);
  await controlled(page);
  assert.equal(await page.locator("[data-testid=update-notice]").count(), 0);
  version = "-next";
  await page.reload();
  const notice = page.locator("[data-testid=update-notice]");
  await notice.waitFor({ timeout: 15000 });
  assert.equal(await notice.getAttribute("role"), "status");
  await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Reload to update" }).click()]);
  await page.waitForSelector("textarea#input");
  const keys = await page.evaluate(() => caches.keys());
  assert.ok(keys.some((k) => k.endsWith("-next")), keys.join());
  assert.ok(!keys.some((k) => !k.endsWith("-next")), "the old version's cache is gone");
  assert.equal(await page.locator("[data-testid=update-notice]").count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
  srv.server.close();
});

test("a share link carries the redacted input in the fragment and opens the same analysis elsewhere", async () => {
  const { page, errors, context } = await openApp(app.browser, app.srv.url);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.srv.origin });
  await paste(page, EXCHANGE);
  const before = await ids(page);
  assert.ok(before.includes("exchange.expired_undated"));
  assert.match(await page.textContent("[data-testid=share-what]"), /JWT signatures/);
  await page.getByRole("button", { name: "Copy share link" }).click();
  await page.waitForSelector(".share-status:has-text('copied')");
  const link = await page.evaluate(() => navigator.clipboard.readText());
  assert.equal(await page.inputValue("#share-link"), link);
  const url = new URL(link);
  assert.equal(url.search, "", "nothing in the query");
  assert.equal(url.origin + url.pathname, app.srv.url);
  assert.match(url.hash, /^#share=1&/);
  const text = Buffer.from(new URLSearchParams(url.hash.slice(1)).get("text"), "base64url").toString();
  for (const where of [link, decodeURIComponent(link), text]) assert.ok(!where.includes(SIG), "the signature is not in the link");
  assert.ok(text.includes(JWT.slice(0, JWT.lastIndexOf("."))), "header and claims are kept");

  // A fresh browser context: no cache, no service worker, nothing shared with the first.
  const fresh = await openApp(app.browser, link);
  await analysed(fresh.page);
  assert.equal(await fresh.page.inputValue("textarea#input"), text);
  assert.deepEqual(await ids(fresh.page), before);
  assert.match(await fresh.page.textContent("[data-testid=opened-notice]"), /Redacted before sharing: JWT signatures/);
  assert.ok(!fresh.requests.some((u) => u.includes("share=")), "the fragment never reaches a request");
  assert.deepEqual(fresh.errors, []);
  await fresh.context.close();

  // Secrets are included only when asked for, and then the link says so.
  await page.getByLabel(/Include the secrets/).check();
  assert.match(await page.textContent("[data-testid=share-what]"), /include the secrets/);
  await page.getByRole("button", { name: "Copy share link" }).click();
  await page.waitForSelector(".share-status:has-text('includes the secrets')");
  const withSecrets = await page.evaluate(() => navigator.clipboard.readText());
  const full = Buffer.from(new URLSearchParams(new URL(withSecrets).hash.slice(1)).get("text"), "base64url").toString();
  assert.ok(full.includes(SIG));
  assert.deepEqual(errors, []);
  await context.close();
});

test("copy as Markdown gives the summary and findings as text, secrets redacted", async () => {
  const { page, context } = await openApp(app.browser, app.srv.url);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.srv.origin });
  await paste(page, "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  const found = await ids(page);
  await page.getByRole("button", { name: "Copy as Markdown" }).click();
  await page.waitForSelector(".share-status:has-text('Markdown copied')");
  const md = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(md, /^### authlens: /);
  for (const id of found) assert.ok(md.includes(`(\`${id}\`)`), id);
  assert.ok(!md.includes("open sesame") && !md.includes("QWxhZGRpbjpvcGVuIHNlc2FtZQ"), md);
  assert.match(md, /Redacted before sharing: Basic passwords masked/);
  await context.close();
});

test("a broken share link says why and leaves the page usable", async () => {
  const { page, errors, context } = await openApp(app.browser, `${app.srv.url}#share=1&kind=nope&redacted=[]&text=YQ`);
  assert.match(await page.textContent("[data-testid=opened-notice]"), /could not be read: unknown input kind/);
  await paste(page, "Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
  assert.deepEqual(errors, []);
  await context.close();
});

