import { describe, expect, it } from 'vitest';
import { KEEPABLE_REASONS, type DropReason, type DroppedCard } from '../../src/card.js';
import type { Draft } from '../../src/extract/context.js';
import { finishCards } from '../../src/extract/finish.js';
import { extractNote, type ExtractOptions } from '../../src/extract/index.js';
import { deletionsOf, questionOf } from './helpers.js';

/** The question of a dropped candidate, below its breadcrumb. */
const askedBy = (dropped: DroppedCard): string => dropped.front.replace(/^<div class="crumb">.*?<\/div>/s, '');
const none = { headings: [], columns: [], terms: [] };
const extract = (text: string, options: Partial<ExtractOptions> = {}) => extractNote('n.md', text, options);
const questions = (text: string, options: Partial<ExtractOptions> = {}) => extract(text, options).cards.map(questionOf);
const excluding = (exclude: Partial<ExtractOptions['exclude']>): Partial<ExtractOptions> => ({ exclude: { ...none, ...exclude } });

const protocols = '# Net\n\n## Protocols\n\n**HTTP**: the protocol of the web.\n\n## Project template\n\n**Owner**: who runs it.\n\n### Steps\n\n**Kickoff**: the first meeting.\n';

describe('exclude', () => {
  it('headings: a section and the sections below it make no cards; the others still do', () => {
    expect(questions(protocols)).toEqual(['HTTP', 'Owner', 'Kickoff']);
    const result = extract(protocols, excluding({ headings: ['project TEMPLATE'] }));
    expect(result.cards.map(questionOf)).toEqual(['HTTP']);
    expect(result.dropped.map((d) => [d.reason, d.source.line])).toEqual([
      ['excluded', 9],
      ['excluded', 13],
    ]);
  });

  it('headings by pattern: * stands for any run of characters', () => {
    expect(questions(protocols, excluding({ headings: ['*templ*'] }))).toEqual(['HTTP']);
    expect(questions(protocols, excluding({ headings: ['Steps'] }))).toEqual(['HTTP', 'Owner']);
    // The whole heading, not a part of it.
    expect(questions(protocols, excluding({ headings: ['Step'] }))).toEqual(['HTTP', 'Owner', 'Kickoff']);
  });

  it('columns: a table column by its header makes no cards; the other columns still do', () => {
    const table = '# T\n\n| Tool | Purpose | Origin |\n| --- | --- | --- |\n| Jira | tracks issues | made by Atlassian |\n| Git | keeps versions | made by Linus Torvalds |\n';
    expect(questions(table)).toContain('Jira › Origin');
    const result = extract(table, excluding({ columns: ['origin'] }));
    expect(result.cards.map(questionOf)).toEqual(['Jira › Purpose', 'Git › Purpose']);
    expect(result.dropped.map((d) => d.reason)).toEqual(['excluded', 'excluded']);
  });

  it('terms: a definition, a table row and a whole bold cloze by their term; the neighbours stay', () => {
    const note = '# T\n\n## Words\n\n**Lorem**: filler text.\n\n**Cache**: a fast copy.\n\nOnly **Ipsum** here.\n\n| Term | Means |\n| --- | --- |\n| Lorem | filler |\n| Queue | a line of work |\n';
    const result = extract(note, excluding({ terms: ['lorem', 'ipsum'] }));
    expect(result.cards.map(questionOf)).toEqual(['Cache', 'Queue › Means']);
    expect(result.dropped.map((d) => [d.reason, d.rule])).toEqual([
      ['excluded', 'definition'],
      ['excluded', 'bold'],
      ['excluded', 'table'],
    ]);
  });

  it('terms: a definition whose term has a gloss in parentheses, with or without the gloss', () => {
    const note =
      '# Tools\n\n## Automation\n\n**Ansible (automation tool)**: applies playbooks over SSH without agents.\n\n**Puppet (configuration tool)**: keeps servers in a declared state through an agent on each.\n';
    expect(questions(note)).toEqual(['Ansible (automation tool)', 'Puppet (configuration tool)']);
    expect(questions(note, excluding({ terms: ['ansible'] }))).toEqual(['Puppet (configuration tool)']);
    expect(questions(note, excluding({ terms: ['PUPPET (configuration tool)'] }))).toEqual(['Ansible (automation tool)']);
  });

  it('terms: in a cloze with other deletions, an excluded term is shown as plain text and the rest are still asked', () => {
    const note = '# T\n\nOnly **TCP** and **UDP** carry it.\n';
    const [card] = extract(note, excluding({ terms: ['UDP'] })).cards;
    expect(deletionsOf(card!)).toEqual(['tcp']);
    expect(questionOf(card!)).toContain('and UDP carry');
    expect(card?.cards).toBe(1);
  });

  it('terms: a list item by its text', () => {
    const note = '# T\n\n## Colours\n\n- red\n- green\n- blue\n';
    const [card] = extract(note, excluding({ terms: ['green'] })).cards;
    expect(deletionsOf(card!)).toEqual(['red', 'blue']);
    expect(questionOf(card!)).toContain('green');
  });

  it('a note adds its own exclusions and keeps in its front matter, merged with the vault\'s', () => {
    const note = `---\nflashmark:\n  exclude:\n    headings: [Steps]\n---\n${protocols}`;
    expect(questions(note, excluding({ terms: ['HTTP'] }))).toEqual(['Owner']);
    // Another note of the same vault has only the vault's.
    expect(questions(protocols, excluding({ terms: ['HTTP'] }))).toEqual(['Owner', 'Kickoff']);
  });

  it('a front matter choice of the wrong kind is a warning naming the key, and the rest of the note is read', () => {
    const note = `---\nflashmark:\n  keep: [shows-answer]\n  exclude: { terms: [Owner] }\n  skip: true\n---\n${protocols}`;
    const result = extract(note);
    expect(result.cards.map(questionOf)).toEqual(['HTTP', 'Kickoff']);
    expect(result.warnings.map((w) => w.message)).toEqual([
      'front matter has unknown choice "flashmark.skip" (known: flashmark.keep, flashmark.exclude); ignored',
      `front matter "flashmark.keep": "shows-answer" cards never come back (reasons it can name: ${KEEPABLE_REASONS.join(', ')}); ignored`,
    ]);
    expect(extract('---\nflashmark: false\n---\n**A**: b.\n').skipped).toBe('opted out (flashmark: false)');
  });
});

describe('keep', () => {
  const facts = { file: 'n.md', identity: 'n', title: 'T', deck: 'T', tags: [] };
  const draft = (cue: string, drop?: DropReason): Draft => ({
    rule: 'definition',
    type: 'basic',
    cue,
    crumb: [],
    place: [],
    question: cue,
    back: `about ${cue.toLowerCase()}`,
    answers: [],
    line: 3,
    ...(drop ? { drop } : {}),
  });

  it('brings back the candidates a rule dropped for the reasons it names, and only those', () => {
    const drafts = [draft('Kept'), draft('Grid', 'rubric'), draft('Meta', 'metadata')];
    const plain = finishCards(facts, drafts);
    expect(plain.cards.map((c) => c.front.replace(/<div class="crumb">.*?<\/div>/, ''))).toEqual(['Kept']);
    expect(plain.dropped.map((d) => d.reason)).toEqual(['rubric', 'metadata']);
    const kept = finishCards(facts, drafts, new Set<DropReason>(['rubric']));
    expect(kept.cards.map((c) => c.front.replace(/<div class="crumb">.*?<\/div>/, ''))).toEqual(['Kept', 'Grid']);
    expect(kept.dropped.map((d) => d.reason)).toEqual(['metadata']);
  });

  it('brings back the cards past a big table\'s cap when it names cap; the cards under the cap stay', () => {
    const names = ['alpha', 'bravo', 'charlie', 'delta', 'echo', 'foxtrot', 'golf', 'hotel', 'india', 'juliet', 'kilo', 'lima', 'mike', 'oscar', 'papa'];
    const rows = [...names, ...names.map((name) => `${name} two`), ...names.map((name) => `${name} three`)]
      .map((name, i) => `| ${name} | stored in region ${i * 7 + 3} | owned by team ${String.fromCharCode(65 + (i % 26))}${i} |`)
      .join('\n');
    const note = `# Inventory\n\n## Places\n\n| Code | Where | Kept by |\n| --- | --- | --- |\n${rows}\n`;
    const capped = extract(note);
    const overCap = capped.dropped.filter((d) => d.reason === 'cap');
    expect(overCap.length).toBeGreaterThan(0);
    const kept = extract(note, { keep: ['cap'] });
    expect(kept.dropped.filter((d) => d.reason === 'cap')).toEqual([]);
    expect(kept.cards.length).toBe(capped.cards.length + overCap.length);
    expect(kept.cards).toEqual(expect.arrayContaining(capped.cards));
  });

  it('never brings back what the user excluded or skipped', () => {
    const note = '# T\n\n**A**: one.\n\n<!-- flashmark: skip -->\n**B**: two.\n';
    const result = extract(note, { keep: ['skip-marker', 'excluded'], ...excluding({ terms: ['A'] }) });
    expect(result.cards).toEqual([]);
    expect(result.dropped.map((d) => d.reason)).toEqual(['excluded', 'skip-marker']);
  });
});

describe('the skip marker', () => {
  it('skips the block right after it, in any case and spacing; the block before and after still make cards', () => {
    for (const marker of ['<!-- flashmark: skip -->', '<!--flashmark:skip-->', '<!--   FlashMark :  SKIP   -->']) {
      const result = extract(`# T\n\n**Before**: asked.\n\n${marker}\n**Skipped**: not asked.\n\n**After**: asked.\n`);
      expect(result.cards.map(questionOf), marker).toEqual(['Before', 'After']);
      expect(result.dropped.map((d) => [d.reason, askedBy(d), d.source.line])).toEqual([['skip-marker', 'Skipped', 6]]);
    }
  });

  it('before a list or a table skips all of it', () => {
    const note = '# T\n\n## Colours\n\n<!-- flashmark: skip -->\n- red\n- **green**: a colour\n\n| A | B |\n| --- | --- |\n| x | kept cell |\n';
    const result = extract(note);
    expect(result.cards.map(questionOf)).toEqual(['x › B']);
    expect(new Set(result.dropped.map((d) => d.reason))).toEqual(new Set(['skip-marker']));
    expect(result.dropped.length).toBeGreaterThan(0);
  });

  it('before a heading skips its section, sub-sections included, up to the next heading of the same or a higher level', () => {
    const note =
      '# T\n\n## One\n\n**A**: asked.\n\n<!-- flashmark: skip -->\n## Two\n\n**B**: skipped.\n\n### Two and a half\n\n**C**: skipped.\n\n## Three\n\n**D**: asked.\n';
    const result = extract(note);
    expect(result.cards.map(questionOf)).toEqual(['A', 'D']);
    expect(result.dropped.map((d) => askedBy(d))).toEqual(['B', 'C']);
  });

  it('is an HTML comment like any other elsewhere: a comment of other words skips nothing', () => {
    expect(questions('# T\n\n<!-- flashmark: keep -->\n**A**: asked.\n\n<!-- skip -->\n**B**: asked.\n')).toEqual(['A', 'B']);
  });
});
