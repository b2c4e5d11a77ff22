import { describe, expect, it } from 'vitest';
import { cueKey, matchRenames, RENAME_SIMILARITY, type NoteTrace } from '../../src/renames/index.js';

const note = (file: string, cues: string[], prefix = file): NoteTrace => ({
  file,
  cards: cues.map((cue, i) => ({ id: `${prefix}#${i}`, key: cue })),
});

describe('matchRenames', () => {
  it('gives an arrived note the ids of the gone note it shares enough cues with', () => {
    const { aliases, renames } = matchRenames([note('a.md', ['x', 'y', 'z', 'w'])], [note('b.md', ['x', 'y', 'new'])]);
    expect(renames).toEqual([{ from: 'a.md', to: 'b.md', cards: 2 }]);
    expect([...aliases]).toEqual([['b.md#0', 'a.md#0'], ['b.md#1', 'a.md#1']]);
  });

  it(`pairs nothing below ${RENAME_SIMILARITY * 100}% of the smaller note's cues`, () => {
    const { aliases, renames } = matchRenames([note('a.md', ['x', 'y', 'z', 'w'])], [note('b.md', ['x', 'p', 'q', 'r'])]);
    expect(renames).toEqual([]);
    expect(aliases.size).toBe(0);
  });

  it('a note split in two: each half keeps its cards', () => {
    const { aliases, renames } = matchRenames([note('all.md', ['a', 'b', 'c', 'd'])], [note('one.md', ['a', 'b']), note('two.md', ['c', 'd', 'e'])]);
    expect(renames).toEqual([
      { from: 'all.md', to: 'one.md', cards: 2 },
      { from: 'all.md', to: 'two.md', cards: 2 },
    ]);
    expect(aliases.get('two.md#1')).toBe('all.md#3');
    expect(aliases.has('two.md#2')).toBe(false);
  });

  it('two notes merged into one keep both their cards; a gone card is taken over once', () => {
    const { aliases, renames } = matchRenames([note('p.md', ['a', 'b']), note('q.md', ['c', 'd'])], [note('pq.md', ['a', 'b', 'c', 'd']), note('copy.md', ['a'])]);
    expect(renames.map((r) => `${r.from}>${r.to}`).sort()).toEqual(['p.md>pq.md', 'q.md>pq.md']);
    expect(new Set(aliases.values()).size).toBe(aliases.size);
    expect(aliases.has('copy.md#0')).toBe(false);
  });

  it('a path that differs only in Unicode normalisation is the same note, whatever it shares', () => {
    const nfc = 'Алгоритмы/café.md';
    const nfd = nfc.normalize('NFD');
    const { renames } = matchRenames([note(nfc, ['a', 'b', 'c', 'd']), note('other.md', ['a', 'b', 'c'])], [note(nfd, ['a', 'p', 'q', 'r'])]);
    expect(renames).toEqual([{ from: nfc, to: nfd, cards: 1 }]);
  });
});

describe('cueKey', () => {
  it('ignores the heading trail and cloze answers, not what is asked', () => {
    const base = { type: 'cloze' as const, front: '<div class="crumb">Old name › Part</div>The {{c1::kernel}} manages hardware.' };
    expect(cueKey({ ...base, front: '<div class="crumb">New name</div>The  {{c1::core}} manages hardware.' })).toBe(cueKey(base));
    expect(cueKey({ ...base, front: 'The {{c1::kernel}} manages memory.' })).not.toBe(cueKey(base));
    expect(cueKey({ ...base, type: 'basic' })).not.toBe(cueKey(base));
  });
});
