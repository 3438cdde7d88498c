// The npm package's wasm engine under Node, for the same requests as the native benchmark
// benches/api.rs (run that first: it writes target/bench-requests/). Prints the median of
// timed batches for each, and the package's instantiate time.
// Run: scripts/build-wasm && cargo bench -p cpts-benches --bench api && node benches/wasm.mjs
import { readFileSync } from 'node:fs';

const requests = new URL('../target/bench-requests/', import.meta.url);
const read = (name) => readFileSync(new URL(name, requests), 'utf8');

// Instantiate: a fresh Node process per measurement would include Node's own start; this
// measures Cpts.create() (compile + instantiate the wasm, build the engine, load the table)
// in the first call of this process, then an engine without and with the table again.
let t = performance.now();
const { Cpts } = await import('../cpts-wasm/pkg/index.node.js');
const cpts = await Cpts.create();
const firstCreate = performance.now() - t;
// Cold start to a first funding result: the import, the first create() and one
// evaluate_year (the commune table is not needed: the package reads it on first need).
const firstYear = cpts.callJson(readFileSync(new URL('evaluate-year.json', requests), 'utf8'));
const firstResult = performance.now() - t;
if (!firstYear.includes('"status":"ok"')) throw new Error('the first evaluate_year failed');

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Median time per call (ms) over `batches` batches of calls lasting about 100 ms each. */
function time(f, batches = 15) {
  const start = performance.now();
  let n = 0;
  while (performance.now() - start < 100) {
    f();
    n++;
  }
  const perBatch = Math.max(1, n);
  const results = [];
  for (let b = 0; b < batches; b++) {
    const s = performance.now();
    for (let i = 0; i < perBatch; i++) f();
    results.push((performance.now() - s) / perBatch);
  }
  return median(results);
}

async function timeAsync(f, runs = 9) {
  const results = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await f();
    results.push(performance.now() - s);
  }
  return median(results);
}

const year = read('evaluate-year.json');
const coverage = read('coverage-france.json');
for (const [name, request] of [['year', year], ['coverage', coverage]]) {
  if (cpts.callJson(request) !== read(`${name}.native-response.json`)) {
    throw new Error(`${name}: the wasm response differs from the native one`);
  }
}
const format = (ms) => (ms < 1 ? `${(ms * 1000).toFixed(1)} µs` : `${ms.toFixed(2)} ms`);
console.log(`node ${process.version}, wasm ${readFileSync(new URL('../cpts-wasm/pkg/wasm/cpts.wasm', import.meta.url)).length} bytes`);
console.log(`evaluate_year (conformance evaluate-year): ${format(time(() => cpts.callJson(year)))}`);
console.log(`coverage of France by 1 000 synthetic CPTS: ${format(time(() => cpts.callJson(coverage), 9))}`);
// The typed method against callJson with the same request: the JS layer's own costs
// (JSON.stringify of the input, JSON.parse of the result).
const yearInput = JSON.parse(year).input;
const yearRequest = JSON.parse(year);
const yearResponse = read('year.native-response.json');
console.log(`evaluateYear(object), the same request: ${format(time(() => cpts.evaluateYear(yearInput)))}; ` +
  `callJson with JSON.stringify of the request and JSON.parse of the response, as a caller holding objects does: ${format(time(() => JSON.parse(cpts.callJson(JSON.stringify(yearRequest))).result))}; ` +
  `JSON.parse of the response alone: ${format(time(() => JSON.parse(yearResponse)))}`);
for (const detail of ['summary', 'amounts']) {
  const text = JSON.stringify({ ...JSON.parse(year), input: { ...yearInput, detail } });
  console.log(`evaluate_year, detail ${detail}: callJson ${format(time(() => cpts.callJson(text)))}, evaluateYear(object) ${format(time(() => cpts.evaluateYear({ ...yearInput, detail })))}`);
}
console.log(`first Cpts.create() in the process (compile, instantiate, engine, the commune table's text): ${format(firstCreate)}`);
console.log(`cold start to a first funding result (import, first create(), one evaluate_year): ${format(firstResult)}`);
console.log(`Cpts.create({ communes: false }) again: ${format(await timeAsync(() => Cpts.create({ communes: false })))}`);
console.log(`Cpts.create() again (with the commune table): ${format(await timeAsync(() => Cpts.create()))}`);
