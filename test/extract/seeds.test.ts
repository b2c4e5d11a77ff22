import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { extractNote } from '../../src/extract/index.js';
import { assertCleanFields, assertListCovered, assertTablesCovered, candidatesOf, crumbOf, unaskedBold } from './helpers.js';

/**
 * The Done-means of extraction, on two kinds of notes: the real seeds beside
 * the project (when present) and fixtures of our own with the same structure
 * (always). Both notes of a kind: prose with bold and a list of principles under
 * a heading; definitions, wikilinks and four tables.
 */
const kinds = [
  {
    name: 'real seeds',
    dir: join(import.meta.dirname, '../../../shared/seeds'),
    prose: { file: 'python-devops-linux.md', listHeading: 'Принципы DevOps', title: 'Python и DevOps: ключ к автоматизации Linux', deck: 'Notes' },
    skills: { file: 'python-sre-skill.md', deck: 'Notes', noteDeck: 'Python sre skill', tags: ['scripting'] },
  },
  {
    name: 'own fixtures',
    dir: join(import.meta.dirname, '../fixtures/extract'),
    prose: { file: 'devops-principles.md', listHeading: 'Принципы SRE', title: 'Kubernetes и SRE: надёжность сервисов', deck: 'Notes' },
    skills: { file: 'Практика/sre-skill.md', deck: 'Практика', noteDeck: 'Практика::Sre skill', tags: ['kubernetes', 'site_reliability'] },
  },
];

for (const kind of kinds) {
  const present = existsSync(kind.dir);
  // A clone without the shared folder beside it has no real seeds: only our own fixtures are read.
  if (!present) it.skip(`extraction on ${kind.name}: ${kind.dir} is absent, skipped`, () => undefined);
  describe.skipIf(!present)(`extraction on ${kind.name}`, () => {
    // Read only when present: a skipped describe's body still runs to collect its tests.
    const read = (file: string) => (present ? readFileSync(join(kind.dir, file), 'utf8') : '');
    // As a notes folder named Notes holds them: the deck of a note at its top.
    const options = { deck: { scheme: 'folder', vault: 'Notes' } } as const;
    const prose = extractNote(kind.prose.file, read(kind.prose.file), options);
    const skills = extractNote(kind.skills.file, read(kind.skills.file), options);
    const all = [...prose.cards, ...skills.cards];

    it('asks every bold span (as a deletion, a definition term or a table row key), or turns it down with a reason', () => {
      expect(unaskedBold(read(kind.prose.file), candidatesOf(prose))).toEqual([]);
      expect(unaskedBold(read(kind.skills.file), candidatesOf(skills))).toEqual([]);
    });

    it('sees every item of the list under the principles heading: asked, or listed with the list turned down', () => {
      assertListCovered(read(kind.prose.file), kind.prose.listHeading, prose);
    });

    it('makes each non-empty table cell outside the first column the answer of exactly one card or one candidate turned down', () => {
      expect(assertTablesCovered(read(kind.skills.file), candidatesOf(skills))).toBeGreaterThanOrEqual(20);
      for (const dropped of skills.dropped) expect(dropped.reason).not.toBe('too-long');
    });

    it('writes clean fields: no Markdown left over, no empty side', () => {
      assertCleanFields(all);
      expect(prose.warnings).toEqual([]);
      expect(skills.warnings).toEqual([]);
    });

    it('gives every card its own id, and every question once per deck', () => {
      expect(new Set(all.map((c) => c.id)).size).toBe(all.length);
      expect(new Set(all.map((c) => `${c.deck}\u0000${c.front}`)).size).toBe(all.length);
    });

    it('takes deck and tags from the front matter and folders (a deck per note: folders and title)', () => {
      expect(new Set(prose.cards.map((c) => c.deck))).toEqual(new Set([kind.prose.deck]));
      expect(new Set(skills.cards.map((c) => c.deck))).toEqual(new Set([kind.skills.deck]));
      const perNote = (file: string) => new Set(extractNote(file, read(file), { deck: { scheme: 'note' } }).cards.map((c) => c.deck));
      expect(perNote(kind.prose.file)).toEqual(new Set([kind.prose.title]));
      expect(perNote(kind.skills.file)).toEqual(new Set([kind.skills.noteDeck]));
      for (const card of skills.cards) expect(card.tags).toEqual(kind.skills.tags);
      for (const card of prose.cards) expect(card.tags).toEqual([]);
    });

    it('runs all four rules, each card carrying the note title', () => {
      expect(new Set([...candidatesOf(prose), ...candidatesOf(skills)].map((c) => c.rule))).toEqual(new Set(['bold', 'definition', 'list', 'table']));
      for (const card of all) expect(crumbOf(card).replace(/\{\{c\d+::(.*?)\}\}/g, '$1')).toMatch(/^\S/);
      for (const card of prose.cards) expect(crumbOf(card).replace(/\{\{c\d+::(.*?)\}\}/g, '$1')).toMatch(new RegExp(`^${kind.prose.title}`));
    });
  });
}
