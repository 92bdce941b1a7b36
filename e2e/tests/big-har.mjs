// A large HAR made from the one the e2e suite recorded from Chromium against probe-server
// (tests/har/recorded-chromium.har): its entries (a CORS failure, a 401, a redirect that lost
// the header, successes) repeated, with successful calls carrying large JSON bodies, until the
// file reaches the size asked for. Generated when needed, never committed.
import { readFileSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const RECORDED = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "tests", "har", "recorded-chromium.har");

/** A HAR of about `bytes` bytes. */
export function bigHar(bytes) {
  const har = JSON.parse(readFileSync(RECORDED, "utf8"));
  const recorded = har.log.entries;
  const ok = recorded.find((e) => e.response.status === 200);
  const row = { id: 0, name: "widget", tags: ["a", "b", "c"], price: 12.5, description: "x".repeat(180) };
  const body = JSON.stringify(Array.from({ length: 80 }, (_, i) => ({ ...row, id: i })));
  const entries = [];
  let size = 0;
  const t0 = Date.parse(recorded[0].startedDateTime);
  for (let i = 0; size < bytes; i++) {
    const e = structuredClone(i % 50 === 0 ? recorded[(i / 50) % recorded.length] : ok);
    e.startedDateTime = new Date(t0 + i * 10).toISOString();
    if (e.response.status === 200) {
      e.request.url = `${new URL(e.request.url).origin}/items?page=${i}`;
      e.response.content = { size: body.length, mimeType: "application/json", text: body };
    }
    entries.push(e);
    size += JSON.stringify(e).length + 1;
  }
  har.log.entries = entries;
  return JSON.stringify(har);
}
