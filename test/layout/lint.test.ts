import { ESLint } from 'eslint';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const eslint = new ESLint({ cwd: repo });

/** The messages `npm run check` gives for `code` as if it were the file at `path` in the repository. */
async function lint(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repo, path) });
  return (result?.messages ?? []).map((m) => m.message);
}

const studySql = "export const due = 'SELECT card_id FROM study_card WHERE retired = 0';\n";

// docs/architecture.md: a stage imports only the stages before it, and each table's SQL is in one module.
describe('the layout, as the lint rules hold it', () => {
  it('refuses SQL on a study table outside the study stage, and accepts it in its module', async () => {
    expect(await lint('src/renames/follow.ts', studySql)).toEqual([expect.stringContaining('SQL on study_card belongs in src/study/schema.ts or src/study/tables.ts')]);
    expect(await lint('src/build/build-vault.ts', studySql)).toHaveLength(1);
    expect(await lint('src/study/tables.ts', studySql)).toEqual([]);
  });

  it('refuses SQL on the build history outside its module, but not a comment naming it', async () => {
    expect(await lint('src/vault/cache.ts', 'export const q = `DELETE FROM build_notes`;\n')).toHaveLength(1);
    expect(await lint('src/vault/cache.ts', '// the build history (build_notes) lives beside the cache\nexport const n = 1;\n')).toEqual([]);
  });

  it('refuses a new table that no module owns', async () => {
    expect(await lint('src/sync/state.ts', "export const step = 'CREATE TABLE sync_extra (id TEXT)';\n")).toEqual([
      expect.stringContaining('CREATE TABLE sync_extra: the table has no module in TABLE_OWNERS'),
    ]);
  });

  it('refuses an import of a later stage', async () => {
    expect(await lint('src/build/x.ts', "import { openStudyDatabase } from '../study/tables.js';\nexport const open = openStudyDatabase;\n")).toEqual([
      expect.stringContaining('src/build/ may import only'),
    ]);
  });
});
