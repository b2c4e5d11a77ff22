// Shared by the hardening tests: the real binary, temp folders, and checks a user would make of the output.
import { spawn, spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Card } from '../../src/card.js';
import { notesOf, openApkg } from '../anki/apkg.js';

export const repo = fileURLToPath(new URL('../..', import.meta.url));
export const cli = join(repo, 'dist', 'cli', 'main.js');
export const sharedDir = join(repo, '..', 'shared');
export const validatorPath = join(sharedDir, 'anki', 'validate-apkg');
/** The validator needs ../shared and the sqlite3 command. */
export const canValidate = existsSync(validatorPath) && spawnSync('sqlite3', ['-version']).status === 0;

/** The user the commands run as when the tests run as root, since chmod does not stop root. */
export const NOBODY = '65534';
const isRoot = process.getuid?.() === 0;

/** `argv` as run by nobody. */
export function asNobody(argv: string[]): string[] {
  return ['setpriv', `--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', ...argv];
}

/**
 * Whether the commands under test run as nobody: as root, when setpriv is
 * there and nobody can run this checkout (not a clone inside a folder only
 * root may open, as `mktemp -d` makes).
 */
export const dropsRoot = isRoot && spawnSync(asNobody([process.execPath, cli, '--version'])[0] as string, asNobody([process.execPath, cli, '--version']).slice(1)).status === 0;
/** Whether a mode of 000 makes a note unreadable to the commands under test. */
export const canDeny = !isRoot || dropsRoot;
/** Why the tests of unreadable notes are skipped where they are. */
export const CANNOT_DENY = 'running as root, and nobody cannot run this checkout (no setpriv, or the clone sits in a folder only root may open): chmod cannot make a note unreadable here';

/** A fixed clock and time zone, so runs are reproducible; FLASHMARK_NOW cleared so --now decides. */
export const env = { ...process.env, TZ: 'UTC', FLASHMARK_NOW: '', FLASHMARK_DEBUG: '' };

const made: string[] = [];

/** A new temp folder; `removeTempDirs` (each file's afterAll) deletes them, so the 100 MB inputs do not pile up. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `flashmark-hardening-${prefix}-`));
  made.push(dir);
  return dir;
}

export function removeTempDirs(): void {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

export interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs `node dist/cli/main.js ARGS` to completion (with extra node flags, stdin text, a time limit). */
export function flashmark(args: string[], options: { input?: string; timeoutMs?: number; nodeFlags?: string[]; cwd?: string } = {}): Run {
  const spawnOptions: SpawnSyncOptions = {
    encoding: 'utf8',
    env,
    input: options.input ?? '',
    timeout: options.timeoutMs ?? 120_000,
    maxBuffer: 256 * 1024 * 1024,
    killSignal: 'SIGKILL',
    ...(options.cwd ? { cwd: options.cwd } : {}),
  };
  const result = spawnSync(process.execPath, [...(options.nodeFlags ?? []), cli, ...args], spawnOptions);
  return { code: result.status, signal: result.signal, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') };
}

/** The same, without blocking the test's event loop (for runs that happen while another process works). */
export function flashmarkAsync(args: string[], input = ''): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
    child.stdin.end(input);
  });
}

/** Signs of a crash rather than a handled problem: a stack trace, an "unexpected error", V8's fatal report. */
export function crashSigns(stderr: string): string[] {
  const signs = [/^\s+at .+\(.+:\d+:\d+\)$/m, /^\s+at .+:\d+:\d+$/m, /unexpected error/i, /FATAL ERROR/, /Error: /, /node:internal/];
  return signs.filter((sign) => sign.test(stderr)).map((sign) => sign.source);
}

/** The validator's complaints about the packages: empty when they pass. */
export function validate(...files: string[]): string {
  const result = spawnSync(validatorPath, files, { encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`.trim() + (result.status === 0 ? '' : `\n(exit ${result.status})`);
}

export const apkgFiles = (out: string): string[] =>
  readdirSync(out)
    .filter((f) => f.endsWith('.apkg'))
    .sort()
    .map((f) => join(out, f));

/** Every field of every note of a built package. */
export function packageFields(file: string): string[] {
  const { db } = openApkg(readFileSync(file));
  try {
    return notesOf(db).flatMap((note) => note.flds.split('\x1f'));
  } finally {
    db.close();
  }
}

/**
 * The markup a card field may hold: the few tags flashmark writes itself, with
 * no attribute but the breadcrumb's class and an image's plain relative `src`.
 * Anything else that looks like a tag (`<script`, `<img onerror`, `<!--`,
 * `<a href="javascript:`) would be live HTML in Anki.
 */
const ALLOWED_TAG = /^<(?:\/?(?:b|i|s|code|pre|ul|ol|li|table|tr|td|blockquote|div)|br|div class="crumb"|img src="[^"<>:]*")>$/;

/** The tags of a field that are not flashmark's own (empty when the field is safe to show). */
export function liveMarkup(field: string): string[] {
  const bad: string[] = [];
  for (const match of field.matchAll(/<[^>]*>?/g)) if (!ALLOWED_TAG.test(match[0])) bad.push(match[0]);
  if (/<!--/.test(field)) bad.push('<!--');
  // An `&` must start an entity: a bare one could combine with text into markup on a re-read.
  for (const match of field.matchAll(/&(?![a-z]+;|#\d+;|#x[0-9a-f]+;)/gi)) bad.push(field.slice(match.index, match.index + 8));
  return bad;
}

export function cardsOf(stdout: string): Card[] {
  return JSON.parse(stdout) as Card[];
}

/** A small deterministic generator, so a failing run of a fault loop can be replayed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
