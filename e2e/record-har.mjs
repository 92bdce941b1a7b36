// Records tests/har/recorded-chromium.har: headless Chromium (playwright's recordHar) on a page
// at one 127.0.0.1 port calling an API on another, covering a failed preflight, a readable 401,
// a 401 hidden by missing CORS headers, a redirect that leaves the cookie behind, and a success.
// Run: node record-har.mjs (only loopback is contacted).
import { createServer } from "node:http";
import { writeFile, readFile, rm } from "node:fs/promises";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { launch } from "./tests/harness.mjs";

const OUT = join(dirname(fileURLToPath(import.meta.url)), "..", "tests", "har", "recorded-chromium.har");
// A fake, expired token of the real shape (exp 2023-11-14).
const JWT =
  "eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6ImsxIn0.eyJpc3MiOiJodHRwczovL2xvZ2luLmV4YW1wbGUudGVzdC8iLCJzdWIiOiJhbGljZSIsImF1ZCI6Imh0dHBzOi8vYXBpLmV4YW1wbGUudGVzdCIsImV4cCI6MTcwMDAwMDAwMCwiaWF0IjoxNjk5OTk2NDAwLCJzY29wZSI6Im9yZGVyczpyZWFkIn0.c2lnbmF0dXJlLW5vdC1yZWFs";

function listen(handler) {
  const s = createServer(handler);
  return new Promise((ok) => s.listen(0, "127.0.0.1", () => ok(s)));
}

const api = await listen((req, res) => {
  const origin = req.headers.origin || "*";
  const cors = { "access-control-allow-origin": origin, "access-control-allow-credentials": "true" };
  const url = new URL(req.url, "http://x");
  if (req.method === "OPTIONS") {
    // Authentication before CORS: the preflight itself gets 401.
    res.writeHead(401, { "www-authenticate": 'Bearer realm="api"' }).end();
  } else if (url.pathname === "/open-401") {
    res.writeHead(401, { ...cors, "www-authenticate": 'Bearer error="invalid_token", error_description="The access token expired"', "content-type": "application/json" });
    res.end('{"error":"invalid_token"}');
  } else if (url.pathname === "/nocors") {
    res.writeHead(401, { "www-authenticate": 'Bearer realm="api"' }).end("no");
  } else if (url.pathname === "/after-redirect") {
    res.writeHead(401, { ...cors, "www-authenticate": 'Bearer realm="api"' }).end();
  } else {
    res.writeHead(404, cors).end();
  }
});
const apiOrigin = `http://127.0.0.1:${api.address().port}`;

const app = await listen((req, res) => {
  const url = new URL(req.url, "http://x");
  if (url.pathname === "/") {
    res.writeHead(200, { "content-type": "text/html" });
    res.end(`<!doctype html><title>app</title><script>
      document.cookie = "sid=fake-session-123; path=/";
      (async () => {
        const go = (u, o) => fetch(u, o).catch(() => null);
        await go("${apiOrigin}/me", { headers: { authorization: "Bearer ${JWT}" } });
        await go("${apiOrigin}/open-401");
        await go("${apiOrigin}/nocors");
        await go("/old", { credentials: "include" });
        await go("/ok");
        document.title = "done";
      })();
    </script>`);
  } else if (url.pathname === "/old") {
    res.writeHead(302, { location: `${apiOrigin}/after-redirect` }).end();
  } else if (url.pathname === "/ok") {
    res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}');
  } else {
    res.writeHead(404).end();
  }
});
const appUrl = `http://127.0.0.1:${app.address().port}/`;

const browser = await launch();
const context = await browser.newContext({ recordHar: { path: OUT, content: "embed" } });
const page = await context.newPage();
await page.goto(appUrl);
await page.waitForFunction(() => document.title === "done");
await context.close();
await browser.close();
api.close();
app.close();
// Ports differ on every run; name them so the file is stable.
let text = await readFile(OUT, "utf8");
text = text.replaceAll(apiOrigin, "http://127.0.0.1:9002").replaceAll(appUrl.slice(0, -1), "http://127.0.0.1:9001");
await writeFile(OUT, text);
console.log(`wrote ${OUT}`);
