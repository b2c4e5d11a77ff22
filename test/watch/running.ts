import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

/** `flashmark watch` running in a child process, its output gathered as it comes. */
export interface RunningWatch {
  child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Both, for the message of a wait that timed out. */
  output(): string;
  /** The exit code, once it has exited. */
  exited: Promise<number | null>;
}

/** Starts `flashmark watch ARGS` (with `env` over this process's environment). */
export function startWatch(args: readonly string[], env: Record<string, string> = {}): RunningWatch {
  const child = spawn(process.execPath, [cli, 'watch', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, stdout: () => stdout, stderr: () => stderr, output: () => `stdout:\n${stdout}\nstderr:\n${stderr}`, exited };
}
