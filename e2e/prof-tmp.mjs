import { serveDist, launch, fingerprint } from "/work/wt-worker/e2e/tests/harness.mjs";
import { bigHar } from "/work/wt-worker/e2e/tests/big-har.mjs";
const mode = process.argv[2] || "paste";
const srv = await serveDist();
const browser = await launch();
const context = await browser.newContext();
const page = await context.newPage();
await page.goto(srv.url);
await page.waitForSelector("textarea#input");
const text = mode === "har" ? bigHar(50 << 20) : ("> GET / HTTP/1.1\n> Host: a.example\n> Authorization: Basic YWxpY2U6c2VjcmV0Cg==\n>\n< HTTP/1.1 401 Unauthorized\n<\n" + '{"error":"invalid_client"}\n'.repeat(400000));
await page.evaluate((t) => { window.__text = t; window.__file = new File([t], "x.har"); }, text);
const cdp = await context.newCDPSession(page);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 200 });
await cdp.send("Profiler.start");
await page.evaluate(({ fp, mode }) => new Promise((res) => {
  const obs = new MutationObserver(() => { if (document.querySelector(`section.report[data-analysed="${fp}"]`)) { obs.disconnect(); setTimeout(res, 100); } });
  obs.observe(document.body, { attributes: true, subtree: true });
  if (mode === "har") { const dt = new DataTransfer(); dt.items.add(window.__file); document.querySelector("section.paste").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true })); }
  else { const ta = document.querySelector("textarea#input"); ta.value = window.__text; ta.dispatchEvent(new Event("input", { bubbles: true })); }
}), { fp: fingerprint(text), mode });
const { profile } = await cdp.send("Profiler.stop");
// self time per function
const self = new Map();
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const dt = profile.timeDeltas; 
profile.samples.forEach((id, i) => { const n = byId.get(id); const k = n.callFrame.functionName + " " + n.callFrame.url.split("/").pop() + ":" + n.callFrame.lineNumber; self.set(k, (self.get(k) || 0) + (dt[i] || 0) / 1000); });
[...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 25).forEach(([k, v]) => console.log(v.toFixed(1).padStart(8), k));
await browser.close(); srv.server.close();
