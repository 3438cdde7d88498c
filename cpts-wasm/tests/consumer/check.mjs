// Checks the packed npm package where it was installed (this folder's copy, made by
// scripts/check-npm): esbuild and vite each bundle page/ into a static site, served here and
// loaded in headless Chromium (Debian's /usr/bin/chromium) until the page shows a real answer;
// tsc --strict type-checks consumer.ts against the installed types; publint and
// arethetypeswrong check the tarball; the repository's examples/vite-starter (copied into
// starter/ by scripts/check-npm) is built by vite and run by vite's development server, and
// its form answers. Usage: node check.mjs TARBALL
import { execFileSync } from 'node:child_process';
import { cpSync, createReadStream, mkdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build as vite, createServer as viteServer } from 'vite';
import { chromium } from 'playwright-core';

const here = fileURLToPath(new URL('.', import.meta.url));
const tarball = resolve(process.argv[2] ?? '');
const bin = (name) => join(here, 'node_modules', '.bin', name);
const run = (what, file, args) => {
  console.log(`-- ${what}`);
  execFileSync(file, args, { cwd: here, stdio: 'inherit' });
};

// Node: the `node` condition, the package's files read from disk.
run('Node imports the package by name and answers', process.execPath, ['--input-type=module', '-e', `
  import { Cpts } from 'cpts';
  const cpts = await Cpts.create();
  const t = cpts.territory({ communes: ['78551'], on: '2019-01-01' }).population;
  if (t !== 45931) throw new Error('population ' + t);
  console.log('node: Saint-Germain-en-Laye ' + t + ' habitants');`]);

run('tsc --strict on a consumer', bin('tsc'), ['-p', 'tsconfig.json']);
run('publint', bin('publint'), ['run', tarball, '--strict']);
run('arethetypeswrong (an ES module package; the data files have no types)', bin('attw'), [tarball, '--profile', 'esm-only', '--exclude-entrypoints', './wasm/cpts.wasm', './communes.txt']);

// esbuild: the bundle goes to dist-esbuild/; the package's README says to serve its wasm/
// and communes.txt next to the bundle, which a page does by copying them.
const esbuildOut = join(here, 'dist-esbuild');
rmSync(esbuildOut, { recursive: true, force: true });
console.log('-- esbuild bundles the page');
await esbuild({
  entryPoints: [join(here, 'page', 'main.js')],
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  outdir: esbuildOut,
  logLevel: 'warning',
});
cpSync(join(here, 'page', 'index.html'), join(esbuildOut, 'index.html'));
const pkg = join(here, 'node_modules', 'cpts');
mkdirSync(join(esbuildOut, 'wasm'), { recursive: true });
cpSync(join(pkg, 'wasm', 'cpts.wasm'), join(esbuildOut, 'wasm', 'cpts.wasm'));
cpSync(join(pkg, 'communes.txt'), join(esbuildOut, 'communes.txt'));

// vite: it finds the files through `new URL(..., import.meta.url)` and emits them itself.
const viteOut = join(here, 'dist-vite');
console.log('-- vite builds the page');
await vite({
  root: join(here, 'page'),
  logLevel: 'warn',
  build: { outDir: viteOut, emptyOutDir: true, target: 'es2022' },
});

// The starter, with no vite configuration: built, and served by vite in development.
const starter = join(here, 'starter');
const starterOut = join(here, 'dist-starter');
console.log('-- vite builds examples/vite-starter');
await vite({ root: starter, logLevel: 'warn', build: { outDir: starterOut, emptyOutDir: true } });
const dev = await viteServer({ root: starter, logLevel: 'warn', server: { port: 0, host: '127.0.0.1' } });
await dev.listen();

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
};
function serve(root) {
  const server = createServer((request, response) => {
    let file = normalize(join(root, decodeURIComponent(new URL(request.url, 'http://x').pathname)));
    if (!file.startsWith(root)) return response.writeHead(403).end();
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      statSync(file);
    } catch {
      return response.writeHead(404).end('not found');
    }
    response.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
    createReadStream(file).pipe(response);
  });
  return new Promise((ok) => server.listen(0, '127.0.0.1', () => ok(server)));
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
let failed = 0;
try {
  for (const [name, root] of [['esbuild', esbuildOut], ['vite', viteOut]]) {
    const server = await serve(root);
    const page = await browser.newPage();
    const missing = [];
    page.on('response', (r) => { if (r.status() >= 400) missing.push(`${r.status()} ${r.url()}`); });
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const answer = page.locator('#answer');
    await page.waitForFunction(() => {
      const a = document.getElementById('answer');
      return a.dataset.taille || a.dataset.error;
    }, null, { timeout: 30000 });
    const data = await answer.evaluate((a) => ({ ...a.dataset, text: a.textContent }));
    const ok = data.taille === '3' && data.population === '45931';
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name} page in Chromium: ${data.text}${missing.length ? ` (${missing.join(', ')})` : ''}`);
    if (!ok) failed++;
    await page.close();
    server.close();
  }
  const starterServer = await serve(starterOut);
  for (const [name, url] of [
    ['the starter, built', `http://127.0.0.1:${starterServer.address().port}/`],
    ['the starter, vite dev server', dev.resolvedUrls.local[0]],
  ]) {
    const page = await browser.newPage();
    await page.goto(url);
    const resultat = page.locator('#resultat');
    // The three default communes, then one typed in: 78551 alone (population 2023).
    await page.waitForFunction(() => document.getElementById('resultat').dataset.population, null, { timeout: 30000 });
    const first = await resultat.textContent();
    await page.fill('#communes', '78551');
    await page.click('button[type=submit]');
    await page.waitForFunction((before) => document.getElementById('resultat').textContent !== before, first);
    const second = await resultat.textContent();
    const population = await resultat.evaluate((r) => r.dataset.population);
    const ok = /^3 commune\(s\), .* habitants, taille \d\.$/.test(first) && population !== undefined &&
      /^1 commune\(s\)/.test(second);
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name} in Chromium: « ${first} » then « ${second} »`);
    if (!ok) failed++;
    await page.close();
  }
  starterServer.close();
} finally {
  await dev.close();
  await browser.close();
}
if (failed) process.exit(1);
console.log('the packed package installs, type-checks, lints and answers under Node, esbuild and vite');
