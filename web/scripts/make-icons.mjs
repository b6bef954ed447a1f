#!/usr/bin/env node
// Draws the Kabinet emblem and renders the PWA icons from it:
//   public/emblem.svg, public/favicon.svg      — the emblem as vector (header, favicon)
//   public/icon-192.png, public/icon-512.png   — manifest icons («any»)
//   public/icon-maskable-512.png               — manifest icon («maskable»: full bleed, emblem in the safe zone)
//   public/apple-touch-icon.png                — 180 × 180 for iOS home screens
// Usage: node web/scripts/make-icons.mjs   (needs playwright-core and Chromium at /usr/bin/chromium,
// or CHROMIUM_PATH). The PNGs are committed; run this again only when the emblem changes.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const publicDir = path.resolve(here, '..', 'public');

// Keep in step with src/brand.ts (BLUE[6] → BLUE[9]).
const TOP = '#245bdc';
const BOTTOM = '#11307c';

/** The white shield with a «К» cut out of it, in a 512 × 512 box, centred on (256, 256). */
const MARK = `
  <path fill="#ffffff" d="M256 76 L404 126 V246 C404 344 342 404 256 438 C170 404 108 344 108 246 V126 Z"/>
  <g fill="url(#kb-fill)">
    <rect x="184" y="168" width="46" height="196" rx="4"/>
    <path d="M226 246 L304 168 H364 L274 264 L368 364 H306 L226 284 Z"/>
  </g>`;

const DEFS = `
  <defs>
    <linearGradient id="kb-fill" x1="0" y1="0" x2="1" y2="1">
      <stop offset="0" stop-color="${TOP}"/>
      <stop offset="1" stop-color="${BOTTOM}"/>
    </linearGradient>
  </defs>`;

/**
 * @param {object} o
 * @param {'rounded' | 'square'} o.shape  rounded tile (icons, favicon) or full bleed (maskable)
 * @param {number} o.scale                size of the mark relative to the tile
 */
function emblem({ shape, scale }) {
  const offset = (512 - 512 * scale) / 2;
  const tile =
    shape === 'rounded'
      ? '<rect width="512" height="512" rx="112" fill="url(#kb-fill)"/>'
      : '<rect width="512" height="512" fill="url(#kb-fill)"/>';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512">${DEFS}
  ${tile}
  <g transform="translate(${offset} ${offset}) scale(${scale})">${MARK}
  </g>
</svg>
`;
}

const tileSvg = emblem({ shape: 'rounded', scale: 0.86 });
const maskableSvg = emblem({ shape: 'square', scale: 0.7 }); // the mark stays inside the 80 % safe circle
const appleSvg = emblem({ shape: 'square', scale: 0.8 }); // iOS rounds the corners itself

writeFileSync(path.join(publicDir, 'emblem.svg'), tileSvg);
writeFileSync(path.join(publicDir, 'favicon.svg'), tileSvg);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  /** @param {string} svg @param {number} size @param {string} file */
  async function render(svg, size, file) {
    await page.setViewportSize({ width: size, height: size });
    const sized = svg.replace('width="512" height="512"', `width="${size}" height="${size}"`);
    await page.setContent(
      `<!doctype html><html><head><style>html,body{margin:0;background:transparent}svg{display:block}</style></head><body>${sized}</body></html>`,
    );
    await page.screenshot({
      path: path.join(publicDir, file),
      omitBackground: true,
      clip: { x: 0, y: 0, width: size, height: size },
    });
    console.log(`→ public/${file}`);
  }
  await render(tileSvg, 192, 'icon-192.png');
  await render(tileSvg, 512, 'icon-512.png');
  await render(maskableSvg, 512, 'icon-maskable-512.png');
  await render(appleSvg, 180, 'apple-touch-icon.png');
} finally {
  await browser.close();
}
