// End-to-end accessibility: axe-core (from npm) on every state of the page in light and dark
// themes, a keyboard-only path, visible focus, polite announcements, badge contrast, and layout
// at 360 px and at 200% zoom.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { createServer } from "node:net";
import { useApp, openApp, paste, analysed } from "./harness.mjs";

const app = useApp();
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
let closedPort;

before(async () => {
  const s = createServer();
  await new Promise((ok) => s.listen(0, "127.0.0.1", ok));
  closedPort = s.address().port;
  await new Promise((ok) => s.close(ok));
});

const JWT =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyLCJleHAiOjE1MTYyNDI2MjJ9.kdtHmE7_Cg5Vp_kuDoGp6XnWIfOxeaopNXumatFfDQg";

/** Serious and critical axe violations on the page, one line each. The script is evaluated
 * through the DevTools protocol, so the page's CSP stays as it is. */
async function violations(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => axe.run(document, { resultTypes: ["violations"] }));
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(" ")} — ${n.failureSummary.split("\n").slice(1).join(" ")}`));
}

async function openProbe(page) {
  if (!(await page.locator("#probe").evaluate((d) => d.open))) await page.click("summary:has-text('Probe an endpoint')");
  await page.waitForSelector("#probe-url");
}

const STATES = {
  "the empty page": async () => {},
  "a decoded JWT": async (page) => paste(page, JWT),
  "an exchange diagnosis": async (page) => {
    await page.getByRole("button", { name: "curl -v 401" }).click();
    await analysed(page);
  },
  "the open probe form": async (page) => openProbe(page),
  "a probe result": async (page) => {
    await openProbe(page);
    await page.fill("#probe-url", `http://127.0.0.1:${closedPort}/x`);
    await page.click("#probe-button");
    await page.waitForSelector("[data-testid=probe-result] .verdict", { timeout: 20000 });
  },
};

for (const colorScheme of ["light", "dark"]) {
  for (const [name, reach] of Object.entries(STATES)) {
    test(`axe: no serious or critical violations on ${name} (${colorScheme})`, async () => {
      const { page, context } = await openApp(app.browser, app.srv.url, { colorScheme });
      await reach(page);
      assert.deepEqual(await violations(page), []);
      await context.close();
    });
  }
}

/** Presses Tab until the focused element matches `accept`, failing after `max` presses. */
async function tabTo(page, accept, max = 60) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const el = await page.evaluate(() => {
      const a = document.activeElement;
      const style = getComputedStyle(a);
      return { id: a.id, tag: a.tagName, text: (a.innerText || "").trim(), outline: style.outlineStyle, width: style.outlineWidth };
    });
    assert.equal(el.outline, "solid", `focus is visible on ${el.tag}#${el.id} "${el.text}"`);
    if (accept(el)) return el;
  }
  throw new Error("not reached by keyboard");
}

test("keyboard only: paste, findings, reveal and copy, probe, result", async () => {
  const { page, context } = await openApp(app.browser, app.srv.url);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: app.srv.origin });
  await tabTo(page, (e) => e.id === "input");
  await page.keyboard.insertText("> GET /v1/me HTTP/1.1\n> Host: 127.0.0.1:" + closedPort + "\n> Authorization: Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==\n>\n< HTTP/1.1 401 Unauthorized\n< WWW-Authenticate: Bearer realm=\"api\"\n<\n");
  await analysed(page);
  assert.ok((await page.locator(".report [data-id]").count()) > 0, "findings are shown");
  await tabTo(page, (e) => e.text === "Reveal secrets");
  await page.keyboard.press("Enter");
  await page.waitForSelector(".report :text('open sesame')");
  await tabTo(page, (e) => e.tag === "BUTTON" && e.text === "Copy");
  await page.keyboard.press("Enter");
  await page.waitForSelector("text=Copied");
  await tabTo(page, (e) => e.tag === "SUMMARY" && /Probe an endpoint/.test(e.text));
  if (!(await page.locator("#probe").evaluate((d) => d.open))) await page.keyboard.press("Enter");
  // The form is built when the section first opens: wait for it before tabbing into it.
  await page.waitForSelector("#probe-url");
  await tabTo(page, (e) => e.id === "probe-url");
  await page.keyboard.press("ControlOrMeta+a");
  await page.keyboard.insertText(`http://127.0.0.1:${closedPort}/x`);
  await tabTo(page, (e) => e.id === "probe-button");
  await page.keyboard.press("Enter");
  await page.waitForSelector("[data-testid=probe-result] .verdict", { timeout: 20000 });
  await context.close();
});

test("findings are announced politely through the summary, not all at once", async () => {
  const { page, context } = await openApp(app.browser, app.srv.url);
  await paste(page, JWT);
  assert.equal(await page.getAttribute(".report h2.summary", "aria-live"), "polite");
  const liveLists = await page.locator(".report [data-testid=findings][aria-live], .report [data-testid=findings] [aria-live]").count();
  assert.equal(liveLists, 0, "the list itself is not a live region");
  await context.close();
});

/** WCAG contrast ratio of two rgb() colours. */
function contrast(a, b) {
  const lum = (c) => {
    const [r, g, bl] = c.match(/\d+(\.\d+)?/g).slice(0, 3).map((v) => {
      const s = Number(v) / 255;
      return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r + 0.7152 * g + 0.0722 * bl;
  };
  const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

for (const colorScheme of ["light", "dark"]) {
  test(`severity badges have at least 4.5:1 contrast (${colorScheme})`, async () => {
    const { page, context } = await openApp(app.browser, app.srv.url, { colorScheme });
    // Reports that between them hold every severity: errors, warnings, info and passed checks.
    const badges = [];
    const enc = (o) => Buffer.from(JSON.stringify(o)).toString("base64url");
    const fresh = `${enc({ alg: "HS256", typ: "JWT" })}.${enc({ sub: "u-42", exp: Math.floor(Date.now() / 1000) + 3600 })}.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dQ`;
    for (const input of [JWT, fresh, "Authorization: Bearer ghp_16C7e42F292c6912E7710c838347Ae178B4a"]) {
      await paste(page, input);
      badges.push(
        ...(await page.locator(".report .finding .badge").evaluateAll((els) =>
          els.map((e) => ({ sev: e.textContent, fg: getComputedStyle(e).color, bg: getComputedStyle(e).backgroundColor })),
        )),
      );
    }
    const seen = new Set(badges.map((b) => b.sev));
    assert.equal(seen.size, 4, [...seen].join());
    for (const b of badges) assert.ok(contrast(b.fg, b.bg) >= 4.5, `${b.sev}: ${b.fg} on ${b.bg} is ${contrast(b.fg, b.bg).toFixed(2)}`);
    await context.close();
  });
}

for (const [name, options] of [
  ["360 px wide", { viewport: { width: 360, height: 740 } }],
  ["200% zoom", { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 }],
]) {
  test(`usable at ${name}: nothing wider than the screen with every panel open`, async () => {
    const { page, context } = await openApp(app.browser, app.srv.url, options);
    await paste(page, `curl https://api.example.com/v1/me -H 'Authorization: Bearer ${JWT}'`);
    await openProbe(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `page is ${overflow}px wider than the viewport`);
    const share = await page.getByRole("button", { name: "Copy share link" }).boundingBox();
    assert.ok(share && share.x + share.width <= options.viewport.width, "share controls fit");
    await context.close();
  });
}
