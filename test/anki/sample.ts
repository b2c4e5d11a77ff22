// Hand-made notes for writer tests.
import type { PackageNote } from '../../src/anki/index.js';

export const T0 = 1764000000; // 2025-11-24, seconds

export function basicNote(i: number, overrides: Partial<PackageNote> = {}): PackageNote {
  return {
    id: T0 * 1000 + i,
    guid: `basic-${i}`,
    kind: 'basic',
    fields: [`<div class="crumb">Python › Термины</div><b>GIL ${i}</b>`, `Глобальная блокировка интерпретатора ${i}`],
    tags: ' devops python ',
    deck: 'DevOps::Python',
    mod: T0 + i,
    ...overrides,
  };
}

export function clozeNote(i: number, text: string, overrides: Partial<PackageNote> = {}): PackageNote {
  return {
    id: T0 * 1000 + 500 + i,
    guid: `cloze-${i}`,
    kind: 'cloze',
    fields: [text, ''],
    tags: '',
    deck: 'DevOps::Linux',
    mod: T0 + i,
    ...overrides,
  };
}
