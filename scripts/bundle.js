// @ts-check
// `npm run build`, after tsc: the command-line tool and the parsing worker each become one file,
// written over tsc's output at the same paths (dist/cli/main.js, dist/vault/worker.js), so that
// relative paths in the code (package.json, the worker, see src/vault/pool.ts) hold in both. Node
// loads ES modules file by file: the tool opened 403 JavaScript files (its own, remark's many small
// ones, yaml's), and `flashmark --version` took 0.28 s against 0.13 s for the bundle; a rebuild
// after one note changed spends that on every run. The library (dist/index.js and the modules it
// imports) stays as tsc wrote it.
import { build } from 'esbuild';

await build({
  entryPoints: ['dist/cli/main.js', 'dist/vault/worker.js'],
  outdir: 'dist',
  outbase: 'dist',
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // esbuild's tables date these to later Node 20 releases (by their Unicode data) and would rewrite each such
  // literal as `new RegExp(...)`, compiled again every time it is evaluated: a pattern inside a function
  // then costs a compilation of its Unicode classes per call. Every Node 20 has both features.
  supported: { 'regexp-lookbehind-assertions': true, 'regexp-unicode-property-escapes': true },
  // A native addon: loaded from node_modules as before.
  external: ['better-sqlite3'],
  // The CommonJS packages bundled (commander) call `require` for Node's own modules; an ES module has none.
  banner: { js: "import { createRequire as flashmarkCreateRequire } from 'node:module'; const require = flashmarkCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
