// vite's development server pre-bundles dependencies into node_modules/.vite/, away from the
// files their `new URL('…', import.meta.url)` point to: cpts is left out of it, so that its
// wasm and commune table are found in development as in the build.
export default {
  optimizeDeps: { exclude: ['cpts'] },
};
