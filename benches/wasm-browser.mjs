// Cold start of the npm package in headless Chromium (Debian's /usr/bin/chromium, through
// playwright-core of cpts-wasm/tools): in a new browser context each run (no code cache),
// the time from the page's import of the package to a first funding result (import,
// Cpts.create() with the commune table's text fetched while the module compiles, one
// evaluate_year), measured in the page, with and without the commune table. Prints each
// run and the medians.
// Run: scripts/build-wasm && cargo bench -p cpts-benches --bench api && node benches/wasm-browser.mjs
import { readFileSync } from 'node:fs';
import { chromium } from '../cpts-wasm/tools/node_modules/playwright-core/index.mjs';
import { serve } from '../examples/portal/serve.mjs';

const year = readFileSync(new URL('../target/bench-requests/evaluate-year.json', import.meta.url), 'utf8');
const server = await serve(0);
const base = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu'],
});
const runs = { table: [], none: [] };
try {
  for (let i = 0; i < 14; i++) {
    const communes = i % 2 === 0;
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${base}/examples/portal/serve.mjs`);
    const run = await page.evaluate(async ([request, communes]) => {
      const t0 = performance.now();
      const { Cpts } = await import('/cpts-wasm/pkg/index.js');
      const t1 = performance.now();
      const cpts = await Cpts.create(communes ? {} : { communes: false });
      const t2 = performance.now();
      const answer = cpts.callJson(request);
      const t3 = performance.now();
      if (!answer.includes('"status":"ok"')) throw new Error(answer);
      return { import: t1 - t0, create: t2 - t1, first: t3 - t2, total: t3 - t0 };
    }, [year, communes]);
    runs[communes ? 'table' : 'none'].push(run);
    const f = (ms) => ms.toFixed(1);
    console.log(`run ${i + 1} (${communes ? 'create()' : 'create({ communes: false })'}): import ${f(run.import)} ms, create ${f(run.create)} ms, first evaluate_year ${f(run.first)} ms, total ${f(run.total)} ms`);
    await context.close();
  }
} finally {
  await browser.close();
  server.close();
}
const median = (rs) => rs.map((r) => r.total).sort((a, b) => a - b)[Math.floor(rs.length / 2)].toFixed(1);
console.log(`chromium ${browser.version()}: cold start to a first funding result, median of ${runs.table.length}: ${median(runs.table)} ms with create(), ${median(runs.none)} ms with create({ communes: false })`);
