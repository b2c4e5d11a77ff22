// @ts-check
/**
 * Runs the real binary as a child process and measures it from the outside:
 * wall time, CPU time (with `/usr/bin/time`), and peak resident memory of the child (worker threads included,
 * they live in its process). Peak memory comes from `/usr/bin/time -v` when it
 * exists, else from polling the child's VmHWM (the kernel's high-water mark)
 * in /proc — nothing in flashmark itself is asked to report on itself.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { clearInterval, setInterval } from 'node:timers';

const TIME = '/usr/bin/time';

/**
 * @typedef {{ seconds: number, cpuSeconds: number | undefined, maxRssMb: number | undefined, stdout: string, stderr: string, code: number | null }} Run
 */

/**
 * @param {string[]} args arguments to `node`
 * @param {{ env?: NodeJS.ProcessEnv, discardStdout?: boolean }} [options] `discardStdout`: the child writes
 *   its output to /dev/null, for output too large to keep (`cards --json` of 10,000 notes)
 * @returns {Promise<Run>}
 */
export function measure(args, options = {}) {
  const useTime = existsSync(TIME);
  const [command, argv] = useTime ? [TIME, ['-v', process.execPath, ...args]] : [process.execPath, args];
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(command, argv, { env: options.env ?? process.env, stdio: ['ignore', options.discardStdout ? 'ignore' : 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let polledKb = 0;
    child.stdout?.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const poll = useTime
      ? undefined
      : setInterval(() => {
          try {
            const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
            if (match) polledKb = Math.max(polledKb, Number(match[1]));
          } catch {
            // the child has exited between two polls
          }
        }, 20);
    child.on('error', reject);
    child.on('close', (code) => {
      if (poll) clearInterval(poll);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      let maxRssMb = polledKb > 0 ? polledKb / 1024 : undefined;
      let cpuSeconds;
      if (useTime) {
        const match = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
        if (match) maxRssMb = Number(match[1]) / 1024;
        // CPU time (all threads): on a machine shared with other work it moves far less than the wall time.
        const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
        const system = /System time \(seconds\): ([\d.]+)/.exec(stderr);
        if (user && system) cpuSeconds = Number(user[1]) + Number(system[1]);
        stderr = stderr.replace(/\n?\tCommand being timed:[\s\S]*$/, '').replace(/Command exited with non-zero status \d+\n?/, '');
      }
      resolve({ seconds, cpuSeconds, maxRssMb, stdout, stderr, code });
    });
  });
}
