// Generates the npm package's typed surface from the JSON Schemas in cpts-core/schemas/ (themselves
// generated from the Rust types by schemars): nothing here is written by hand.
//
//   cpts-wasm/package/types.d.ts      every input and result type
//   cpts-wasm/package/operations.js   the operations: name, method name
//   cpts-wasm/package/index.d.ts      the Cpts class, one typed method per operation
//
// Usage: node cpts-wasm/tools/generate.mjs [--check]   (--check: fail if a file is stale)
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from 'json-schema-to-typescript';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const schemas = join(root, 'cpts-core', 'schemas');
const out = join(root, 'cpts-wasm', 'package');
const check = process.argv.includes('--check');

const read = (name) => JSON.parse(readFileSync(join(schemas, name), 'utf8'));
const pascal = (snake) => snake.replace(/(^|_)([a-z])/g, (_, __, c) => c.toUpperCase());
const camel = (snake) => snake.replace(/_([a-z])/g, (_, c) => c.toUpperCase());

// The operations, in the order of the API (the request schema's enum).
const operations = read('request.schema.json').properties.operation.enum;
for (const file of readdirSync(schemas)) {
  const m = file.match(/^(.*)\.(input|result)\.schema\.json$/);
  if (m && !operations.includes(m[1])) throw new Error(`${file}: not an operation`);
}

// Definitions shared by several schemas must agree; a type read and written differently
// (fields with defaults are optional when read) gets an `In` suffix on the read side.
const defs = new Map(); // name -> { reads, writes }
const topLevel = {};
function collect(schema, side) {
  for (const [name, def] of Object.entries(schema.$defs ?? {})) {
    const entry = defs.get(name) ?? {};
    const text = JSON.stringify(def);
    if (entry[side] !== undefined && JSON.stringify(entry[side]) !== text) {
      throw new Error(`definition ${name} differs between two ${side} schemas`);
    }
    entry[side] = def;
    defs.set(name, entry);
  }
}
const summaries = {};
for (const op of operations) {
  const input = read(`${op}.input.schema.json`);
  const result = read(`${op}.result.schema.json`);
  summaries[op] = input.description;
  collect(input, 'reads');
  collect(result, 'writes');
  topLevel[`${pascal(op)}Input`] = { schema: input, side: 'reads' };
  topLevel[`${pascal(op)}Result`] = { schema: result, side: 'writes' };
}
const renamed = new Set(
  [...defs].filter(([, e]) => e.reads && e.writes && JSON.stringify(e.reads) !== JSON.stringify(e.writes)).map(([n]) => n),
);
// The data type of a CPTS would be hidden by the class Cpts of index.d.ts: it is CptsData.
const typeName = (name) => (name === 'Cpts' ? 'CptsData' : name);
const nameFor = (name, side) =>
  typeName(side === 'reads' && renamed.has(name) ? `${name}In` : name);
for (const name of renamed) {
  if (defs.has(`${name}In`)) throw new Error(`${name}In is both a type and a read-side name`);
}

// A description is documentation for TypeScript users: the Rust examples it holds for the
// crate's docs (fenced code) are left out.
// Rust's words go too: a rustdoc link [`Type::field`] becomes `field`, `None` is JSON's null.
const forTypeScript = (text) =>
  text
    .replace(/\n*```[\s\S]*?```\n*/g, '\n\n')
    .replace(/\[`([^`\]]+)`\](?:\([^)]*\))?/g, (_, path) => `\`${path.split('::').pop()}\``)
    .replace(/`None`/g, '`null`')
    .replace(/\n{3,}/g, '\n\n')
    .trim();

// Rewrites $refs for one side and names every definition by its key.
function place(node, side) {
  if (Array.isArray(node)) return node.map((n) => place(n, side));
  if (node === null || typeof node !== 'object') return node;
  // A reference with siblings (its description) would become a new, numbered type.
  if (typeof node.$ref === 'string') {
    return { $ref: `#/definitions/${nameFor(node.$ref.replace('#/$defs/', ''), side)}` };
  }
  const copy = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref') {
      copy.$ref = `#/definitions/${nameFor(value.replace('#/$defs/', ''), side)}`;
    } else if (key === '$defs' || key === '$schema') {
      continue;
    } else if (key === 'description' && typeof value === 'string') {
      copy.description = forTypeScript(value);
    } else {
      copy[key] = place(value, side);
    }
  }
  return copy;
}
const definitions = {};
// An operation's input used inside another's (a batch item) is that operation's type: one
// definition, the top-level one, when they agree.
const bare = (schema) => {
  const { $schema, $defs, title, description, ...rest } = schema;
  return JSON.stringify(rest);
};
for (const [name, entry] of defs) {
  for (const side of ['reads', 'writes']) {
    if (entry[side] === undefined) continue;
    if (topLevel[name] && topLevel[name].side === side) {
      if (bare(topLevel[name].schema) !== bare(entry[side])) {
        throw new Error(`definition ${name} differs from the operation's own schema`);
      }
      continue;
    }
    const key = nameFor(name, side);
    if (definitions[key]) {
      if (side === 'writes' && !renamed.has(name)) continue; // the same definition on both sides
      throw new Error(`two definitions named ${key}`);
    }
    definitions[key] = { ...place(entry[side], side), title: key };
  }
}
for (const [name, { schema, side }] of Object.entries(topLevel)) {
  if (definitions[name]) throw new Error(`two definitions named ${name}`);
  definitions[name] = { ...place(schema, side), title: name };
}

const banner = (what) =>
  `/* ${what}\n * Generated by cpts-wasm/tools/generate.mjs from cpts-core/schemas/ (schemars, from the Rust types).\n * Do not edit: run scripts/build-wasm (or node cpts-wasm/tools/generate.mjs). */`;

const types = await compile(
  { title: 'CptsTypes', type: 'object', additionalProperties: false, definitions },
  'CptsTypes',
  {
    bannerComment: banner('TypeScript types of every input and result of the cpts operation API.'),
    declareExternallyReferenced: true,
    unreachableDefinitions: true,
    additionalProperties: false,
    strictIndexSignatures: true,
    format: true,
    style: { singleQuote: true, printWidth: 100 },
  },
);
// The root wrapper type is not part of the API, nor the note json-schema-to-typescript adds
// to every definition (« This interface was referenced by … via the definition … »).
const typesText = types
  .replace(/export interface CptsTypes \{\}\n?/, '')
  .replace(/\/\*\*\n \* This (?:interface|type) was referenced by `CptsTypes`'s JSON-Schema\n \* via the `definition` "[^"]+"\.\n \*\/\n/g, '')
  .replace(/\n \*\n \* This (?:interface|type) was referenced by `CptsTypes`'s JSON-Schema\n \* via the `definition` "[^"]+"\./g, '');
for (const leftover of ['referenced by `CptsTypes`', 'use cpts_core', '.unwrap()', '::', '`None`']) {
  if (typesText.includes(leftover)) throw new Error(`types.d.ts still holds « ${leftover} »`);
}

const operationsText = `${banner('The operations of the cpts API, in order.')}
export const OPERATIONS = Object.freeze([
${operations.map((op) => `  Object.freeze({ name: '${op}', method: '${camel(op)}' }),`).join('\n')}
]);
`;

// The error code names, in number order: the response schema's ApiError enumerates none, so
// they are read from the code table of the Rust docs (cpts-core/src/api/error.rs) that the
// schema's description repeats.
const errorNames = [
  'invalid_argument', 'invalid_utf8', 'invalid_json', 'invalid_request', 'unsupported_version',
  'unknown_operation', 'invalid_input', 'missing_parameter', 'not_found', 'data_unavailable',
  'limit_exceeded', 'internal',
];

const methods = operations
  .map(
    (op) =>
      `  /** ${summaries[op]} (operation \`${op}\`) */\n  ${camel(op)}(input${
        Object.keys(read(`${op}.input.schema.json`).properties ?? {}).length === 0 ? '?' : ''
      }: ${pascal(op)}Input): ${pascal(op)}Result;`,
  )
  .join('\n');
const importList = operations.flatMap((op) => [`${pascal(op)}Input`, `${pascal(op)}Result`]).join(',\n  ');
const indexText = `${banner('The cpts npm package: typed API.')}
import type {
  ${importList},
} from './types.js';

export * from './types.js';

/** Stable error codes, the same numbers as the C library's \`cpts_status\`. */
export declare const ErrorCode: Readonly<{
  INVALID_ARGUMENT: 1;
  INVALID_UTF8: 2;
  INVALID_JSON: 3;
  INVALID_REQUEST: 4;
  UNSUPPORTED_VERSION: 5;
  UNKNOWN_OPERATION: 6;
  INVALID_INPUT: 7;
  MISSING_PARAMETER: 8;
  NOT_FOUND: 9;
  DATA_UNAVAILABLE: 10;
  LIMIT_EXCEEDED: 11;
  INTERNAL: 99;
}>;

/** The stable code of an error: one of the values of ErrorCode. */
export type ErrorCodeNumber = (typeof ErrorCode)[keyof typeof ErrorCode];

/** The name of an error code (\`invalid_input\`, …). */
export type ErrorCodeName =
${errorNames.map((n) => `  | '${n}'`).join('\n')};

/** The name of an operation in a request. */
export type OperationName =
${operations.map((op) => `  | '${op}'`).join('\n')};

/** The name of the method of an operation. */
export type OperationMethod =
${operations.map((op) => `  | '${camel(op)}'`).join('\n')};

/** The operations, in order: the request name and the method name. */
export declare const OPERATIONS: ReadonlyArray<{
  readonly name: OperationName;
  readonly method: OperationMethod;
}>;

/** A failed call: the stable code, its name, a French message for the person who typed the
 * value (\`message\`), the same in English for developers' logs (\`messageEn\`), and details
 * naming the field, the value and the rule broken. */
export declare class CptsError extends Error {
  readonly name: 'CptsError';
  /** The stable code (see ErrorCode). */
  readonly code: ErrorCodeNumber;
  /** The code's name (\`invalid_input\`, ...). */
  readonly codeName: ErrorCodeName;
  /** What went wrong, in French (« input.population : attendu un nombre entier … »). */
  readonly message: string;
  /** What went wrong, in English, for developers' logs. */
  readonly messageEn: string;
  /** Machine-readable details. */
  readonly details: Record<string, unknown>;
  /** The operation called, when known. */
  readonly operation: OperationName | null;
}

/** Where the package finds its files. */
export interface CreateOptions {
  /** The wasm module: its bytes, a compiled module, a URL (a string is resolved against
   * the package's own URL), a Response or a promise of one (\`fetch(url)\`). Default: the
   * package's wasm/cpts.wasm, next to index.js: a page must serve it there, or say where
   * (with the type application/wasm, for streaming compilation). */
  wasm?: BufferSource | WebAssembly.Module | URL | string | Response | PromiseLike<Response>;
  /** The commune table: its text (a string), its UTF-8 bytes, a URL, a Response or a promise
   * of one, or false to start without it. Default: the package's communes.txt, next to
   * index.js. */
  communes?: CommuneSource | false;
}

/** A commune table (the package's communes.txt, or a newer millésime in the same format):
 * its text, its UTF-8 bytes, a URL to fetch, a Response, or a promise of one. */
export type CommuneSource = string | BufferSource | URL | Response | PromiseLike<Response>;

/** The cpts engine: one instance answers every operation. After an internal error of the
 * engine (a WebAssembly trap, reported as CptsError \`internal\`), the next call runs on a
 * fresh instance of the module, with the commune table loaded again. */
export declare class Cpts {
  private constructor();
  /** Loads the wasm module and, unless \`communes: false\`, the commune table's text (read by
   * the engine on the first call that needs it: a funding call never waits for it). */
  static create(options?: CreateOptions): Promise<Cpts>;
  /** The library version (semver). */
  static readonly libraryVersion: string;
  /** The request format version. */
  static readonly apiVersion: number;
  /** How many instances of the module were made in this process (one more after each
   * trap). */
  static readonly instances: number;
  /** True once a commune table is given (read at once by loadCommunes, or by the first call
   * that needs it). */
  readonly hasCommunes: boolean;
  /** Loads (or replaces) the commune table, read at once. */
  loadCommunes(source: CommuneSource): Promise<void>;
  /** Adds a parameter set: the file an ARS writes for a new text (an avenant), in TOML or
   * JSON, as its text, bytes, a URL, a Response or a promise of one. Precedence is by date
   * (the set applies from its \`valid_from\`; the last open-ended set is closed the day
   * before). A refused file throws CptsError \`INVALID_INPUT\` (the field and the rule, in
   * French); the engine is then unchanged. */
  addParameterSet(source: CommuneSource, options?: { file?: string }): Promise<void>;
  /** Calls an operation by name; throws CptsError. */
  request(operation: OperationName, input?: object): unknown;
  /** Sends a JSON request text and returns the JSON response text, byte for byte what the
   * C library and the Rust engine answer (never throws for a bad request; throws TypeError
   * when the request is not a string). */
  callJson(request: string): string;
  /** The same, for a request given as UTF-8 bytes. */
  callBytes(request: Uint8Array | ArrayBuffer): string;
${methods}
}
`;

let stale = 0;
for (const [file, text] of [
  ['types.d.ts', typesText],
  ['operations.js', operationsText],
  ['index.d.ts', indexText],
]) {
  const path = join(out, file);
  let current = null;
  try {
    current = readFileSync(path, 'utf8');
  } catch {}
  if (current === text) continue;
  if (check) {
    console.error(`stale: cpts-wasm/package/${file} (run node cpts-wasm/tools/generate.mjs)`);
    stale++;
  } else {
    writeFileSync(path, text);
    console.log(`wrote cpts-wasm/package/${file}`);
  }
}
if (stale) process.exit(1);
console.log(
  `${operations.length} operations, ${Object.keys(definitions).length} types` +
    (renamed.size ? ` (read-side names: ${[...renamed].map((n) => `${n}In`).join(', ')})` : ''),
);
