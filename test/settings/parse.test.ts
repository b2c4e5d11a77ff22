import { describe, expect, it } from 'vitest';
import { KEEPABLE_REASONS } from '../../src/card.js';
import { SettingsError, parseVaultSettings } from '../../src/settings/parse.js';

const parse = (text: string) => parseVaultSettings(text, 'My vault');
const failure = (text: string): string => {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(SettingsError);
    return (error as Error).message;
  }
  throw new Error('expected a SettingsError');
};

describe('settings file', () => {
  it('an empty file, or one of comments only, is the defaults', () => {
    expect(parse('')).toEqual({ extract: {}, review: {} });
    expect(parse('# nothing yet\n')).toEqual({ extract: {}, review: {} });
  });

  it('a key with no value is left unset', () => {
    expect(parse('ignore:\n  # - Templates/\nrules:\ndeck:\nreview:\n  new:\n')).toEqual({ extract: {}, review: {} });
  });

  it('reads every setting', () => {
    const text = [
      'ignore: [Templates/, "*.excalidraw.md"]',
      'rules: [definition, table]',
      'deck: { scheme: single, name: "QA::Interview" }',
      'review: { new: 10, rollover: 3 }',
    ].join('\n');
    expect(parse(text)).toEqual({
      extract: { ignore: ['Templates/', '*.excalidraw.md'], rules: ['definition', 'table'], deck: { scheme: 'single', name: 'QA::Interview' } },
      review: { newPerDay: 10, rolloverHour: 3 },
    });
  });

  it('rules as a mapping turn single rules off; a lone ignore pattern needs no list', () => {
    expect(parse('rules: { bold: false }\nignore: Templates').extract).toEqual({ rules: ['definition', 'list', 'table'], ignore: ['Templates'] });
  });

  it('keep and exclude: lists, or one alone without the list; a kind left empty names nothing', () => {
    const text = 'keep: [rubric, metadata]\nexclude:\n  headings: ["Project template", "Шаблон*"]\n  columns: Link\n  terms:\n';
    expect(parse(text).extract).toEqual({
      keep: ['rubric', 'metadata'],
      exclude: { headings: ['Project template', 'Шаблон*'], columns: ['Link'], terms: [] },
    });
    expect(parse('keep: cap').extract).toEqual({ keep: ['cap'] });
  });

  it('deck schemes: a name alone, single named after the vault by default, a parent deck for folder', () => {
    expect(parse('deck: note').extract.deck).toEqual({ scheme: 'note' });
    expect(parse('deck: title').extract.deck).toEqual({ scheme: 'title' });
    expect(parse('deck: single').extract.deck).toEqual({ scheme: 'single', name: 'My vault' });
    expect(parse('deck: { name: Study }').extract.deck).toEqual({ scheme: 'folder', name: 'Study' });
  });

  it.each([
    ['rulez: [bold]', 'unknown setting "rulez" (known: ignore, rules, deck, keep, exclude, review)'],
    ['keep: [rubrik]', `"keep": unknown reason "rubrik" (reasons it can name: ${KEEPABLE_REASONS.join(', ')})`],
    ['keep: [excluded]', `"keep": "excluded" cards never come back (reasons it can name: ${KEEPABLE_REASONS.join(', ')})`],
    ['keep: { rubric: true }', `"keep" should be a list of reasons (reasons it can name: ${KEEPABLE_REASONS.join(', ')}), not a set of keys`],
    ['exclude: [Template]', '"exclude" should be a set of lists (headings, columns, terms), not a list'],
    ['exclude: { heading: [x] }', 'unknown setting "exclude.heading" (known: exclude.headings, exclude.columns, exclude.terms)'],
    ['exclude: { terms: [a, ""] }', '"exclude.terms" item 2: an empty pattern'],
    ['exclude: { columns: { Link: true } }', '"exclude.columns" should be a list of names or patterns, not a set of keys'],
    ['exclude: { headings: [[x]] }', '"exclude.headings" item 1 should be a name or pattern, not a list'],
    ['deck: { scheme: note, nme: x }', 'unknown setting "deck.nme" (known: deck.scheme, deck.name)'],
    ['review: { new_cards: 3 }', 'unknown setting "review.new_cards" (known: review.new, review.newPerDeck, review.rollover)'],
    ['rules: { bolt: false }', 'unknown setting "rules.bolt" (known: rules.bold, rules.definition, rules.list, rules.table)'],
    ['rules: 3', '"rules" should be a list of rules (bold, definition, list, table) or rule: true/false lines, not 3'],
    ['rules: [bold, cloze]', '"rules": unknown rule "cloze" (rules: bold, definition, list, table)'],
    ['rules: { bold: "no" }', '"rules.bold" should be true or false, not "no"'],
    ['ignore: { Templates: true }', '"ignore" should be a list of folders or patterns, not a set of keys'],
    ['ignore: [Templates, 3]', '"ignore" item 2 should be a folder or pattern, not 3'],
    ['ignore: ["", x]', '"ignore" item 1: an empty pattern'],
    ['deck: folders', '"deck" should be one of folder, note, title, single, not "folders"'],
    ['deck: { scheme: 1 }', '"deck.scheme" should be one of folder, note, title, single, not 1'],
    ['deck: [folder]', '"deck" should be folder, note, title, single or { scheme: …, name: … }, not a list'],
    ['deck: { scheme: folder, vault: X }', 'unknown setting "deck.vault" (known: deck.scheme, deck.name)'],
    ['deck: { scheme: single, name: "A::::B" }', '"deck.name" should be a deck name (levels joined by ::), not "A::::B"'],
    ['review: { new: -1 }', '"review.new" should be a whole number of new cards per day (0 or more), not -1'],
    ['review: { new: "20" }', '"review.new" should be a whole number of new cards per day (0 or more), not "20"'],
    ['review: { rollover: 24 }', '"review.rollover" should be the hour a study day starts, 0 to 23, not 24'],
    ['review: 5', '"review" should be a set of settings (new, newPerDeck, rollover), not 5'],
    ['- bold\n- table', 'should be a set of settings (key: value lines), not a list'],
    ['rules: [bold\nignore: x', 'invalid YAML at line 2: Flow sequence in block collection must be sufficiently indented and end with a ]'],
    ['rules: [bold]\nrules: [table]', 'invalid YAML at line 2: Map keys must be unique'],
    ['deck: *nowhere', 'invalid YAML: Unresolved alias (the anchor must be set before the alias): nowhere'],
  ])('%j is refused in one line naming the key', (text, message) => {
    const got = failure(text);
    expect(got).toBe(message);
    expect(got).not.toContain('\n');
  });
});
