import { setTimeout as sleep } from 'node:timers/promises';

/** Polls until `check` holds; generous, since the machine may be slow and busy. No timing is asserted. */
export async function eventually(what: string, check: () => boolean, output: () => string): Promise<void> {
  for (let waited = 0; waited < 45_000; waited += 100) {
    if (check()) return;
    await sleep(100);
  }
  throw new Error(`timed out waiting for ${what}; output so far:\n${output()}`);
}
