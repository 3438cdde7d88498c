// The cpts npm package: a thin layer over the WebAssembly engine. It holds no rule: every
// answer comes from the Rust operation API (cpts_core::api), the one the C library wraps.
// Objects go in and out as JSON; a failed call throws a CptsError with the stable code.
//
// The module (wasm/cpts.wasm) has no imports and a small C-like ABI (cpts-wasm/src/lib.rs):
// buffers are allocated in its memory with cpts_wasm_alloc and handed over to the call that
// reads them; a response is {ptr, len, capacity} (u32 LE) pointing at the UTF-8 text, freed
// with cpts_wasm_response_free. After a trap (a WebAssembly.RuntimeError: a Rust panic under
// panic = "abort", memory exhausted) an instance's memory is in an unknown state: the call
// throws CptsError `internal`, the instance is dropped, and every Cpts moves to a fresh
// instance on its next call (made synchronously from the compiled module, its commune table
// loaded again).
//
// This file is the whole package but for reading files: index.js (browsers, bundlers,
// every host but Node) fetches the wasm and the commune table by URL; index.node.js gives it
// Node's file reading. The package's `exports` conditions choose one.
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

/**
 * A failed call, as the engine reported it: `code` (an ErrorCode), `codeName`, `message` (in
 * French, for the person who typed the value), `messageEn` (the same in English, for
 * developers' logs) and `details`. A missing commune table names this package's method.
 */
export class CptsError extends Error {
  constructor(error, operation = null) {
    const details = error.details ?? {};
    const hint = error.code === ErrorCode.DATA_UNAVAILABLE && details.data === 'communes';
    super(hint ? `${error.message} (Cpts.loadCommunes)` : error.message);
    Object.defineProperty(this, 'name', { value: 'CptsError' });
    this.code = error.code;
    this.codeName = error.name;
    const en = error.message_en ?? error.message;
    this.messageEn = hint ? `${en} (Cpts.loadCommunes)` : en;
    this.details = details;
    this.operation = operation;
  }
}

/** Reads a `file:` URL into bytes: set by index.node.js; elsewhere such URLs are fetched. */
let readFileUrl = null;

/** For index.node.js: how to read a `file:` URL (to a Uint8Array). */
export function useFileReader(read) {
  readFileUrl = read;
}

const isResponse = (v) => typeof Response === 'function' && v instanceof Response;
const isThenable = (v) => v !== null && typeof v === 'object' && typeof v.then === 'function';

/** A file of the package or a caller's URL: read (Node, `file:`) or fetched. */
function open(url) {
  return readFileUrl !== null && url.protocol === 'file:' ? readFileUrl(url) : fetch(url);
}

/** The compiled module, from bytes, a URL, a path relative to this file, a Response or a
 * promise of one (`fetch(url)`), or a compiled module. */
async function compile(wasm) {
  let source = wasm ?? new URL('./wasm/cpts.wasm', import.meta.url);
  if (isThenable(source)) source = await source;
  if (typeof source === 'string') source = new URL(source, import.meta.url);
  if (source instanceof WebAssembly.Module) return source;
  if (source instanceof URL) source = await open(source);
  // Bytes (a file read under Node) are compiled before anything asks whether they are a
  // Response: under Node, the first look at the global Response loads its fetch (undici),
  // 20 ms of a cold start.
  if (ArrayBuffer.isView(source) || source instanceof ArrayBuffer) return WebAssembly.compile(source);
  if (isResponse(source)) {
    if (!source.ok) {
      throw new CptsError({
        code: ErrorCode.DATA_UNAVAILABLE,
        name: 'data_unavailable',
        message: `le module WebAssembly n'a pas pu être téléchargé depuis ${source.url} : HTTP ${source.status}`,
        message_en: `the wasm module could not be fetched from ${source.url}: HTTP ${source.status}`,
        details: { url: source.url, http_status: source.status },
      });
    }
    if (typeof WebAssembly.compileStreaming === 'function' &&
        source.headers.get('content-type') === 'application/wasm') {
      return WebAssembly.compileStreaming(source);
    }
    return WebAssembly.compile(await source.arrayBuffer());
  }
  return WebAssembly.compile(source);
}

const COMMUNES_FAILED = {
  fr: 'la table des communes n\'a pas pu être téléchargée',
  en: 'the commune table could not be fetched',
};
const PARAMETER_SET_FAILED = {
  fr: 'le jeu de paramètres n\'a pas pu être téléchargé',
  en: 'the parameter set could not be fetched',
};

/**
 * The commune table: the text given, or the bytes given, or those of a file, URL or Response
 * (kept as UTF-8 bytes, which the engine reads as they are: no decoding into a JavaScript
 * string and encoding back, a third of a cold start).
 * A parameter set is read the same way. `failed` says what could not be fetched.
 */
async function communesText(source, failed = COMMUNES_FAILED) {
  if (isThenable(source)) source = await source;
  if (typeof source === 'string') return source;
  if (source instanceof ArrayBuffer) return new Uint8Array(source);
  if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
  const response = source instanceof URL ? await open(source) : source;
  if (response instanceof Uint8Array) return response;
  const url = response.url || String(source);
  if (!response.ok) {
    throw new CptsError({
      code: ErrorCode.DATA_UNAVAILABLE,
      name: 'data_unavailable',
      message: `${failed.fr} depuis ${url} : HTTP ${response.status}`,
      message_en: `${failed.en} from ${url}: HTTP ${response.status}`,
      details: { url: String(url), http_status: response.status },
    });
  }
  return new Uint8Array(await response.arrayBuffer());
}

/** What a commune table may be given as: text, bytes, a URL, a Response or a promise of one. */
function isCommuneSource(v) {
  return typeof v === 'string' || v instanceof URL || v instanceof ArrayBuffer ||
    ArrayBuffer.isView(v) || isResponse(v) || isThenable(v);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** One instance of the module; `poisoned` once a call on it trapped. */
class Instance {
  constructor(module) {
    this.exports = new WebAssembly.Instance(module, {}).exports;
    this.poisoned = false;
  }

  /** Copies bytes into a buffer of the instance's memory; returns its address. */
  write(bytes) {
    const ptr = this.exports.cpts_wasm_alloc(bytes.length) >>> 0;
    new Uint8Array(this.exports.memory.buffer, ptr, bytes.length).set(bytes);
    return ptr;
  }

  /** Reads and frees a response: `{ptr, len, capacity}`, three little-endian u32. */
  read(response) {
    response >>>= 0;
    const buffer = this.exports.memory.buffer;
    const view = new DataView(buffer);
    const text = decoder.decode(
      new Uint8Array(buffer, view.getUint32(response, true), view.getUint32(response + 4, true)),
    );
    this.exports.cpts_wasm_response_free(response);
    return text;
  }
}

/** The compiled module and the instance Cpts objects run on (replaced after a trap). */
let compiled = null;
let module = null;
let current = null;
/** Instances made since the package loaded (for tests: each trap makes one more). */
let instances = 0;

/**
 * Frees the engine of a Cpts once the object is collected (each engine holds its own commune
 * table, about 4 MB of the instance's memory). An engine on a trapped instance goes with it.
 */
const engines = typeof FinalizationRegistry === 'function'
  ? new FinalizationRegistry(({ instance, engine }) => {
    if (instance.poisoned) return;
    try {
      instance.exports.cpts_wasm_engine_free(engine);
    } catch (e) {
      if (isTrap(e)) instance.poisoned = true;
    }
  })
  : null;

function healthyInstance() {
  if (module === null) throw new TypeError('cpts : appelez d\'abord Cpts.create() (il charge le module WebAssembly)');
  if (current === null || current.poisoned) {
    current = new Instance(module);
    instances += 1;
  }
  return current;
}

/** A trap of the engine: the instance is dropped; the error says so. */
function trapped(instance, error, operation) {
  instance.poisoned = true;
  return new CptsError(
    {
      code: ErrorCode.INTERNAL,
      name: 'internal',
      message:
        'le moteur s\'est arrêté sur une erreur interne (une anomalie : merci de la signaler avec ' +
        'la requête) ; l\'appel suivant se fera sur une nouvelle instance',
      message_en:
        'the engine stopped on an internal error (a WebAssembly trap: a bug, please report it ' +
        'with the request); the next call runs on a new instance',
      details: { trap: String(error?.message ?? error) },
    },
    operation,
  );
}

const isTrap = (e) => e instanceof WebAssembly.RuntimeError || e instanceof RangeError;

/** Runs `f(instance)`; a trap poisons the instance and throws CptsError `internal`. */
function onInstance(instance, operation, f) {
  try {
    return f(instance);
  } catch (e) {
    if (isTrap(e)) throw trapped(instance, e, operation);
    throw e;
  }
}

function throwResponse(text, operation = null) {
  throw new CptsError(JSON.parse(text).error, operation);
}

function bytesOf(request, method) {
  if (request instanceof Uint8Array) return request;
  if (request instanceof ArrayBuffer) return new Uint8Array(request);
  if (ArrayBuffer.isView(request)) {
    return new Uint8Array(request.buffer, request.byteOffset, request.byteLength);
  }
  throw new TypeError(`Cpts.${method} : la requête doit être un Uint8Array ou un ArrayBuffer, pas ${typeof request}`);
}

export class Cpts {
  #instance = null;
  #engine = 0;
  #communes = null;
  /** The parameter sets added, as [file, UTF-8 bytes], given again to a fresh engine. */
  #parameterSets = [];

  constructor(token) {
    if (token !== Cpts.#token) throw new TypeError('cpts : créez le moteur avec Cpts.create()');
  }

  static #token = Symbol('Cpts');

  /**
   * Loads the wasm module and, unless `communes: false`, the commune table's text (fetched
   * while the module compiles); the engine reads the table on the first call that needs it,
   * so that a funding call never waits for 35 000 communes to be indexed. `loadCommunes`
   * reads a table at once.
   */
  static async create({ wasm, communes } = {}) {
    if (communes !== undefined && communes !== false && !isCommuneSource(communes)) {
      throw new TypeError('Cpts.create : communes se donne par son texte (une chaîne), ses octets, une URL, une Response ou false');
    }
    const text = communes === false ? null : communesText(communes ?? new URL('./communes.txt', import.meta.url));
    text?.catch(() => {});
    if (wasm !== undefined || module === null) {
      compiled = compile(wasm);
      compiled.catch(() => { compiled = null; });
      module = await compiled;
      current = null;
    } else {
      await compiled;
    }
    const cpts = new Cpts(Cpts.#token);
    cpts.#bind();
    if (text !== null) {
      cpts.#communes = await text;
      cpts.#give(cpts.#communes);
    }
    return cpts;
  }

  static get libraryVersion() {
    const instance = healthyInstance();
    return onInstance(instance, null, (i) => i.read(i.exports.cpts_wasm_library_version()));
  }

  static get apiVersion() {
    const instance = healthyInstance();
    return onInstance(instance, null, (i) => i.exports.cpts_wasm_api_version());
  }

  /** Instances of the module made so far in this process (one more after each trap). */
  static get instances() {
    return instances;
  }

  /** A new engine on a healthy instance, with this object's commune table. */
  #bind() {
    const instance = healthyInstance();
    const engine = onInstance(instance, null, (i) => i.exports.cpts_wasm_engine_new() >>> 0);
    if (engine === 0) {
      throw new CptsError({
        code: ErrorCode.INTERNAL,
        name: 'internal',
        message: 'le moteur n\'a pas pu lire ses paramètres intégrés (un défaut de construction du paquet)',
        message_en: 'the engine could not read its embedded parameters (a build defect)',
        details: {},
      });
    }
    this.#instance = instance;
    this.#engine = engine;
    engines?.unregister(this);
    engines?.register(this, { instance, engine }, this);
    if (this.#communes !== null) this.#give(this.#communes);
    for (const [file, bytes] of this.#parameterSets) this.#addSet(file, bytes);
  }

  /** Adds a parameter set to the engine (`cpts_wasm_engine_add_parameter_set`); throws the
   * engine's CptsError when it refuses the file. */
  #addSet(file, bytes) {
    const instance = this.#instance;
    const error = onInstance(instance, null, (i) => {
      const name = encoder.encode(file);
      const namePtr = i.write(name);
      const ptr = i.write(bytes);
      const response = i.exports.cpts_wasm_engine_add_parameter_set(
        this.#engine, namePtr, name.length, ptr, bytes.length) >>> 0;
      return response === 0 ? null : i.read(response);
    });
    if (error !== null) throwResponse(error);
  }

  /**
   * Adds a parameter set: the file an ARS writes for a new text (an avenant), in TOML or JSON,
   * given as its text, its bytes, a URL, a Response or a promise of one. `file` names it in
   * errors (default: the URL, or « jeu de paramètres »). Precedence is by date: the set
   * applies from its `valid_from`, the last open-ended set is closed the day before. Every
   * later call uses the set in force on its dates. A refused file throws CptsError
   * `INVALID_INPUT` (the field and the rule in French) and the engine is unchanged.
   */
  async addParameterSet(source, { file } = {}) {
    if (!isCommuneSource(source)) {
      throw new TypeError('Cpts.addParameterSet : le jeu de paramètres se donne par son texte (une chaîne), ses octets, une URL ou une Response');
    }
    if (file !== undefined && typeof file !== 'string') {
      throw new TypeError(`Cpts.addParameterSet : file est le nom du fichier (une chaîne), pas ${typeof file}`);
    }
    const name = file ?? (source instanceof URL ? source.href : 'jeu de paramètres');
    const text = await communesText(source, PARAMETER_SET_FAILED);
    const bytes = typeof text === 'string' ? encoder.encode(text) : text.slice();
    this.#ready();
    this.#addSet(name, bytes);
    this.#parameterSets.push([name, bytes]);
  }

  /** The instance and engine to call: a fresh pair after a trap. */
  #ready() {
    if (this.#instance === null || this.#instance.poisoned) this.#bind();
    return this.#instance;
  }

  /** Reads a commune table (its text, or its UTF-8 bytes) now
   * (`cpts_wasm_engine_load_communes`) or, `later`, gives it to be read by the first call
   * that needs it (`cpts_wasm_engine_give_communes`). */
  #load(text, later = false) {
    const instance = this.#instance;
    const error = onInstance(instance, null, (i) => {
      const bytes = typeof text === 'string' ? encoder.encode(text) : text;
      const ptr = i.write(bytes);
      const load = later ? i.exports.cpts_wasm_engine_give_communes : i.exports.cpts_wasm_engine_load_communes;
      const response = load(this.#engine, ptr, bytes.length) >>> 0;
      return response === 0 ? null : i.read(response);
    });
    if (error !== null) throwResponse(error);
  }

  #give(text) {
    this.#load(text, true);
  }

  get hasCommunes() {
    const instance = this.#ready();
    return onInstance(instance, null, (i) => i.exports.cpts_wasm_engine_has_communes(this.#engine) === 1);
  }

  /** Loads (or replaces) the commune table: its text (a string), or a URL to fetch. */
  async loadCommunes(source) {
    if (!isCommuneSource(source)) {
      throw new TypeError('Cpts.loadCommunes : la table des communes se donne par son texte (une chaîne), ses octets, une URL ou une Response');
    }
    const text = await communesText(source);
    this.#ready();
    this.#load(text);
    this.#communes = text;
  }

  #send(bytes, operation) {
    const instance = this.#ready();
    return onInstance(instance, operation, (i) => {
      const ptr = i.write(bytes);
      return i.read(i.exports.cpts_wasm_call(this.#engine, ptr, bytes.length));
    });
  }

  /** The JSON response text of a JSON request text (byte-identical to C and Rust). */
  callJson(request) {
    if (typeof request !== 'string') {
      throw new TypeError(`Cpts.callJson : la requête doit être une chaîne (le texte JSON), pas ${request === null ? 'null' : typeof request}`);
    }
    return this.#send(encoder.encode(request), null);
  }

  /** The same, for UTF-8 bytes. */
  callBytes(request) {
    return this.#send(bytesOf(request, 'callBytes'), null);
  }

  /** Calls an operation by name with a plain object; returns the result or throws CptsError. */
  request(operation, input = {}) {
    if (typeof operation !== 'string') {
      throw new TypeError(`Cpts.request : le nom de l'opération doit être une chaîne, pas ${typeof operation}`);
    }
    const text = this.#send(
      encoder.encode(JSON.stringify({ api_version: Cpts.apiVersion, operation, input })),
      operation,
    );
    const response = JSON.parse(text);
    if (response.status !== 'ok') throw new CptsError(response.error, operation);
    return response.result;
  }

  /** Bytes of the current instance's memory, for the package's tests (not part of the API). */
  static [Symbol.for('cpts.memoryBytesForTests')]() {
    return healthyInstance().exports.memory.buffer.byteLength;
  }

  /** Makes the engine trap, for the package's tests of recovery (not part of the API). */
  [Symbol.for('cpts.trapForTests')]() {
    const instance = this.#ready();
    onInstance(instance, null, (i) => i.exports.cpts_wasm_trap_for_tests());
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
