// @ts-check
// `npm run bench`: runs every benchmark in bench/ (each a standalone script printing its own table).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const benches = ['vault.js', 'apkg.js'];
let failed = false;
for (const name of benches) {
  const path = fileURLToPath(new URL(name, import.meta.url));
  if (!existsSync(path)) continue;
  const result = spawnSync(process.execPath, ['--expose-gc', path, ...process.argv.slice(2)], { stdio: 'inherit' });
  if (result.status !== 0) failed = true;
}
process.exitCode = failed ? 1 : 0;
