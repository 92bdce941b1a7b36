// Shared e2e harness: serves the release dist/ from a sub-path on 127.0.0.1 and drives
// Debian's Chromium through playwright-core. Records console errors and every request.
import { createServer } from "node:http";
import { existsSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { readFile, stat } from "node:fs/promises";
import { join, normalize, extname, dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { before, after } from "node:test";

export const SUB_PATH = "/tools/authlens/";
// AUTHLENS_DIST serves another build (e.g. to measure an older one with perf.mjs).
const DIST = process.env.AUTHLENS_DIST || join(dirname(fileURLToPath(import.meta.url)), "..", "..", "dist");
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".wasm": "application/wasm",
  ".css": "text/css",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".webmanifest": "application/manifest+json",
  ".tsv": "text/tab-separated-values; charset=utf-8",
};

/** Builds the release dist/ when it is missing, so a test file runs on its own. */
function ensureDist() {
  if (existsSync(join(DIST, "index.html"))) return;
  execFileSync("trunk", ["build", "--release"], { cwd: join(DIST, ".."), stdio: "inherit" });
}

/** Starts a static server for dist/ under SUB_PATH on a free loopback port. `transform(rel, body)`
 * may change a file as it is served (e.g. to publish a new version of sw.js); `extra` maps a
 * folder under SUB_PATH to a local folder (the performance report serves npm libraries so the
 * page can import them from its own origin, as its CSP requires). */
export async function serveDist({ transform, extra = {} } = {}) {
  ensureDist();
  const server = createServer(async (req, res) => {
    const url = new URL(req.url, "http://127.0.0.1");
    if (!url.pathname.startsWith(SUB_PATH)) {
      res.writeHead(404).end("not under the sub-path");
      return;
    }
    const rel = normalize(url.pathname.slice(SUB_PATH.length) || "index.html");
    if (rel.startsWith("..")) {
      res.writeHead(400).end();
      return;
    }
    const mount = Object.keys(extra).find((prefix) => rel.startsWith(prefix));
    const file = mount ? join(extra[mount], rel.slice(mount.length)) : join(DIST, rel);
    try {
      if (!(await stat(file)).isFile()) throw new Error("not a file");
      const type = TYPES[extname(file)] || "application/octet-stream";
      // Served as a static host would (nginx brotli_static/gzip_static): the precompressed
      // copy the build wrote beside the file, when the browser takes it.
      const accepts = String(req.headers["accept-encoding"] || "");
      const encoding = transform ? null : ["br", "gzip"].find((e) => accepts.includes(e) && existsSync(`${file}.${e === "br" ? "br" : "gz"}`));
      if (encoding) {
        res.writeHead(200, { "content-type": type, "content-encoding": encoding, vary: "accept-encoding" });
        res.end(await readFile(`${file}.${encoding === "br" ? "br" : "gz"}`));
        return;
      }
      res.writeHead(200, { "content-type": type });
      const body = await readFile(file);
      res.end(transform ? transform(rel, body) : body);
    } catch {
      res.writeHead(404).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return { server, origin: `http://127.0.0.1:${port}`, url: `http://127.0.0.1:${port}${SUB_PATH}` };
}

/** Launches headless Chromium with the flags this machine needs. */
export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/** Opens the app and waits for it to mount; collects console errors and requests. */
export async function openApp(browser, url, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const errors = [];
  const requests = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") errors.push(msg.text());
  });
  page.on("pageerror", (err) => errors.push(String(err)));
  page.on("request", (req) => requests.push(req.url()));
  await page.goto(url);
  await page.waitForSelector("textarea#input");
  return { page, context, errors, requests };
}

/** FNV-1a over the UTF-8 bytes: the same fingerprint the page puts in data-analysed. */
export function fingerprint(text) {
  let h = 0x811c9dc5;
  for (const b of new TextEncoder().encode(text)) {
    h = Math.imul(h ^ b, 0x01000193) >>> 0;
  }
  return String(h >>> 0);
}

/** Waits until the report shows the analysis of exactly what the paste box holds, made with the
 * vendors' messages at hand (the page fetches them on the first text). */
export async function analysed(page) {
  const text = await page.inputValue("textarea#input");
  const settled = text === "" ? "" : '[data-knowledge="settled"]';
  await page.waitForSelector(`section.report[data-analysed="${fingerprint(text)}"]${settled}`, { timeout: 10000 });
}

/** Replaces the paste box contents as a user would, then waits for its analysis. */
export async function paste(page, text) {
  await page.fill("textarea#input", text);
  await analysed(page);
}

/** Registers hooks that serve dist/ and launch Chromium for a test file; fields fill in before tests run. */
export function useApp() {
  const app = {};
  before(async () => {
    app.srv = await serveDist();
    app.browser = await launch();
  });
  after(async () => {
    await app.browser?.close();
    app.srv?.server.close();
  });
  return app;
}
