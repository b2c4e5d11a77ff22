// @ts-check
// `npm run build`, after tsc: the command-line tool and the parsing worker each become one file,
// written over tsc's output at the same paths (dist/cli/main.js, dist/vault/worker.js). Node loads
// ES modules file by file: the tool's ~400 modules (its own, remark's many small ones, yaml's)
// took 0.2 s before any command began, 0.15 s more than the bundle takes; a rebuild after one note
// changed spends that on every run. The library (dist/index.js and the modules it imports) stays
// as tsc wrote it.
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
  // A native addon: loaded from node_modules as before.
  external: ['better-sqlite3'],
  // The CommonJS packages bundled (commander) call `require` for Node's own modules; an ES module has none.
  banner: { js: "import { createRequire as flashmarkCreateRequire } from 'node:module'; const require = flashmarkCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
