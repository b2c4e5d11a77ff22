// The fault loop beside the kill loop (interrupt.test.ts): real faults, injected for real, on build, review
// and watch in a seeded order: a file size limit (RLIMIT_FSIZE), a study database another process holds a
// write transaction on, unreadable folders and notes, a FIFO or a link to a device where a package or the
// study database goes, another program's SQLite file as --state. After each: the packages are the old ones
// or the new ones, the study database opens and holds every acknowledged answer, the command failed with one
// line naming the file (or did its job), and the next normal run completes.
import Database from 'better-sqlite3';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, chmodSync, copyFileSync, existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STUDY_APPLICATION_ID } from '../../src/store/database.js';
import { apkgFiles, canValidate, cli, crashSigns, env, removeTempDirs, repo, tempDir, validate, type Run, seededRandom, asNobody, canDeny, CANNOT_DENY, dropsRoot, NOBODY } from './helpers.js';

afterAll(removeTempDirs);

const hasPrlimit = spawnSync('prlimit', ['--version']).status === 0;
const asUser = (argv: string[]): string[] => (dropsRoot ? asNobody(argv) : argv);
/** RLIMIT_FSIZE through prlimit: a write past the limit fails with EFBIG (node ignores SIGXFSZ), as on a full disk. */
const limited = (argv: string[], fsize: number | undefined): string[] => (fsize === undefined ? argv : ['prlimit', `--fsize=${fsize}`, ...argv]);

interface RunOptions {
  input?: string;
  fsize?: number;
}

function flashmark(args: string[], options: RunOptions = {}): Run {
  const [command, ...argv] = limited(asUser([process.execPath, cli, ...args]), options.fsize);
  const result = spawnSync(command!, argv, { encoding: 'utf8', env, input: options.input ?? '', timeout: 120_000, killSignal: 'SIGKILL', maxBuffer: 64 * 1024 * 1024 });
  return { code: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}

/** The lines of stderr that are not note warnings nor the one line a review prints while it waits for a lock. */
const errorLines = (stderr: string): string[] =>
  stderr.split('\n').filter((line) => line !== '' && !line.startsWith('flashmark: warning:') && !line.startsWith('waiting for the study database'));

/** A fault's run: it did its job, or it failed with one line naming one of `files`; never a hang or a crash. */
function expectHandled(run: Run, files: RegExp, label: string): 'ok' | 'failed' {
  expect(run.signal, `${label}: hung`).toBeNull();
  expect(crashSigns(run.stderr), `${label}: ${run.stderr}`).toEqual([]);
  if (run.code === 0) return 'ok';
  const errors = errorLines(run.stderr);
  expect(errors, `${label}: ${run.stderr}`).toHaveLength(1);
  expect(errors[0], label).toMatch(/^flashmark: /);
  expect(errors[0], label).toMatch(files);
  return 'failed';
}

/** Another process holding a write transaction on the study database for `ms`; resolves once it holds it, with its end. */
async function holdWriteLock(dir: string, state: string, ms: number): Promise<{ released: Promise<void> }> {
  const script = join(dir, 'hold.cjs');
  writeFileSync(
    script,
    `const Database = require(${JSON.stringify(join(repo, 'node_modules', 'better-sqlite3'))});
const db = new Database(process.argv[2]);
db.pragma('busy_timeout = 30000');
db.exec('BEGIN IMMEDIATE');
process.stdout.write('held\\n');
setTimeout(() => { db.exec('COMMIT'); db.close(); }, Number(process.argv[3]));
`,
  );
  const [command, ...argv] = asUser([process.execPath, script, state, String(ms)]);
  const child = spawn(command!, argv, { stdio: ['ignore', 'pipe', 'inherit'] });
  const done = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => chunk.includes('held') && resolve());
    child.on('exit', (code) => reject(new Error(`the lock holder ended (${code}) before holding the lock`)));
  });
  // Wrapped: a promise returned as it is would be awaited to its end with the rest.
  return { released: done };
}

const FOLDERS = ['P0', 'P1', 'P2', 'P3'];
/** The file size limit of the watch session: its notes, packages and databases stay far below it. */
const WATCH_FSIZE = 400_000;
/** 1.5 MB of seeded noise: P3's package is far bigger than the study database, so a size limit can fall between them. */
const PICTURE_BYTES = 1_500_000;

/** Four folder packages and a top-level note's; `version` changes every answer, so every package changes. */
function writeVault(notes: string, version: number): void {
  for (const [p, folder] of FOLDERS.entries()) {
    mkdirSync(join(notes, folder), { recursive: true });
    for (let n = 0; n < 4 + p * 3; n++) {
      const items = Array.from({ length: 8 }, (_, i) => `- **term ${folder} ${n}.${i}**: meaning ${i}, version ${version}, of note ${n}`);
      if (folder === 'P3' && n === 0) items.push('- **diagram**: ![](picture.png)');
      writeFileSync(join(notes, folder, `note-${n}.md`), `# Note ${n}\n\n${items.join('\n')}\n`);
    }
  }
  writeFileSync(join(notes, 'Top.md'), `# Top\n\n- **alpha**: first, version ${version}\n- **beta**: second, version ${version}\n`);
}

/** Seeded noise, as an image that does not compress. */
function writePicture(file: string, bytes = PICTURE_BYTES): void {
  const rand = seededRandom(7);
  writeFileSync(file, Buffer.from(Array.from({ length: bytes }, () => Math.floor(rand() * 256))));
}

/** The packages that are regular files: a FIFO standing where one goes would block the read. */
const packageFiles = (out: string): string[] => apkgFiles(out).filter((f) => lstatSync(f).isFile());
const snapshot = (out: string): Map<string, Buffer> => new Map(packageFiles(out).map((f) => [f.slice(out.length + 1), readFileSync(f)]));
const tempFiles = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.tmp')) : []);

/** The study database as a reader finds it, from a copy (the test's own connection would leave files the commands' user cannot write). */
function inspect(state: string, scratch: string): { check: string; appId: number; grades: number[] } {
  rmSync(scratch, { recursive: true, force: true });
  mkdirSync(scratch);
  const copy = join(scratch, 'state.db');
  copyFileSync(state, copy);
  if (existsSync(`${state}-wal`)) copyFileSync(`${state}-wal`, `${copy}-wal`);
  const db = new Database(copy);
  try {
    const hasLog = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'study_review'").get() !== undefined;
    return {
      check: String(db.pragma('quick_check', { simple: true })),
      appId: Number(db.pragma('application_id', { simple: true })),
      grades: hasLog ? db.prepare<[], { grade: number }>('SELECT grade FROM study_review WHERE undone_at IS NULL ORDER BY id').all().map((r) => r.grade) : [],
    };
  } finally {
    db.close();
  }
}

const acknowledged = (stdout: string): number[] => [...stdout.matchAll(/^saved (\d):/gm)].map((m) => Number(m[1]));

type Fault =
  | { kind: 'fsize'; bytes: number }
  | { kind: 'lock'; ms: number }
  | { kind: 'unreadable'; path: string }
  | { kind: 'special-package'; special: 'fifo' | 'zero' }
  | { kind: 'special-state'; special: 'fifo' | 'zero' }
  | { kind: 'foreign-state' };

const describeFault = (fault: Fault): string => JSON.stringify(fault);

describe('flashmark build and review under real faults, in a seeded order', () => {
  let dir: string;
  let notes: string;
  let out: string;
  let state: string;
  let scratch: string;
  let sizes: { state: number; cache: number; biggest: number };

  beforeAll(() => {
    dir = tempDir('faults');
    chmodSync(dir, 0o777);
    notes = join(dir, 'notes');
    out = join(dir, 'decks');
    state = join(dir, 'state', 'state.db');
    scratch = join(dir, 'scratch');
    mkdirSync(join(dir, 'state'));
    mkdirSync(join(dir, 'special'));
    writeVault(notes, 0);
    writePicture(join(notes, 'P3', 'picture.png'));
    if (dropsRoot) spawnSync('chown', ['-R', `${NOBODY}:${NOBODY}`, dir]);
    const first = flashmark(['build', notes, '-o', out, '--state', state, '--now', '2026-03-01T09:00']);
    expect(first.code, first.stderr).toBe(0);
    const review = flashmark(['review', notes, '--state', state, '--now', '2026-03-01T09:00'], { input: '\n4\n' });
    expect(review.code, review.stderr).toBe(0);
    const size = (file: string): number => readFileSync(file).length;
    sizes = { state: size(state), cache: size(join(dir, 'state', 'state.cache.db')), biggest: Math.max(...apkgFiles(out).map(size)) };
  }, 120_000);

  it.skipIf(!hasPrlimit)('never loses a package, an answer or the database; each failure is one line naming the file', async () => {
    const rand = seededRandom(20261207);
    const answers: number[] = [1 + 3]; // the first review's one answer (grade 4)
    const named = { pkg: 0, db: 0, notes: 0, ok: 0 };
    /** The size limit's failures: on a package (EFBIG from the zip's write) and on the study database or its cache (SQLite's I/O error). */
    const sizeFailures = { pkg: 0, db: 0 };
    const lines = new Set<string>();
    // Each fault once for each command it applies to, in a seeded order; the size limits spread between the files' sizes.
    const between = (low: number, high: number): number => Math.floor(low + rand() * (high - low));
    const faults: { command: 'build' | 'review'; fault: Fault }[] = [
      ...(['build', 'review'] as const).flatMap((command) => [
        { command, fault: { kind: 'fsize', bytes: between(8_000, 60_000) } as Fault },
        { command, fault: { kind: 'fsize', bytes: between(sizes.state + 300_000, sizes.state + 600_000) } as Fault },
        { command, fault: { kind: 'lock', ms: 1_500 } as Fault },
        { command, fault: { kind: 'lock', ms: 7_000 } as Fault },
        { command, fault: { kind: 'special-state', special: 'fifo' } as Fault },
        { command, fault: { kind: 'special-state', special: 'zero' } as Fault },
        { command, fault: { kind: 'foreign-state' } as Fault },
        ...(canDeny ? [{ command, fault: { kind: 'unreadable', path: 'P1' } as Fault }, { command, fault: { kind: 'unreadable', path: 'Top.md' } as Fault }] : []),
      ]),
      { command: 'build', fault: { kind: 'fsize', bytes: between(Math.max(sizes.state, sizes.cache) + 400_000, sizes.biggest - 100_000) } },
      { command: 'build', fault: { kind: 'special-package', special: 'fifo' } },
      { command: 'build', fault: { kind: 'special-package', special: 'zero' } },
    ];
    for (let i = faults.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [faults[i], faults[j]] = [faults[j]!, faults[i]!];
    }

    for (const [round, { command, fault }] of faults.entries()) {
      const label = `round ${round}: ${command} ${describeFault(fault)}`;
      const now = new Date(Date.UTC(2026, 2, 2 + round, 9)).toISOString().slice(0, 16);
      // Every build round changes every note, so every package changes; a review round answers what is due.
      if (command === 'build') writeVault(notes, round + 1);
      const old = snapshot(out);
      const stateBefore = readFileSync(state);
      let stateArg = state;
      let restore = (): void => undefined;
      if (fault.kind === 'unreadable') {
        chmodSync(join(notes, fault.path), 0o000);
        restore = () => chmodSync(join(notes, fault.path), fault.path.endsWith('.md') ? 0o644 : 0o755);
      } else if (fault.kind === 'special-package') {
        const file = join(out, 'P2.apkg');
        rmSync(file);
        if (fault.special === 'fifo') spawnSync('mkfifo', [file]);
        else symlinkSync('/dev/zero', file);
        restore = () => rmSync(file);
      } else if (fault.kind === 'special-state') {
        stateArg = join(dir, 'special', `${fault.special}.db`);
        rmSync(stateArg, { force: true });
        if (fault.special === 'fifo') spawnSync('mkfifo', [stateArg]);
        else symlinkSync('/dev/zero', stateArg);
      } else if (fault.kind === 'foreign-state') {
        stateArg = join(dir, 'special', 'places.sqlite');
        rmSync(stateArg, { force: true });
        const foreign = new Database(stateArg);
        foreign.exec("CREATE TABLE places (url TEXT); INSERT INTO places VALUES ('https://example.org')");
        foreign.close();
      }
      const stateFileBefore = fault.kind === 'foreign-state' ? readFileSync(stateArg) : undefined;

      const args = command === 'build' ? ['build', notes, '-o', out, '--state', stateArg, '--now', now] : ['review', notes, '--state', stateArg, '--now', now];
      const input = '\n4\n\n3\n\n5\n\n2\n\n4\n\n5\n';
      // A lock is taken before the run starts and let go by its holder's own timer, while the run blocks this process.
      const lock = fault.kind === 'lock' ? await holdWriteLock(dir, state, fault.ms) : undefined;
      const faulted = flashmark(args, { input, ...(fault.kind === 'fsize' ? { fsize: fault.bytes } : {}) });
      await lock?.released;
      const outcome = expectHandled(faulted, /(\.apkg|state\.(cache\.)?db|special\/\w+\.db|places\.sqlite|P1|Top\.md)\b/, label);
      if (outcome === 'failed') lines.add(`${command}: ${errorLines(faulted.stderr)[0]!.replaceAll(dir, '…')}`);
      if (outcome === 'ok') named.ok++;
      else if (/\.apkg: /.test(errorLines(faulted.stderr)[0]!) && !/kept as the last build/.test(faulted.stderr)) named.pkg++;
      else if (/kept as the last build/.test(faulted.stderr)) named.notes++;
      else named.db++;
      if (command === 'review') answers.push(...acknowledged(faulted.stdout));
      if (fault.kind === 'fsize' && outcome === 'failed') sizeFailures[/\.apkg: EFBIG/.test(faulted.stderr) ? 'pkg' : 'db']++;
      // Faults that leave the command nothing to work on, or what it works on to refuse, make it fail.
      if (['special-state', 'foreign-state', 'special-package'].includes(fault.kind) || (fault.kind === 'unreadable' && command === 'build')) {
        expect(outcome, `${label} should fail`).toBe('failed');
      }
      if (fault.kind === 'foreign-state') expect(readFileSync(stateArg).equals(stateFileBefore!), `${label}: the foreign file changed`).toBe(true);
      if (fault.kind === 'special-state') expect(readdirSync(join(dir, 'special')).sort(), label).not.toContain(`${fault.special}.cache.db`);
      if (stateArg !== state) expect(readFileSync(state).equals(stateBefore), `${label}: the study database changed`).toBe(true);

      // The packages: each the old one, or the new one the next complete build makes; the database whole, every acknowledged answer in it.
      const after = snapshot(out);
      // Every package the run replaced, it reported written (a failure later in the build included).
      for (const [file, bytes] of after) {
        if (!bytes.equals(old.get(file) ?? Buffer.alloc(0))) expect(faulted.stdout, `${label}: ${file} written but not reported`).toMatch(new RegExp(`${file.replace('.', '\\.')}: .*; written`));
      }
      if (canValidate && after.size > 0) expect(validate(...packageFiles(out)), label).toBe('');
      expect(tempFiles(out), label).toEqual([]);
      const found = inspect(state, scratch);
      expect(found.check, label).toBe('ok');
      expect(found.appId, label).toBe(STUDY_APPLICATION_ID);
      expect(found.grades, `${label}: the review log`).toEqual(answers);

      // Fault removed: the next normal run completes.
      restore();
      const next = command === 'build'
        ? flashmark(['build', notes, '-o', out, '--state', state, '--now', now])
        : flashmark(['review', notes, '--state', state, '--now', now], { input: '\n4\n' });
      expect(next.code, `${label}, the next run: ${next.stderr}`).toBe(0);
      if (command === 'review') {
        answers.push(...acknowledged(next.stdout));
        expect(inspect(state, scratch).grades, `${label}, after the next run`).toEqual(answers);
      }
      const final = snapshot(out);
      expect([...final.keys()].sort(), label).toEqual([...old.keys()].sort());
      for (const [file, bytes] of after) {
        if (fault.kind === 'special-package' && file === 'P2.apkg') continue; // the FIFO or link stood there
        expect(bytes.equals(old.get(file)!) || bytes.equals(final.get(file)!), `${label}: ${file} is neither the old package nor the new one`).toBe(true);
      }
      if (fault.kind === 'unreadable' && command === 'build') {
        const kept = fault.path === 'Top.md' ? 'Top.apkg' : `${fault.path}.apkg`;
        expect(after.get(kept)!.equals(old.get(kept)!), `${label}: ${kept} was not kept`).toBe(true);
      }
    }
    // Both kinds of files were named by a size limit's failure: a package, and the study database or its cache.
    expect(sizeFailures.pkg, JSON.stringify(sizeFailures)).toBeGreaterThan(0);
    expect(sizeFailures.db, JSON.stringify(sizeFailures)).toBeGreaterThan(0);
    console.info(`faults: ${faults.length} rounds (${JSON.stringify(named)}, size limits ${JSON.stringify(sizeFailures)}); ${answers.length} answers acknowledged, all in the log; sizes ${JSON.stringify(sizes)}\n${[...lines].sort().join('\n')}`);
  }, 600_000);
  if (!hasPrlimit) it.skip('prlimit (util-linux) is not installed: the fault loop is skipped', () => undefined);
  if (!canDeny) it.skip(`${CANNOT_DENY}; those faults are left out`, () => undefined);
});

describe('flashmark watch under real faults, in a seeded order', () => {
  it('reports each failed rebuild in one line naming the file, keeps watching, and rebuilds once the fault is gone', async () => {
    const dir = tempDir('faults-watch');
    chmodSync(dir, 0o777);
    const notes = join(dir, 'notes');
    const out = join(dir, 'decks');
    const state = join(dir, 'state.db');
    for (const folder of ['W0', 'W1', 'W2']) {
      mkdirSync(join(notes, folder), { recursive: true });
      writeFileSync(join(notes, folder, 'a.md'), `# ${folder}\n\n- **first ${folder}**: one\n`);
    }
    if (dropsRoot) spawnSync('chown', ['-R', `${NOBODY}:${NOBODY}`, dir]);
    // The whole session under a file size limit well above its files: a rebuild that adds a big image passes it.
    const [command, ...argv] = limited(asUser([process.execPath, cli, 'watch', notes, '-o', out, '--state', state]), hasPrlimit ? WATCH_FSIZE : undefined);
    const child = spawn(command!, argv, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    /** What the rebuilds report, in the order it came: a line on stdout, or one error line on stderr. */
    const events: string[] = [];
    const collect = (isReport: (line: string) => boolean) => {
      let partial = '';
      return (chunk: string): void => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop()!;
        events.push(...lines.filter(isReport));
      };
    };
    const onStdout = collect((line) => /notes? parsed/.test(line));
    const onStderr = collect((line) => errorLines(line).length > 0);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => ((stdout += chunk), onStdout(chunk)));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => ((stderr += chunk), onStderr(chunk)));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const reports = (): string[] => events;
    /** The reports from now until one matches `until` (by default, the next one). */
    const nextReport = async (what: string, until = /./): Promise<string> => {
      const seen = reports().length;
      for (let waited = 0; !reports().slice(seen).some((line) => until.test(line)); waited += 100) {
        if (child.exitCode !== null) throw new Error(`watch ended before ${what}: ${stdout}${stderr}`);
        if (waited > 90_000) throw new Error(`no report of ${what}: ${stdout}${stderr}`);
        await sleep(100);
      }
      return reports().slice(seen).join('\n');
    };
    let edits = 0;
    const edit = (folder: string): void => appendFileSync(join(notes, folder, 'a.md'), `- **edit ${++edits}**: in ${folder}\n`);
    for (let waited = 0; !stdout.includes('watching'); waited += 100) {
      if (waited > 90_000 || child.exitCode !== null) throw new Error(`watch did not start: ${stdout}${stderr}`);
      await sleep(100);
    }

    const rand = seededRandom(20261208);
    const faults: Fault[] = [
      { kind: 'special-package', special: 'fifo' },
      { kind: 'special-package', special: 'zero' },
      { kind: 'lock', ms: 1_500 },
      { kind: 'lock', ms: 7_000 },
      ...(canDeny ? [{ kind: 'unreadable', path: 'W0' } as Fault] : []),
      ...(hasPrlimit ? [{ kind: 'fsize', bytes: 2 * WATCH_FSIZE } as Fault] : []),
    ];
    for (let i = faults.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [faults[i], faults[j]] = [faults[j]!, faults[i]!];
    }
    for (const fault of faults) {
      const label = `watch ${describeFault(fault)}`;
      const old = snapshot(out);
      let report: string;
      if (fault.kind === 'special-package') {
        const file = join(out, 'W2.apkg');
        rmSync(file);
        if (fault.special === 'fifo') spawnSync('mkfifo', [file]);
        else symlinkSync('/dev/zero', file);
        edit('W2');
        report = await nextReport(label);
        expect(report, label).toMatch(/W2\.apkg: not written \(it is a (FIFO|symbolic link), not a regular file/);
        rmSync(file);
        edit('W2');
        expect(await nextReport(`${label}, removed`), label).toMatch(/^W2\.apkg: 2 added/);
      } else if (fault.kind === 'lock') {
        const lock = await holdWriteLock(dir, state, fault.ms);
        edit('W1');
        report = await nextReport(label);
        await lock.released;
        if (fault.ms > 5_000) {
          expect(report, `${label}: ${reports().join(' / ')}`).toMatch(/^flashmark: the study database .*state\.db is locked/);
          expect(snapshot(out), `${label}: a package changed`).toEqual(old);
          // A save that came while the first rebuild waited may be tried while the lock is still held: locked again.
          edit('W1');
          const after = (await nextReport(`${label}, released`, /^W1\.apkg:/)).split('\n');
          expect(after.at(-1), label).toMatch(/^W1\.apkg: 2 added/);
          for (const line of after.slice(0, -1)) expect(line, label).toMatch(/^flashmark: the study database .*state\.db is locked/);
        } else {
          expect(report, label).toMatch(/^W1\.apkg: 1 added/);
        }
      } else if (fault.kind === 'fsize') {
        const note = join(notes, 'W2', 'a.md');
        const text = readFileSync(note, 'utf8');
        writePicture(join(notes, 'W2', 'big.png'), fault.bytes);
        writeFileSync(note, `${text}- **picture**: ![](big.png)\n`);
        // The image and the note are two saves: a rebuild may come between them, with nothing to change.
        const lines = (await nextReport(label, /^W2\.apkg: not written|^flashmark:/)).split('\n');
        expect(lines.at(-1), label).toMatch(/^W2\.apkg: not written \(EFBIG/);
        for (const line of lines.slice(0, -1)) expect(line, label).toMatch(/^no card changed/);
        expect(readFileSync(join(out, 'W2.apkg')).equals(old.get('W2.apkg')!), `${label}: W2.apkg changed`).toBe(true);
        writeFileSync(note, text);
        rmSync(join(notes, 'W2', 'big.png'));
        edit('W2');
        const after = (await nextReport(`${label}, removed`, /^W2\.apkg: \d+ added/)).split('\n');
        for (const line of after.slice(0, -1)) expect(line, label).toMatch(/^no card changed/);
      } else if (fault.kind === 'unreadable') {
        chmodSync(join(notes, fault.path), 0o000);
        edit('W1');
        report = await nextReport(label);
        expect(report, label).toMatch(/W0\.apkg: kept, W0 not readable/);
        expect(readFileSync(join(out, 'W0.apkg')).equals(old.get('W0.apkg')!), `${label}: W0.apkg changed`).toBe(true);
        chmodSync(join(notes, fault.path), 0o755);
        edit('W0');
        expect(await nextReport(`${label}, readable`), label).toMatch(/^W0\.apkg: 1 added/);
      }
      expect(crashSigns(stderr), `${label}: ${stderr}`).toEqual([]);
      if (canValidate) expect(validate(...packageFiles(out)), label).toBe('');
      const found = inspect(state, join(dir, 'scratch'));
      expect(found.check, label).toBe('ok');
    }
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(stdout).toMatch(/stopped\n$/);
    expect(crashSigns(stderr), stderr).toEqual([]);
    expect(tempFiles(out)).toEqual([]);
    console.info(`watch: ${faults.length} faults, each reported and rebuilt after:\n${reports().join('\n').replaceAll(dir, '…')}`);
  }, 300_000);
});
