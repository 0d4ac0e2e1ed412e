/**
 * Draws the extension icon (a bitten cookie with a check badge: "cookies, verified")
 * at 16, 32, 48 and 128 px into icons/. Run once when the design changes:
 *   npx tsx scripts/make-icons.ts
 * Shapes are defined on a unit square and supersampled, so every size is drawn, not scaled.
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];
type Layer = { inside: (x: number, y: number) => boolean; color: Rgba };

const circle = (cx: number, cy: number, r: number) => (x: number, y: number) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

const DOUGH: Rgba = [214, 160, 82, 255];
const CRUST: Rgba = [158, 102, 40, 255];
const CHIP: Rgba = [84, 46, 22, 255];
const BADGE: Rgba = [22, 128, 84, 255];
const WHITE: Rgba = [255, 255, 255, 255];

const bite = circle(0.86, 0.16, 0.2);
const cookieOuter = circle(0.45, 0.5, 0.42);
const cookieInner = circle(0.45, 0.5, 0.37);
const chips: Array<[number, number, number]> = [
  [0.3, 0.36, 0.07],
  [0.5, 0.58, 0.07],
  [0.25, 0.64, 0.06],
  [0.52, 0.32, 0.05],
];

/** Distance from (x, y) to the segment a-b: used to stroke the check mark. */
function segmentDistance(x: number, y: number, ax: number, ay: number, bx: number, by: number) {
  const dx = bx - ax;
  const dy = by - ay;
  const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(x - (ax + t * dx), y - (ay + t * dy));
}

const layers: Layer[] = [
  { inside: (x, y) => cookieOuter(x, y) && !bite(x, y), color: CRUST },
  { inside: (x, y) => cookieInner(x, y) && !circle(0.86, 0.16, 0.24)(x, y), color: DOUGH },
  ...chips.map(([cx, cy, r]) => ({ inside: circle(cx, cy, r), color: CHIP })),
  { inside: circle(0.74, 0.74, 0.26), color: WHITE },
  { inside: circle(0.74, 0.74, 0.21), color: BADGE },
  {
    inside: (x, y) => segmentDistance(x, y, 0.63, 0.75, 0.71, 0.83) < 0.035 || segmentDistance(x, y, 0.71, 0.83, 0.86, 0.66) < 0.035,
    color: WHITE,
  },
];

function colorAt(x: number, y: number): Rgba {
  let color: Rgba = [0, 0, 0, 0];
  for (const layer of layers) if (layer.inside(x, y)) color = layer.color;
  return color;
}

function render(size: number): Buffer {
  const samples = 6;
  const rows: Buffer[] = [];
  for (let py = 0; py < size; py++) {
    const row = Buffer.alloc(1 + size * 4); // leading 0 = PNG filter "none"
    for (let px = 0; px < size; px++) {
      const sum = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const c = colorAt((px + (sx + 0.5) / samples) / size, (py + (sy + 0.5) / samples) / size);
          // Premultiply so transparent samples do not darken the edges.
          for (let i = 0; i < 3; i++) sum[i]! += c[i]! * c[3];
          sum[3]! += c[3];
        }
      }
      const alpha = sum[3]! / (samples * samples);
      for (let i = 0; i < 3; i++) row[1 + px * 4 + i] = sum[3] ? Math.round(sum[i]! / sum[3]) : 0;
      row[1 + px * 4 + 3] = Math.round(alpha);
    }
    rows.push(row);
  }
  return encodePng(size, size, Buffer.concat(rows));
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let c = 0xffffffff;
  for (const byte of data) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function encodePng(width: number, height: number, scanlines: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(scanlines, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync('icons', { recursive: true });
for (const size of [16, 32, 48, 128]) writeFileSync(`icons/icon-${size}.png`, render(size));
console.log('icons written: 16, 32, 48, 128');
