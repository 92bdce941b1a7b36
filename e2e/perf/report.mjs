// Performance report: one run in headless Chromium against the release dist/, served from a
// sub-path. Prints bytes per asset, cold load, paste-to-findings per input class and the longest
// main-thread block, each beside its budget with pass/miss. A report, not a test: it exits 0.
// Usage: node perf/report.mjs   (AUTHLENS_DIST=/other/dist to measure another build)
import { readdirSync, readFileSync, mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { serveDist, launch, fingerprint, SUB_PATH } from "../tests/harness.mjs";
import { bigHar } from "../tests/big-har.mjs";
import { startProbeServer } from "../tests/probe-server.mjs";

const DIST = process.env.AUTHLENS_DIST || join(dirname(fileURLToPath(import.meta.url)), "..", "..", "dist");
const RUNS = Number(process.env.PERF_RUNS || 7);
const rows = [];
const budget = (name, value, unit, limit) =>
  rows.push({ name, value, unit, limit, ok: value <= limit });
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const HERE = dirname(fileURLToPath(import.meta.url));

// Bytes per asset: what a first visit downloads.
console.log("asset                                         raw      gzip    brotli");
let totalGz = 0;
for (const f of readdirSync(DIST).filter((f) => /\.(wasm|js|css|html)$/.test(f)).sort()) {
  const buf = readFileSync(join(DIST, f));
  const gz = gzipSync(buf, { level: 9 }).length;
  const br = brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  totalGz += gz;
  console.log(`${f.padEnd(40)} ${String(buf.length).padStart(8)} ${String(gz).padStart(9)} ${String(br).padStart(9)}`);
}
budget("first load, gzip -9", totalGz / 1024, "KiB", 250);
// Fetched on the first paste, not in the first load: the vendors' messages (knowledge/).
for (const f of readdirSync(DIST).filter((f) => /^knowledge-[0-9a-f]+\.tsv$/.test(f))) {
  const buf = readFileSync(join(DIST, f));
  const gz = gzipSync(buf, { level: 9 }).length;
  const br = brotliCompressSync(buf, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`${"knowledge base (first paste)".padEnd(40)} ${String(buf.length).padStart(8)} ${String(gz).padStart(9)} ${String(br).padStart(9)}`);
}

// Inputs: a typical one of each class, then a 1 MB and a 10 MB curl -v exchange.
const exchange = (bodyBytes) => {
  const head =
    "*   Trying 93.184.215.14:443...\n> GET /v1/me HTTP/1.1\n> Host: api.example.com\n> User-Agent: curl/8.5.0\n" +
    "> Authorization: Basic YWxpY2U6c2VjcmV0Cg==\n>\n< HTTP/1.1 401 Unauthorized\n" +
    '< WWW-Authenticate: Bearer realm="api"\n< Content-Type: application/json\n<\n';
  const line = '{"error":"invalid_client","error_description":"Client authentication failed"}\n';
  return head + line.repeat(Math.max(1, Math.ceil(bodyBytes / line.length)));
};
const jwt =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c";
const inputs = [
  ["Basic header", "Authorization: Basic dXNlcjpwYXNz", 16],
  ["JWT", jwt, 16],
  ["challenge", 'WWW-Authenticate: Bearer realm="api", error="invalid_token", error_description="The access token expired"', 16],
  ["curl -v exchange", exchange(100), 16],
  ["1 MB exchange", exchange(1 << 20), 100],
  ["10 MB exchange", exchange(10 << 20), 2000],
];

// The JWT set: every JWS in the real-world corpus (tests/corpus, each case citing its source).
const tokens = [];
for (const f of readdirSync(join(HERE, "..", "..", "tests", "corpus")).filter((f) => f.endsWith(".json"))) {
  const cases = JSON.parse(readFileSync(join(HERE, "..", "..", "tests", "corpus", f), "utf8"));
  for (const c of Array.isArray(cases) ? cases : cases.cases) {
    tokens.push(...(c.input.match(/eyJ[\w-]+\.eyJ[\w-]+\.[\w-]*/g) || []));
  }
}

const modules = join(HERE, "..", "node_modules");
const srv = await serveDist({
  extra: { "vendor/jose/": join(modules, "jose", "dist", "webapi"), "vendor/jwt-decode/": join(modules, "jwt-decode", "build", "esm") },
});
const browser = await launch();
try {
  // Cold load: a fresh context (empty cache) until the paste box is in the page.
  const loads = [];
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(srv.url, { waitUntil: "commit" });
    await page.waitForSelector("textarea#input", { timeout: 20000 });
    loads.push(await page.evaluate(() => performance.now()));
    await context.close();
  }
  budget("cold load to usable paste box", median(loads), "ms", 300);

  // A first visit over a real link (Chromium's network emulation, cache empty): navigation to a
  // usable paste box (the app shell's), and to the findings of a JWT pasted into it at once.
  for (const [link, mbit, rtt, goals] of [
    ["10 Mbit/s, 40 ms", 10, 40, [150, 800]],
    ["1.6 Mbit/s, 150 ms", 1.6, 150, [null, null]],
  ]) {
    const usable = [];
    const found = [];
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext();
      // Notes, in the page's own clock, when a paste box is first in the document.
      await context.addInitScript(() => {
        new MutationObserver((_, obs) => {
          if (document.querySelector("textarea#shell-input, textarea#input")) {
            window.__usable = performance.now();
            obs.disconnect();
          }
        }).observe(document, { childList: true, subtree: true });
      });
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
      const rate = (mbit * 1e6) / 8;
      await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: rtt, downloadThroughput: rate, uploadThroughput: rate });
      await page.goto(srv.url, { waitUntil: "commit" });
      await page.waitForSelector("textarea#shell-input, textarea#input", { timeout: 60000 });
      usable.push(await page.evaluate(() => window.__usable));
      await page.fill("textarea#shell-input, textarea#input", jwt);
      await page.waitForSelector(`section.report[data-analysed="${fingerprint(jwt)}"]`, { timeout: 60000 });
      found.push(await page.evaluate(() => performance.now()));
      await context.close();
    }
    const say = (what, v, goal) => (goal === null ? console.log(`${what}: ${Math.round(median(v))} ms`) : budget(what, median(v), "ms", goal));
    say(`first visit over ${link}: navigation to a usable paste box`, usable, goals[0]);
    say(`first visit over ${link}: navigation to the findings of a JWT pasted at once`, found, goals[1]);
  }

  // The first paste of a vendor's message on a cold page: until its findings were made with
  // the knowledge base, which that paste fetches (AWS's own words, from the corpus).
  const firsts = [];
  const message = "An error occurred (SignatureDoesNotMatch) when calling the GetCallerIdentity operation";
  for (let i = 0; i < RUNS; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(srv.url);
    await page.waitForSelector("textarea#input");
    const t0 = await page.evaluate(() => performance.now());
    await page.fill("textarea#input", message);
    await page.waitForSelector(`section.report[data-analysed="${fingerprint(message)}"][data-knowledge="settled"] [data-id="server.aws_signature_mismatch"]`);
    firsts.push((await page.evaluate(() => performance.now())) - t0);
    await context.close();
  }
  budget("first paste to findings with the knowledge base, cold", median(firsts), "ms", 100);

  const context = await browser.newContext({ permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  await page.goto(srv.url);
  await page.waitForSelector("textarea#input");
  await page.evaluate(() => {
    window.__blocks = [];
    new PerformanceObserver((l) => l.getEntries().forEach((e) => window.__blocks.push(e))).observe({ type: "longtask" });
  });
  // Measures one input in the page: the time from the paste (or drop) to the report carrying
  // the text's fingerprint, and the longest main-thread task meanwhile. `null`: the page refused.
  // The text is handed to the page (a long task of its own) before the clock starts, and only
  // tasks that end after the paste count.
  const stage = async (text, mode) => {
    await page.evaluate((text) => {
      window.__text = text;
      window.__file = new File([text], "big.har", { type: "application/json" });
    }, text);
    if (mode === "keys") await page.evaluate(() => navigator.clipboard.writeText(window.__text));
    await page.evaluate(() => new Promise((r) => setTimeout(r, 300)));
  };
  const measure = (mode, text) =>
    page.evaluate(
      ({ mode, fp }) =>
        new Promise((resolve) => {
          const big = window.__text;
          const ta = document.querySelector("textarea#input");
          const file = mode === "drop" ? window.__file : null;
          const t0 = performance.now();
          const done = (refused) => {
            const t = performance.now() - t0;
            // Let pending long tasks be reported before reading them.
            setTimeout(() => {
              const ours = window.__blocks.filter((e) => e.startTime + e.duration > t0).map((e) => e.duration);
              resolve(refused ? null : { t, block: Math.max(0, ...ours) });
            }, 100);
          };
          const sel = `section.report[data-analysed="${fp}"]`;
          const obs = new MutationObserver(() => {
            const refused = file && document.querySelector(".file-error");
            if (document.querySelector(sel) || refused) {
              obs.disconnect();
              clearTimeout(giveUp);
              done(!!refused);
            }
          });
          obs.observe(document.body, { attributes: true, childList: true, subtree: true, attributeFilter: ["data-analysed"] });
          // A report must never hang: an input the page did not take counts as refused.
          const giveUp = setTimeout(() => {
            obs.disconnect();
            done(true);
          }, 120000);
          if (mode === "keys" || mode === "pick") {
            // Ctrl+V is pressed, or the file chosen, from outside once the page says it is
            // listening.
            window.__armed = true;
          } else if (file) {
            const dt = new DataTransfer();
            dt.items.add(file);
            document.querySelector("section.paste").dispatchEvent(new DragEvent("drop", { dataTransfer: dt, bubbles: true, cancelable: true }));
          } else {
            ta.value = big;
            ta.dispatchEvent(new Event("input", { bubbles: true }));
          }
        }),
      { mode, fp: fingerprint(text) },
    );
  const clear = async () => {
    await page.evaluate(() => {
      const ta = document.querySelector("textarea#input");
      ta.value = "";
      ta.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await page.waitForSelector('section.report[data-analysed="' + fingerprint("") + '"]');
    await page.evaluate(() => new Promise((r) => setTimeout(r, 50)));
  };
  const cases = [...inputs.map(([name, text, limit]) => [name, text, limit, "paste"])];
  // A 50 MB HAR (generated from the recorded one), dropped as a file and pasted.
  const har = bigHar(50 << 20);
  // "pasted" sets the box's value and sends an input event, as a script would; "Ctrl+V" is a
  // real paste from the clipboard, which a page can take before the browser inserts it.
  cases.push(
    ["50 MB HAR, dropped", har, 2000, "drop"],
    ["50 MB HAR, pasted", har, 2000, "paste"],
    ["50 MB HAR, Ctrl+V", har, 2000, "keys"],
    ["50 MB HAR, file picker", har, 2000, "pick"],
  );
  // The picker is given a file on disk (Playwright hands files over 50 MB over by path).
  const pickDir = mkdtempSync(join(tmpdir(), "authlens-perf-"));
  const picked = join(pickDir, "big.har");
  writeFileSync(picked, har);
  for (const [name, text, limit, mode] of cases) {
    const times = [];
    const blocks = [];
    const runs = text.length > 5e7 ? 2 : text.length > 5e6 ? 3 : RUNS;
    let refused = false;
    for (let i = 0; i < runs && !refused; i++) {
      if (i === 0) await stage(text, mode);
      await clear();
      let r;
      if (mode === "keys" || mode === "pick") {
        await page.focus("textarea#input");
        await page.evaluate(() => (window.__armed = false));
        const waiting = measure(mode, text);
        await page.waitForFunction(() => window.__armed);
        if (mode === "keys") await page.keyboard.press("Control+V");
        else await page.setInputFiles("#har-file", picked);
        r = await waiting;
      } else {
        r = await measure(mode, text);
      }
      if (r === null) {
        refused = true;
        console.log(`${name}: the page refused the file`);
        break;
      }
      times.push(r.t);
      blocks.push(r.block);
    }
    if (refused) continue;
    budget(`paste to findings: ${name}`, median(times), "ms", limit);
    if (text.length > 5e6) budget(`longest main-thread block: ${name}`, Math.max(...blocks), "ms", 200);
  }
  rmSync(pickDir, { recursive: true });
  await context.close();

  // The probe matrix against the local probe-server's /delay route (every answer, preflights
  // too, after 300 ms), beside one request a script would make: the same PUT with its preflight.
  const probeSrv = await startProbeServer();
  try {
    const pctx = await browser.newContext();
    const ppage = await pctx.newPage();
    const singles = [];
    const matrices = [];
    for (let i = 0; i < 3; i++) {
      await ppage.goto(srv.url);
      await ppage.waitForSelector("textarea#input");
      await ppage.click("summary:has-text('Probe an endpoint')");
      // A fresh query each run, so no preflight answer is reused from the browser's cache.
      const url = `${probeSrv.base}/delay?run=${i}`;
      singles.push(
        await ppage.evaluate(async (url) => {
          const t0 = performance.now();
          await fetch(`${url}&single`, { method: "PUT", headers: { Authorization: "Bearer good-token", "Content-Type": "application/json" } });
          return performance.now() - t0;
        }, url),
      );
      await ppage.fill("#probe-url", url);
      await ppage.fill("#probe-method", "PUT");
      await ppage.fill("#probe-headers", "Authorization: Bearer good-token\nContent-Type: application/json");
      const t0 = Date.now();
      await ppage.click("#probe-button");
      await ppage.waitForSelector("[data-testid=probe-result] .verdict", { timeout: 20000 });
      matrices.push(Date.now() - t0);
    }
    console.log(`\nprobe: one PUT with its preflight ${median(singles).toFixed(0)} ms; the whole matrix ${median(matrices).toFixed(0)} ms`);
    budget("probe matrix time / one request", median(matrices) / median(singles), "×", 1.5);
    await pctx.close();
  } finally {
    probeSrv.stop();
  }

  // Engine throughput on the JWT set in the page, beside the npm libraries jwt-decode and jose
  // decoding the same tokens in the same page. authlens decodes, lints and writes its report
  // (serialised as the engine worker does); the libraries decode header and payload only.
  const jctx = await browser.newContext();
  const jpage = await jctx.newPage();
  await jpage.goto(srv.url);
  await jpage.waitForSelector("textarea#input");
  const appModule = readdirSync(DIST).find((f) => /^authlens-[0-9a-f]+\.js$/.test(f));
  const rates = await jpage.evaluate(
    async ({ tokens, sub, appModule }) => {
      const authlens = await import(`${sub}${appModule}`);
      const jose = await import(`${sub}vendor/jose/index.js`);
      const { jwtDecode } = await import(`${sub}vendor/jwt-decode/index.js`);
      // An encoded Job (src/engine/job.rs, src/engine/core/wire/): kind JWT, clock at
      // 1790000000 with 60 s leeway and UTC, no Digest inputs, no expected audience. The check
      // below stops the report if the encoding changes.
      const job = "1,1,1790000000,60,0,0,0,0:0,";
      const first = authlens.analyse_job(tokens[0], job);
      if (!first.includes("jwt.")) throw new Error(`the engine did not read the token as a JWT: ${first.slice(0, 300)}`);
      const decoders = {
        authlens: (t) => authlens.analyse_job(t, job),
        "jwt-decode": (t) => [jwtDecode(t, { header: true }), jwtDecode(t)],
        jose: (t) => [jose.decodeProtectedHeader(t), jose.decodeJwt(t)],
      };
      const out = {};
      for (const [name, decode] of Object.entries(decoders)) {
        // Warm up, then decode the whole set for at least 500 ms.
        for (const t of tokens) decode(t);
        let n = 0;
        const t0 = performance.now();
        while (performance.now() - t0 < 500) {
          for (const t of tokens) decode(t);
          n += tokens.length;
        }
        out[name] = n / ((performance.now() - t0) / 1000);
      }
      return out;
    },
    { tokens, sub: SUB_PATH, appModule },
  );
  console.log(`\nJWT set: ${tokens.length} tokens from tests/corpus, decoded in the page (tokens per second)`);
  for (const [name, rate] of Object.entries(rates)) {
    const vs = name === "authlens" ? "" : `   authlens takes ${(rate / rates.authlens).toFixed(1)}× as long per token`;
    console.log(`${name.padEnd(12)} ${rate.toFixed(0).padStart(9)}/s${vs}`);
  }
  await jctx.close();
} finally {
  await browser.close();
  srv.server.close();
}

console.log("\nmeasure                                          value      budget");
for (const r of rows) {
  console.log(`${r.name.padEnd(42)} ${r.value.toFixed(1).padStart(9)} ${r.unit.padEnd(4)} ≤ ${String(r.limit).padStart(5)}  ${r.ok ? "pass" : "MISS"}`);
}
