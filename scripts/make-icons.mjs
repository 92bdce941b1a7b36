// Draws the app icons (a lens over a dark tile) into static/ as PNGs, with no dependency beyond
// Node itself: the same shapes as static/icon.svg. Run `node scripts/make-icons.mjs` after
// changing them; the PNGs are committed.
import { writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const OUT = join(dirname(fileURLToPath(import.meta.url)), "..", "static");
const TILE = [0x1f, 0x3a, 0x5f];
const INK = [0xff, 0xff, 0xff];

/** Coverage of the shapes at (x, y) in unit coordinates; `maskable` keeps them in the safe zone. */
function shade(x, y, maskable) {
  const s = maskable ? 0.7 : 1;
  const u = (x - 0.5) / s + 0.5;
  const v = (y - 0.5) / s + 0.5;
  const d = Math.hypot(u - 0.43, v - 0.43);
  const ring = Math.abs(d - 0.22) < 0.045;
  // The handle: a thick segment from the ring towards the lower right.
  const t = Math.max(0, Math.min(1, ((u - 0.6) * 0.7071 + (v - 0.6) * 0.7071) / 0.26));
  const px = 0.6 + t * 0.26 * 0.7071;
  const handle = Math.hypot(u - px, v - px) < 0.06;
  return ring || handle;
}

function inTile(x, y, maskable) {
  if (maskable) return true;
  const r = 0.18;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  return Math.hypot(x - cx, y - cy) <= r;
}

function png(size, maskable) {
  const N = 4;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      let tile = 0;
      let ink = 0;
      for (let i = 0; i < N; i++) {
        for (let j = 0; j < N; j++) {
          const u = (x + (i + 0.5) / N) / size;
          const v = (y + (j + 0.5) / N) / size;
          if (inTile(u, v, maskable)) {
            tile++;
            if (shade(u, v, maskable)) ink++;
          }
        }
      }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const a = tile / (N * N);
      const k = tile ? ink / tile : 0;
      for (let c = 0; c < 3; c++) raw[o + c] = Math.round(TILE[c] * (1 - k) + INK[c] * k);
      raw[o + 3] = Math.round(a * 255);
    }
  }
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(raw, { level: 9 })),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function crc32(buf) {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

for (const [name, size, maskable] of [
  ["icon-192.png", 192, false],
  ["icon-512.png", 512, false],
  ["icon-maskable-512.png", 512, true],
]) {
  writeFileSync(join(OUT, name), png(size, maskable));
  console.log(`wrote static/${name}`);
}
