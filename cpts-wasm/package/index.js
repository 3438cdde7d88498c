// The cpts npm package: a thin layer over the WebAssembly engine. It holds no rule: every
// answer comes from the Rust operation API (cpts_core::api), the one the C library wraps.
// Objects go in and out as JSON; a failed call throws a CptsError with the stable code.
import initWasm, { Engine, apiVersion, libraryVersion } from './wasm/cpts_wasm.js';
import { OPERATIONS } from './operations.js';

export { OPERATIONS };

/** Stable error codes, the same numbers as the C library's cpts_status. */
export const ErrorCode = Object.freeze({
  INVALID_ARGUMENT: 1,
  INVALID_UTF8: 2,
  INVALID_JSON: 3,
  INVALID_REQUEST: 4,
  UNSUPPORTED_VERSION: 5,
  UNKNOWN_OPERATION: 6,
  INVALID_INPUT: 7,
  MISSING_PARAMETER: 8,
  NOT_FOUND: 9,
  DATA_UNAVAILABLE: 10,
  LIMIT_EXCEEDED: 11,
  INTERNAL: 99,
});

/** A failed call: code, code name, message and details, as the engine reported them. */
export class CptsError extends Error {
  constructor(error, operation = null) {
    super(error.message);
    Object.defineProperty(this, 'name', { value: 'CptsError' });
    this.code = error.code;
    this.codeName = error.name;
    this.details = error.details ?? {};
    this.operation = operation;
  }
}

const inNode = typeof process !== 'undefined' && Boolean(process.versions?.node);

async function readPackageFile(url, encoding) {
  const { readFile } = await import('node:fs/promises');
  return readFile(url, encoding);
}

async function wasmSource(wasm) {
  if (wasm !== undefined) return typeof wasm === 'string' ? new URL(wasm, import.meta.url) : wasm;
  const url = new URL('./wasm/cpts_wasm_bg.wasm', import.meta.url);
  return inNode && url.protocol === 'file:' ? readPackageFile(url) : url;
}

async function communesText(source) {
  if (typeof source === 'string') return source;
  const url = source;
  if (url.protocol === 'file:') return readPackageFile(url, 'utf8');
  const response = await fetch(url);
  if (!response.ok) {
    throw new CptsError({
      code: ErrorCode.DATA_UNAVAILABLE,
      name: 'data_unavailable',
      message: `the commune table could not be fetched from ${url}: HTTP ${response.status}`,
      details: { url: String(url), http_status: response.status },
    });
  }
  return response.text();
}

/** Runs a binding that throws the JSON text of an error response. */
function unwrap(f) {
  try {
    return f();
  } catch (thrown) {
    if (typeof thrown !== 'string') throw thrown;
    throw new CptsError(JSON.parse(thrown).error);
  }
}

let initialised = null;

export class Cpts {
  #engine;

  constructor(engine, token) {
    if (token !== Cpts.#token) throw new TypeError('use Cpts.create()');
    this.#engine = engine;
  }

  static #token = Symbol('Cpts');

  /** Loads the wasm module and, unless `communes: false`, the commune table. */
  static async create({ wasm, communes } = {}) {
    initialised ??= (async () => initWasm({ module_or_path: await wasmSource(wasm) }))();
    await initialised;
    const cpts = new Cpts(unwrap(() => new Engine()), Cpts.#token);
    if (communes !== false) {
      await cpts.loadCommunes(communes ?? new URL('./communes.txt', import.meta.url));
    }
    return cpts;
  }

  static get libraryVersion() {
    return libraryVersion();
  }

  static get apiVersion() {
    return apiVersion();
  }

  get hasCommunes() {
    return this.#engine.hasCommunes();
  }

  /** Loads (or replaces) the commune table: its text (a string), or a URL to fetch. */
  async loadCommunes(source) {
    const text = await communesText(source);
    unwrap(() => this.#engine.loadCommunes(text));
  }

  /** The JSON response text of a JSON request text (byte-identical to C and Rust). */
  callJson(request) {
    return this.#engine.call(request);
  }

  /** The same, for UTF-8 bytes. */
  callBytes(request) {
    return this.#engine.callBytes(request);
  }

  /** Calls an operation by name with a plain object; returns the result or throws CptsError. */
  request(operation, input = {}) {
    const text = this.#engine.call(
      JSON.stringify({ api_version: Cpts.apiVersion, operation, input }),
    );
    const response = JSON.parse(text);
    if (response.status !== 'ok') throw new CptsError(response.error, operation);
    return response.result;
  }
}

for (const { name, method } of OPERATIONS) {
  Object.defineProperty(Cpts.prototype, method, {
    value(input) {
      return this.request(name, input);
    },
    writable: true,
    configurable: true,
  });
}
