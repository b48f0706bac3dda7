// Draws Veilbox's app icons (a shield with a "V" on the theme colour) into pwa/public/icons/ as PNGs:
// regular icons with rounded corners, maskable ones full-bleed with the mark inside the 80 % safe zone,
// and Apple's touch icon. Run `npm run make-icons`; the PNGs are committed so the build needs no script.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encodePng } from './png.js';

type Rgb = readonly [number, number, number];
const BACKGROUND: Rgb = [0x1f, 0x2a, 0x44]; // the manifest's theme_color
const SHIELD: Rgb = [0x2f, 0x55, 0xd4]; // --vb-accent
const MARK: Rgb = [0xff, 0xff, 0xff];
/** Samples per pixel side: 4 × 4 gives smooth edges without an anti-aliasing library. */
const SUPERSAMPLE = 4;
/** The corner radius of a regular icon, as a fraction of its side. */
const CORNER = 0.22;
/** A maskable icon may be cut to a circle of 80 % of its side; the mark stays inside it. */
const MASKABLE_SAFE_ZONE = 0.8;

interface IconSpec { readonly file: string; readonly size: number; readonly shape: 'rounded' | 'full' ; readonly markScale: number }

const ICONS: readonly IconSpec[] = [
  { file: 'icon-192.png', size: 192, shape: 'rounded', markScale: 1 },
  { file: 'icon-512.png', size: 512, shape: 'rounded', markScale: 1 },
  { file: 'icon-maskable-192.png', size: 192, shape: 'full', markScale: MASKABLE_SAFE_ZONE },
  { file: 'icon-maskable-512.png', size: 512, shape: 'full', markScale: MASKABLE_SAFE_ZONE },
  // iOS rounds the corners itself and shows transparency as black: full-bleed, like a maskable icon.
  { file: 'apple-touch-icon.png', size: 180, shape: 'full', markScale: 0.9 },
];

function insideRoundedSquare(x: number, y: number): boolean {
  const cx = Math.min(Math.max(x, CORNER), 1 - CORNER);
  const cy = Math.min(Math.max(y, CORNER), 1 - CORNER);
  return (x - cx) ** 2 + (y - cy) ** 2 <= CORNER ** 2;
}

/** The shield in unit coordinates: straight sides, then curving in to a point at the bottom. */
function insideShield(x: number, y: number): boolean {
  const top = 0.16, shoulder = 0.46, bottom = 0.88, halfWidth = 0.3;
  if (y < top || y > bottom) return false;
  // A shallow dip in the top edge gives the shield its crest.
  const crest = top + 0.04 * Math.cos(((x - 0.5) / halfWidth) * (Math.PI / 2));
  if (y < crest) return false;
  const t = y <= shoulder ? 0 : (y - shoulder) / (bottom - shoulder);
  return Math.abs(x - 0.5) <= halfWidth * (1 - t * t);
}

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax, dy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/** The "V": two strokes meeting low in the shield. */
function insideMark(x: number, y: number): boolean {
  const stroke = 0.045;
  return distanceToSegment(x, y, 0.38, 0.33, 0.5, 0.66) <= stroke || distanceToSegment(x, y, 0.62, 0.33, 0.5, 0.66) <= stroke;
}

/** The colour at unit point (x, y), or null for transparent. */
function colourAt(spec: IconSpec, x: number, y: number): Rgb | null {
  if (spec.shape === 'rounded' && !insideRoundedSquare(x, y)) return null;
  // The mark is drawn in its own unit square, scaled about the centre.
  const mx = 0.5 + (x - 0.5) / spec.markScale;
  const my = 0.5 + (y - 0.5) / spec.markScale;
  if (insideMark(mx, my)) return MARK;
  if (insideShield(mx, my)) return SHIELD;
  return BACKGROUND;
}

export function drawIcon(spec: IconSpec): Buffer {
  const { size } = spec;
  const rgba = new Uint8Array(size * size * 4);
  const samples = SUPERSAMPLE * SUPERSAMPLE;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < SUPERSAMPLE; sy++) {
        for (let sx = 0; sx < SUPERSAMPLE; sx++) {
          const c = colourAt(spec, (px + (sx + 0.5) / SUPERSAMPLE) / size, (py + (sy + 0.5) / SUPERSAMPLE) / size);
          if (!c) continue;
          r += c[0]; g += c[1]; b += c[2]; a++;
        }
      }
      const at = (py * size + px) * 4;
      // Colours are averaged over the covered samples only (straight alpha), so edges don't darken.
      if (a) { rgba[at] = Math.round(r / a); rgba[at + 1] = Math.round(g / a); rgba[at + 2] = Math.round(b / a); }
      rgba[at + 3] = Math.round((a / samples) * 255);
    }
  }
  return encodePng(size, size, rgba);
}

const outDir = new URL('../public/icons/', import.meta.url).pathname;
mkdirSync(outDir, { recursive: true });
for (const spec of ICONS) {
  writeFileSync(join(outDir, spec.file), drawIcon(spec));
  console.log(`wrote pwa/public/icons/${spec.file} (${spec.size}×${spec.size})`);
}
