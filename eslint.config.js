import js from '@eslint/js';
import { readdirSync } from 'node:fs';
import { URL, fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

/**
 * The stages under src/ and the stages each may import (docs/architecture.md): a stage imports only
 * stages before it, so the pipeline reads in one direction. The basics (card.ts, cloze.ts, errors.ts, hash.ts,
 * fs/) may be imported by all; cli/ and index.ts are the edge and may import anything.
 */
const STAGE_IMPORTS = {
  fs: [],
  settings: ['extract'],
  scan: ['settings'],
  parse: [],
  extract: ['parse', 'scan'],
  store: ['fs'],
  vault: ['scan', 'extract', 'store', 'fs'],
  anki: ['store'],
  renames: ['vault', 'store'],
  build: ['extract', 'vault', 'anki', 'progress', 'renames', 'store', 'fs'],
  schedule: [],
  study: ['schedule', 'renames', 'store'],
  progress: ['anki', 'schedule', 'store', 'study'],
  review: ['schedule', 'renames', 'store', 'study'],
  stats: ['schedule', 'store', 'study'],
  summary: ['vault'],
  sync: ['anki', 'build', 'store'],
  watch: ['build', 'sync'],
};
const STAGES = [...Object.keys(STAGE_IMPORTS), 'cli'];

// A new folder under src/ is a new stage: it gets its line above and in docs/architecture.md.
const unplaced = readdirSync(fileURLToPath(new URL('src', import.meta.url)), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && !STAGES.includes(entry.name))
  .map((entry) => entry.name);
if (unplaced.length > 0) throw new Error(`eslint.config.js: src/${unplaced.join(', src/')} not in STAGE_IMPORTS (see docs/architecture.md)`);

/** One `no-restricted-imports` rule per stage, naming the stages it may not import. */
const stageBoundaries = Object.entries(STAGE_IMPORTS).map(([stage, allowed]) => {
  const refused = STAGES.filter((other) => other !== stage && !allowed.includes(other));
  return {
    files: [`src/${stage}/**/*.ts`],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [{
          regex: `^(\\.\\./)+(${refused.join('|')})/`,
          message: `src/${stage}/ may import only ${['the basics', ...allowed].join(', ')} (docs/architecture.md).`,
        }],
      }],
    },
  };
});

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'decks/', 'coverage/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-control-regex': 'off',
    },
  },
  ...stageBoundaries,
  {
    files: ['bench/**/*.js', 'scripts/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
