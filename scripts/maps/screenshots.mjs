// Renders the maps the tests wrote (target/maps/*.svg) in headless Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core) and saves each as a PNG beside it: the SVG
// must load as an image, at its size, with the number of paths the tests counted.
// Run after `cargo test -p cpts-core --test maps -- --ignored`:
//   node scripts/maps/screenshots.mjs
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

import { chromium } from '../../cpts-wasm/tools/node_modules/playwright-core/index.mjs';

const dir = new URL('../../target/maps/', import.meta.url);
// Paths each map holds (tests/maps.rs): the Yvelines' 259 communes and Louveciennes's
// cross-hatching; France's units with a contour (at least 34 800); the seed territory's 9
// communes and its neighbours (at least 10).
const maps = [
  ['yvelines', (n) => n === 260],
  ['territoire', (n) => n >= 19],
  ['france', (n) => n > 34_800],
];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu'],
});
try {
  for (const [name, paths] of maps) {
    const svg = readFileSync(new URL(`${name}.svg`, dir), 'utf8');
    const width = Number(/ width="(\d+)"/.exec(svg)[1]);
    const height = Number(/ height="(\d+)"/.exec(svg)[1]);
    const page = await browser.newPage({ viewport: { width, height } });
    await page.goto(new URL(`${name}.svg`, dir).href);
    const counted = await page.evaluate(() => document.querySelectorAll('path').length);
    assert.ok(paths(counted), `${name}: ${counted} paths`);
    // Rendered as an image too (what a page embedding it with <img> shows).
    const loaded = await page.evaluate(async (url) => {
      const img = new Image();
      img.src = url;
      await img.decode();
      return [img.naturalWidth, img.naturalHeight];
    }, page.url());
    assert.deepEqual(loaded, [width, height], `${name}: as an image`);
    const png = await page.screenshot({ path: new URL(`${name}.png`, dir).pathname });
    assert.ok(png.length > 10_000, `${name}.png: ${png.length} bytes`);
    console.log(`ok   ${name}.svg: ${counted} paths, ${svg.length} bytes -> target/maps/${name}.png (${width}×${height}, ${png.length} bytes)`);
    await page.close();
  }
} finally {
  await browser.close();
}
