// The cpts npm package for browsers, bundlers and every host but Node (package.json
// `exports`, conditions `browser` and `default`): the wasm and the commune table are fetched
// by URL, next to this file unless `Cpts.create({ wasm, communes })` says otherwise. The whole
// layer is core.js; index.node.js is the same with Node's file reading.
export { Cpts, CptsError, ErrorCode, OPERATIONS } from './core.js';
