// End-to-end: pasted text is shown as text, never run. HTML and script payloads go into every
// field the page renders from a paste; none may execute, no CSP violation may be reported, and
// nothing may be requested from another origin.
import { test } from "node:test";
import assert from "node:assert/strict";
import { useApp, openApp, paste } from "./harness.mjs";

const app = useApp();
const PAYLOADS = [
  `<img src=x onerror="window.__pwned=1">`,
  `<script>window.__pwned=1</script>`,
  `"><svg onload="window.__pwned=1">`,
  `javascript:window.__pwned=1`,
];
const b64url = (s) => Buffer.from(s).toString("base64url");

/** Inputs that carry `p` into claims, realms, bodies, header and cookie names, kids and URLs. */
function inputs(p) {
  const jwt = `${b64url(JSON.stringify({ alg: "RS256", kid: p, typ: p }))}.${b64url(JSON.stringify({ sub: p, iss: `https://${p}`, aud: p, exp: 1 }))}.c2ln`;
  return [
    `Authorization: Bearer ${jwt}`,
    `WWW-Authenticate: Basic realm="${p}", Bearer error="invalid_token", error_description="${p}", scope="${p}"`,
    `GET /${p} HTTP/1.1\nHost: api.test\nX-${p.replace(/[^A-Za-z]/g, "")}: ${p}\nCookie: ${p}=1\n\nHTTP/1.1 401 Unauthorized\nContent-Type: text/html\nSet-Cookie: sid=${p}; Path=/\nWWW-Authenticate: Bearer realm="${p}"\n\n<html><form><input type="password"></form>${p}</html>`,
    `curl -H 'Authorization: Basic ${Buffer.from(`${p}:${p}`).toString("base64")}' 'https://api.test/${encodeURIComponent(p)}'`,
    `HTTP/1.1 403 Forbidden\nContent-Type: application/json\n\n{"error":"${p.replace(/"/g, "'")}","message":"${p.replace(/"/g, "'")}"}`,
  ];
}

test("payloads in every rendered field are shown as text and never run", async () => {
  const { page, errors, requests, context } = await openApp(app.browser, app.srv.url);
  await page.evaluate(() => {
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(e.violatedDirective));
  });
  for (const p of PAYLOADS) {
    for (const input of inputs(p)) {
      await paste(page, input);
      // Open folded parts and reveal masked secrets, so every field is in the DOM as text.
      const reveal = page.getByRole("button", { name: "Reveal secrets" });
      if (await reveal.count()) await reveal.first().click();
    }
  }
  assert.equal(await page.evaluate(() => window.__pwned), undefined, "a payload ran");
  assert.deepEqual(await page.evaluate(() => window.__violations), []);
  assert.equal(await page.locator(".report script, .report svg[onload], .report img[onerror]").count(), 0);
  const foreign = requests.filter((u) => !u.startsWith(app.srv.origin) && !u.startsWith("data:"));
  assert.deepEqual(foreign, [], "nothing requested off-origin while decoding");
  assert.deepEqual(errors, []);
  await context.close();
});

test("a dropped file's name is shown as text", async () => {
  const { page, errors, context } = await openApp(app.browser, app.srv.url);
  const dt = await page.evaluateHandle(() => {
    const d = new DataTransfer();
    d.items.add(new File(["WWW-Authenticate: Basic realm=\"x\""], `<img src=x onerror="window.__pwned=1">.txt`, { type: "text/plain" }));
    return d;
  });
  await page.dispatchEvent("section.paste", "drop", { dataTransfer: dt });
  await page.waitForFunction(() => document.querySelector("textarea#input").value.includes("realm"));
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  assert.deepEqual(errors, []);
  await context.close();
});
