// The cpts npm package under Node (package.json `exports`, condition `node`): core.js with
// Node's file reading, so that the package's own wasm/cpts.wasm and communes.txt (and any
// `file:` URL given to Cpts.create or loadCommunes) are read from disk.
import { readFile } from 'node:fs/promises';
import { useFileReader } from './core.js';

// A Buffer is a Uint8Array: handed over as it is, not copied.
useFileReader((url) => readFile(url));

export { Cpts, CptsError, ErrorCode, OPERATIONS } from './core.js';
