import js from '@eslint/js';
import { readdirSync } from 'node:fs';
import { relative } from 'node:path';
import { URL, fileURLToPath } from 'node:url';
import tseslint from 'typescript-eslint';

/**
 * The stages under src/ and the stages each may import (docs/architecture.md): a stage imports only
 * stages before it, so the pipeline reads in one direction. The basics (the files directly under src/, and
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

/**
 * Each table's SQL in one module (docs/architecture.md): the table, by name, and the modules that may
 * write SQL on it (its schema steps and its queries). Checked on string and template literals, so a
 * comment may name any table.
 */
const TABLE_OWNERS = [
  { table: /\bstudy_scheduler\b/, owners: ['src/study/schema.ts', 'src/study/scheduler-choice.ts'] },
  { table: /\bstudy_(card|review|session|sync)\b/, owners: ['src/study/schema.ts', 'src/study/tables.ts'] },
  { table: /\bbuild_(notes\w*|packages)\b/, owners: ['src/build/history.ts'] },
  { table: /\bcard_alias\b/, owners: ['src/renames/schema.ts', 'src/renames/follow.ts'] },
  { table: /\bcache_(meta|note|package|package_contents)\b/, owners: ['src/vault/cache.ts'] },
  { table: /\bsync_notes\b/, owners: ['src/sync/state.ts'] },
  { table: /\bschema_version\b/, owners: ['src/store/database.ts'] },
  // The collection inside an .apkg (Anki's own tables, with names too common to match alone).
  { table: /\b(?:FROM|INTO|UPDATE|JOIN|TABLE)\s+(?:col|notes|cards|revlog|graves)\b/, owners: ['src/anki/collection.ts', 'src/anki/read.ts'] },
];
const CREATED_TABLE = /\bCREATE TABLE (?:IF NOT EXISTS )?\w+/g;
const root = fileURLToPath(new URL('.', import.meta.url));

const tableOwner = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const file = relative(root, context.filename).replace(/\\/g, '/');
    const check = (node, text) => {
      for (const { table, owners } of TABLE_OWNERS) {
        const name = table.exec(text)?.[0];
        if (name !== undefined && !owners.includes(file)) {
          context.report({ node, message: `SQL on ${name} belongs in ${owners.join(' or ')} (docs/architecture.md).` });
        }
      }
      for (const [created] of text.matchAll(CREATED_TABLE)) {
        if (!TABLE_OWNERS.some(({ table }) => table.test(created))) {
          context.report({ node, message: `${created}: the table has no module in TABLE_OWNERS (eslint.config.js).` });
        }
      }
    };
    return {
      Literal: (node) => typeof node.value === 'string' && check(node, node.value),
      TemplateElement: (node) => check(node, node.value.raw),
    };
  },
};

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
    files: ['src/**/*.ts'],
    plugins: { flashmark: { rules: { 'table-owner': tableOwner } } },
    rules: { 'flashmark/table-owner': 'error' },
  },
  {
    files: ['bench/**/*.js', 'scripts/**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
