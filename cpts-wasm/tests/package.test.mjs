// Node's test runner over the built npm package (scripts/build-wasm writes cpts-wasm/pkg):
// every operation, every error path, and the conformance corpus byte for byte.
// Run: node --test cpts-wasm/tests/
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { test } from 'node:test';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';

import { Cpts, CptsError, ErrorCode, OPERATIONS } from '../pkg/index.node.js';

const casesDir = new URL('../../cpts-core/conformance/cases/', import.meta.url);
const cases = readdirSync(casesDir)
  .filter((f) => f.endsWith('.request.json'))
  .map((f) => f.replace('.request.json', ''))
  .sort();
const bytes = (name, kind) => readFileSync(new URL(`${name}.${kind}.json`, casesDir));

const cpts = await Cpts.create();

const withoutPosition = ({ line, column, ...rest }) => rest;

test('the package speaks the engine version', () => {
  assert.equal(Cpts.apiVersion, 1);
  assert.match(Cpts.libraryVersion, /^\d+\.\d+\.\d+/);
  assert.equal(cpts.hasCommunes, true);
  const versions = cpts.versions();
  assert.deepEqual(
    versions.operations,
    OPERATIONS.map((o) => o.name),
  );
  assert.equal(versions.communes.cog, '2026');
});

test('every conformance request gives its response byte for byte', () => {
  assert.ok(cases.length >= 50, `${cases.length} cases`);
  for (const name of cases) {
    const expected = bytes(name, 'response').toString('utf8');
    assert.equal(cpts.callBytes(bytes(name, 'request')) + '\n', expected, name);
  }
});

test('every operation answers through its typed method as the corpus says', () => {
  const covered = new Set();
  for (const name of cases) {
    // JavaScript numbers cannot hold 1e400 or 10^23 exactly: the byte test covers those.
    if (name.includes('huge')) continue;
    let request;
    try {
      const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes(name, 'request'));
      request = JSON.parse(text);
    } catch {
      continue; // not UTF-8 or not JSON: covered by the byte test
    }
    const response = JSON.parse(bytes(name, 'response').toString('utf8'));
    const op = OPERATIONS.find((o) => o.name === request.operation);
    // `"input": null` is refused by the engine; a method call cannot send it.
    if (request.input === null) continue;
    const input = request.input ?? {};
    if (!op || request.api_version !== 1 || typeof input !== 'object' || Array.isArray(input)) {
      continue;
    }
    if (Object.keys(request).some((k) => !['api_version', 'operation', 'input'].includes(k))) continue;
    if (response.status === 'ok') {
      // A batch's item errors hold a line and a column too, which differ the same way.
      const items = (result) =>
        result?.items ? { ...result, items: result.items.map((i) => (i.error ? { ...i, error: { ...i.error, details: withoutPosition(i.error.details) } } : i)) } : result;
      assert.deepEqual(items(cpts[op.method](input)), items(response.result), name);
      covered.add(op.name);
    } else {
      assert.throws(
        () => cpts[op.method](input),
        (e) =>
          e instanceof CptsError &&
          e.code === response.error.code &&
          e.codeName === response.error.name &&
          e.operation === op.name &&
          // The same French message and English one as every backend.
          e.message === response.error.message &&
          e.messageEn === response.error.message_en &&
          // Line and column differ: the method sends its own compact JSON.
          JSON.stringify(withoutPosition(e.details)) ===
            JSON.stringify(withoutPosition(response.error.details)),
        name,
      );
    }
  }
  // The map operations are not built in this package (their own test below).
  const drawn = new Set(['coverage_map', 'territory_map']);
  assert.deepEqual(
    [...covered].sort(),
    OPERATIONS.map((o) => o.name).filter((n) => !drawn.has(n)).sort(),
    'an operation has no ok case in the corpus',
  );
});

test('values computed by hand', () => {
  // 95 000 inhabitants: taille 3 (80 001 to 175 000) under avenant 2, in force in 2026.
  assert.equal(cpts.band({ population: 95000, on: '2026-01-01' }).taille, 3);
  // Saint-Germain-en-Laye 45 931 + Le Pecq 16 059 = 61 990: taille 2.
  const t = cpts.territory({ communes: ['78551', '78481'], on: '2026-01-01' });
  assert.equal(t.population, 61990);
  assert.equal(t.taille, 2);
  // Fourqueux (78251) is today Saint-Germain-en-Laye.
  assert.equal(cpts.lookupCommune({ code: '78251' }).communes[0].code, '78551');
  const rpps = cpts.validateIdentifier({ kind: 'rpps', value: '100 0092 7870' });
  assert.equal(rpps.canonical, '10000927870');
});

test('errors are CptsError with the stable codes', () => {
  const cases = [
    [() => cpts.band({ population: 1 }), ErrorCode.INVALID_INPUT, 'invalid_input'],
    [() => cpts.band({ population: 1, on: '2026-01-01', extra: 1 }), ErrorCode.INVALID_INPUT, 'invalid_input'],
    [() => cpts.band({ population: 1, on: '2019-08-24' }), ErrorCode.INVALID_INPUT, 'invalid_input'],
    [() => cpts.band({ population: 1, parameter_set: 'aci_2030' }), ErrorCode.NOT_FOUND, 'not_found'],
    [() => cpts.lookupCommune({ code: '78999' }), ErrorCode.NOT_FOUND, 'not_found'],
    [() => cpts.request('nope', {}), ErrorCode.UNKNOWN_OPERATION, 'unknown_operation'],
  ];
  for (const [call, code, codeName] of cases) {
    assert.throws(call, (e) => e instanceof CptsError && e.code === code && e.codeName === codeName);
  }
  const error = (() => {
    try {
      cpts.band({ population: 1, on: '2026-02-30' });
    } catch (e) {
      return e;
    }
  })();
  assert.equal(error.name, 'CptsError');
  assert.equal(error.details.path, 'input.on');
  assert.ok(error instanceof Error);
  // Raw calls never throw: the error is in the response.
  const raw = JSON.parse(cpts.callJson('{"api_version": 2, "operation": "versions"}'));
  assert.equal(raw.error.code, ErrorCode.UNSUPPORTED_VERSION);
  const utf8 = JSON.parse(cpts.callBytes(new Uint8Array([0x7b, 0xff, 0x7d])));
  assert.equal(utf8.error.code, ErrorCode.INVALID_UTF8);
});

test('the error codes are the C library numbers', () => {
  assert.deepEqual(Object.values(ErrorCode), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 99]);
});

test('without the commune table, territory operations say so', async () => {
  const bare = await Cpts.create({ communes: false });
  assert.equal(bare.hasCommunes, false);
  assert.throws(
    () => bare.territory({ communes: ['78551'] }),
    (e) =>
      e.code === ErrorCode.DATA_UNAVAILABLE &&
      // The package names its own method, in both languages.
      e.message ===
        "la table des communes n'est pas chargée : chargez-la avant d'appeler une opération sur les territoires (Cpts.loadCommunes)" &&
      e.messageEn ===
        'the commune table is not loaded: load it before calling a territory operation (Cpts.loadCommunes)',
  );
  // Funding operations need no commune data.
  assert.equal(bare.band({ population: 39999, on: '2026-01-01' }).taille, 1);
  await assert.rejects(
    bare.loadCommunes('not a commune table'),
    (e) => e instanceof CptsError && e.code === ErrorCode.DATA_UNAVAILABLE,
  );
  assert.equal(bare.hasCommunes, false);
  await bare.loadCommunes(new URL('../pkg/communes.txt', import.meta.url));
  assert.equal(bare.territory({ communes: ['78551'] }).population, 45931);
});

test('the commune table is read by the first call that needs it, not by create()', async () => {
  // A text that is not a commune table: create() does not read it, a funding call does not
  // need it; the first territory call reads it and says what is wrong, every time.
  const lazy = await Cpts.create({ communes: 'not a commune table' });
  assert.equal(lazy.hasCommunes, true);
  assert.equal(lazy.band({ population: 95000, on: '2026-01-01' }).taille, 3);
  for (let i = 0; i < 2; i++) {
    assert.throws(
      () => lazy.territory({ communes: ['78551'] }),
      (e) => e instanceof CptsError && e.code === ErrorCode.DATA_UNAVAILABLE && e.details.domain === 'communes',
    );
  }
  // The package's table, read on first need, answers as the conformance corpus says (the
  // byte test above runs on such an engine too); Saint-Germain-en-Laye has 45 931 inhabitants.
  const fresh = await Cpts.create();
  assert.equal(fresh.territory({ communes: ['78551'] }).population, 45931);
});

test('under Node, create() and a first call read the package\'s files without loading fetch', () => {
  // In a fresh process where looking at Response, fetch, Request or Headers throws (under
  // Node each loads undici on first look: 20 ms of a cold start), the package still starts,
  // with and without its commune table, and answers.
  const probe = `
    for (const name of ['Response', 'fetch', 'Request', 'Headers']) {
      Object.defineProperty(globalThis, name, { get() { throw new Error('looked at ' + name); } });
    }
    const { Cpts } = await import(${JSON.stringify(new URL('../pkg/index.node.js', import.meta.url).href)});
    for (const options of [{}, { communes: false }]) {
      const cpts = await Cpts.create(options);
      console.log(cpts.band({ population: 95000, on: '2026-01-01' }).taille);
    }
    const cpts = await Cpts.create();
    console.log(cpts.territory({ communes: ['78551'] }).population);
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' });
  assert.equal(run.stderr, '');
  assert.equal(run.stdout, '3\n3\n45931\n');
});

test('a commune table fetched over HTTP: loaded, or data_unavailable with the HTTP status', async () => {
  const table = await readFile(new URL('../pkg/communes.txt', import.meta.url));
  const server = createServer((request, response) => {
    if (request.url === '/communes.txt') {
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end(table);
    } else {
      response.writeHead(404).end('not here');
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    const bare = await Cpts.create({ communes: false });
    await assert.rejects(bare.loadCommunes(new URL(`${base}/missing.txt`)), (e) => {
      assert.ok(e instanceof CptsError);
      assert.equal(e.code, ErrorCode.DATA_UNAVAILABLE);
      assert.deepEqual(e.details, { url: `${base}/missing.txt`, http_status: 404 });
      return true;
    });
    assert.equal(bare.hasCommunes, false);
    await bare.loadCommunes(new URL(`${base}/communes.txt`));
    // Versailles: the row `C|78646|78|247800584|84095|78000||Versailles` of communes.txt.
    assert.equal(bare.lookupCommune({ code: '78646' }).communes[0].population, 84095);
  } finally {
    server.close();
  }
});

test('the commune table and the wasm given as bytes, a Response or a promise of one', async () => {
  const table = await readFile(new URL('../pkg/communes.txt', import.meta.url));
  const wasm = await readFile(new URL('../pkg/wasm/cpts.wasm', import.meta.url));
  const server = createServer((request, response) => {
    if (request.url === '/communes.txt') response.writeHead(200).end(table);
    else response.writeHead(404).end('not here');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  try {
    // Saint-Germain-en-Laye: 45 931 inhabitants in communes.txt, whatever the source.
    for (const communes of [
      new Uint8Array(table),
      table.buffer.slice(table.byteOffset, table.byteOffset + table.byteLength),
      await fetch(`${base}/communes.txt`),
      fetch(`${base}/communes.txt`),
    ]) {
      const c = await Cpts.create({ communes });
      assert.equal(c.territory({ communes: ['78551'] }).population, 45931);
    }
    const bare = await Cpts.create({ communes: false });
    await bare.loadCommunes(new Uint8Array(table));
    assert.equal(bare.territory({ communes: ['78551'] }).population, 45931);
    // A failed download, as a Response or a promise of one: data_unavailable with its status.
    for (const source of [await fetch(`${base}/missing.txt`), fetch(`${base}/missing.txt`)]) {
      await assert.rejects(Cpts.create({ communes: source }), (e) =>
        e instanceof CptsError && e.code === ErrorCode.DATA_UNAVAILABLE &&
        e.details.http_status === 404 && e.details.url === `${base}/missing.txt`);
    }
    // Bytes that are not a commune table: read by the first territory call, which says so.
    const wrong = await Cpts.create({ communes: new TextEncoder().encode('pas une table') });
    assert.throws(() => wrong.territory({ communes: ['78551'] }),
      (e) => e instanceof CptsError && e.code === ErrorCode.DATA_UNAVAILABLE);
    // Neither text, bytes, URL nor Response: TypeError in French, before any reading.
    for (const communes of [42, {}, null]) {
      await assert.rejects(Cpts.create({ communes }), (e) => e instanceof TypeError && /communes se donne/.test(e.message));
      await assert.rejects(bare.loadCommunes(communes), (e) => e instanceof TypeError && /se donne/.test(e.message));
    }
    // The wasm as bytes and as a promise of a Response (a wasm 404 is data_unavailable).
    const fromBytes = await Cpts.create({ wasm: new Uint8Array(wasm), communes: false });
    assert.equal(fromBytes.band({ population: 95000, on: '2026-01-01' }).taille, 3);
    await assert.rejects(Cpts.create({ wasm: fetch(`${base}/missing.wasm`), communes: false }),
      (e) => e instanceof CptsError && e.code === ErrorCode.DATA_UNAVAILABLE && e.details.http_status === 404);
    // The next create without a wasm keeps the module compiled from bytes: still answering.
    assert.equal((await Cpts.create({ communes: false })).band({ population: 95000, on: '2026-01-01' }).taille, 3);
  } finally {
    server.close();
  }
});

test('a request over the engine limit is limit_exceeded, with the sizes', () => {
  // The engine's default limit: 16 MiB (DEFAULT_MAX_REQUEST_BYTES in cpts-core/src/api/mod.rs).
  const limit = 16 * 1024 * 1024;
  const big = `{"api_version":1,"operation":"versions","input":{}}${' '.repeat(limit)}`;
  const response = JSON.parse(cpts.callJson(big));
  assert.equal(response.error.code, ErrorCode.LIMIT_EXCEEDED);
  assert.equal(response.error.name, 'limit_exceeded');
  assert.deepEqual(response.error.details, { bytes: limit + 51, max_bytes: limit });
  // At the limit, the same request is read (trailing spaces are JSON whitespace).
  const atLimit = big.slice(0, limit);
  assert.equal(JSON.parse(cpts.callJson(atLimit)).status, 'ok');
});

test('the constructor is private', () => {
  assert.throws(() => new Cpts({}), TypeError);
});

test('arguments that are not requests throw TypeError before reaching the engine', () => {
  for (const bad of [123, {}, true, null, undefined, ['{}']]) {
    assert.throws(() => cpts.callJson(bad), TypeError, String(bad));
  }
  for (const bad of ['{}', 123, {}, null]) {
    assert.throws(() => cpts.callBytes(bad), TypeError, String(bad));
  }
  assert.throws(() => cpts.request(42, {}), TypeError);
  // ArrayBuffer and typed views are bytes.
  const bytes = new TextEncoder().encode('{"api_version":1,"operation":"versions"}');
  assert.equal(JSON.parse(cpts.callBytes(bytes.buffer)).status, 'ok');
  assert.equal(JSON.parse(cpts.callBytes(new DataView(bytes.buffer))).status, 'ok');
  // The engine still answers.
  assert.equal(cpts.band({ population: 95000, on: '2026-01-01' }).taille, 3);
});

test('the engine of a collected Cpts is freed', async () => {
  // Node's gc() without --expose-gc on the command line (node --test runs this file).
  v8.setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc');
  const memory = () => Cpts[Symbol.for('cpts.memoryBytesForTests')]();
  const collect = async () => {
    for (let k = 0; k < 3; k++) {
      gc();
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
  };
  await Cpts.create();
  await collect();
  const start = memory();
  // Each Cpts holds its own commune table, about 4 MB of the instance's memory: 60 of them
  // kept would grow it by about 240 MB. Freed as they are collected, the memory is reused.
  for (let i = 0; i < 60; i++) {
    await Cpts.create();
    await collect();
  }
  const grown = memory() - start;
  assert.ok(grown < 40 * 1024 * 1024, `the memory grew by ${grown} bytes`);
  assert.equal(cpts.territory({ communes: ['78551'] }).population, 45931);
});

test('after a trap, the call throws CptsError internal and the next calls run on a fresh instance', async () => {
  const trap = Symbol.for('cpts.trapForTests');
  const other = await Cpts.create();
  const bare = await Cpts.create({ communes: false });
  const before = Cpts.instances;
  const internal = (e) => e instanceof CptsError && e.code === ErrorCode.INTERNAL && e.codeName === 'internal';
  // 1 000 traps: each call after one answers, on a new instance.
  for (let i = 0; i < 1000; i++) {
    assert.throws(() => bare[trap](), internal);
    assert.equal(bare.band({ population: 39999, on: '2026-01-01' }).taille, 1);
  }
  assert.equal(Cpts.instances - before, 1000);
  // The other objects were on the trapped instances: they move to the current one with
  // their own commune table (or none).
  assert.equal(other.territory({ communes: ['78551', '78481'] }).population, 61990);
  assert.equal(bare.hasCommunes, false);
  // A trap of an object with a table: the table is loaded again on the new instance.
  for (let i = 0; i < 3; i++) {
    assert.throws(() => cpts[trap](), internal);
    assert.equal(cpts.territory({ communes: ['78551'] }).population, 45931);
  }
  await bare.loadCommunes(new URL('../pkg/communes.txt', import.meta.url));
  assert.equal(bare.territory({ communes: ['78551'] }).population, 45931);
  // A new Cpts after the traps works, and the conformance corpus still answers byte for byte.
  const fresh = await Cpts.create();
  for (const name of cases) {
    assert.equal(
      fresh.callBytes(bytes(name, 'request')) + '\n',
      bytes(name, 'response').toString('utf8'),
      name,
    );
  }
  // No input reaches a trap: the inputs of the issue that did are answered.
  const max = '79228162514264337593543950335';
  const text = fresh.renderExplanation({
    explanation: {
      label: 'T', amount: '0', rule: null, children: [],
      inputs: [{ name: 'Taux', value: { type: 'rate', value: max }, source: null, parameter_set: null }],
    },
  }).text_fr;
  assert.ok(text.includes('7922816251426433759354395033500\u00a0%'), text);
});

// A hypothetical avenant 3 written only as a file (cpts-core/conformance/avenant-3/): added
// with addParameterSet, it answers the folder's requests byte for byte as Rust and C do.
const avenantDir = new URL('../../cpts-core/conformance/avenant-3/', import.meta.url);
const avenant = (name) => readFileSync(new URL(name, avenantDir), 'utf8');

test('a parameter set given as a file adds a mission: schedule and late missions as in Rust and C', async () => {
  const engine = await Cpts.create({ communes: false });
  const request = (name) => avenant(`${name}.request.json`);
  // Before: the contract states a set the engine does not have, the plan a mission no set
  // defines (naming the set in force).
  assert.match(engine.callJson(request('payment-schedule')), /"status":"error"/);
  const before = JSON.parse(engine.callJson(request('late-missions')));
  assert.equal(before.error.details.error, 'unknown_mission');
  assert.equal(before.error.details.parameter_set, 'aci_2019_avenant_2');
  // The JSON form, as a URL (the package reads JSON: its wasm has no TOML reader).
  await engine.addParameterSet(new URL('aci_avenant_3_hypothetique.json', avenantDir));
  for (const name of ['payment-schedule', 'late-missions']) {
    assert.equal(`${engine.callJson(request(name))}\n`, avenant(`${name}.response.json`), name);
  }
  // 10 000 × 182/366 = 4 972.677… ; 75 % on the start day = 3 729.51 (see the Rust test).
  const schedule = engine.paymentSchedule(JSON.parse(request('payment-schedule')).input);
  const advance = schedule.payments.find((p) => p.mission === 'soutien_structures_france_sante' && p.kind === 'fixed_advance');
  assert.equal(advance.amount, '3729.51');
  assert.equal(advance.date, '2027-09-01');
  assert.deepEqual(
    engine.labels().missions.at(-1),
    { id: 'soutien_structures_france_sante', label: 'soutien aux structures du réseau France santé' },
  );
  // After a trap, the fresh engine has the set again.
  assert.throws(() => engine[Symbol.for('cpts.trapForTests')](), CptsError);
  assert.equal(`${engine.callJson(request('late-missions'))}\n`, avenant('late-missions.response.json'));
});

test('a refused parameter set is a French CptsError and changes nothing', async () => {
  const engine = await Cpts.create({ communes: false });
  // The TOML form: this build reads JSON only, and says so in French.
  await assert.rejects(engine.addParameterSet(avenant('aci_avenant_3_hypothetique.toml'), { file: 'avenant.toml' }), (e) =>
    e instanceof CptsError && e.code === ErrorCode.INVALID_INPUT &&
    e.message === 'avenant.toml : cette version de la bibliothèque lit les jeux de paramètres en JSON seulement : donnez le fichier sous sa forme JSON (même structure que le TOML)');
  // A mission without a label: the field and the rule.
  const json = JSON.parse(avenant('aci_avenant_3_hypothetique.json'));
  json.missions[6].label_fr = ' ';
  await assert.rejects(engine.addParameterSet(JSON.stringify(json)), (e) =>
    e instanceof CptsError && e.code === ErrorCode.INVALID_INPUT &&
    e.details.field === 'missions[6].label_fr' && /libellé français de la mission est requis/.test(e.message));
  // The same set twice: refused, the first one kept.
  await engine.addParameterSet(avenant('aci_avenant_3_hypothetique.json'));
  await assert.rejects(engine.addParameterSet(avenant('aci_avenant_3_hypothetique.json')), (e) =>
    e instanceof CptsError && e.details.error === 'duplicate_set');
  assert.deepEqual(engine.versions().parameter_sets.map((s) => s.id), ['aci_2019', 'aci_2019_avenant_2', 'aci_avenant_3_hypothetique']);
  await assert.rejects(engine.addParameterSet(42), TypeError);
  await assert.rejects(engine.addParameterSet('{}', { file: 3 }), TypeError);
});

// Maps (cpts-core/conformance/maps/): the Rust and C libraries draw them; this package lists
// the two operations (versions answers as everywhere) and says, in French, where maps are.
test('the map operations are listed and answered data_unavailable, in French, without reading their input', async () => {
  const engine = await Cpts.create({ communes: false });
  assert.ok(engine.versions().operations.includes('coverage_map'));
  assert.ok(engine.versions().operations.includes('territory_map'));
  const request = readFileSync(new URL('../../cpts-core/conformance/maps/map-territory-with-a-part.request.json', import.meta.url), 'utf8');
  const answer = JSON.parse(engine.callJson(request));
  assert.equal(answer.error.name, 'data_unavailable');
  assert.equal(answer.error.message, 'pas de cartes dans le paquet npm : la bibliothèque C, la commande cpts et la crate Rust les dessinent');
  assert.throws(() => engine.coverageMap({ anything: true }), (e) =>
    e instanceof CptsError && e.code === ErrorCode.DATA_UNAVAILABLE && e.details.data === 'geometries');
});
