import { describe, expect, it } from 'vitest';
import { extractNote } from '../../src/extract/index.js';
import { withoutObsidianComments } from '../../src/parse/obsidian-comments.js';

const cardsOf = (text: string) => extractNote('n.md', text).cards;
const visible = (text: string) => cardsOf(text).map((card) => `${card.front} ${card.back}`).join('\n');

describe('Obsidian comments', () => {
  it('an inline %%comment%% never reaches a card; the sentence around it still does', () => {
    const cards = cardsOf('# T\n\nThe **cache** is fast. %%ask **Bob** about it%% Really.\n');
    expect(cards).toHaveLength(1);
    expect(cards[0]?.front).toContain('{{c1::cache}}');
    expect(visible('# T\n\nThe **cache** is fast. %%ask **Bob** about it%% Really.\n')).not.toMatch(/Bob|ask|%%/);
  });

  it('a comment over several lines hides every line of it, and the cards below keep their line numbers', () => {
    const note = '# T\n\n%%\n**Draft**: not ready.\n- **x**: y\n%%\n\n**Term**: meaning.\n';
    const cards = cardsOf(note);
    expect(cards.map((c) => [c.back, c.source.line])).toEqual([['meaning.', 8]]);
  });

  it('a comment opening and closing mid-line hides only what is between', () => {
    const cards = cardsOf('# T\n\n**Alpha**: first %%hidden\nstill hidden%% shown.\n\n**Beta**: second.\n');
    expect(cards.map((c) => c.back.replace(/\s+/g, ' '))).toEqual(['first shown.', 'second.']);
    expect(cards[1]?.source.line).toBe(6);
  });

  it('%% inside code spans, fenced code and the front matter is content, kept as written', () => {
    const note = '---\ntitle: "50%% off"\n---\n# T\n\n**Format**: `printf("%%d")` prints a number.\n\n**Shell:**\n\n```sh\necho %%PATH%%\n```\n';
    const text = visible(note);
    expect(text).toContain('printf(&quot;%%d&quot;)');
    expect(text).toContain('echo %%PATH%%');
    expect(withoutObsidianComments(note).text).toBe(note);
  });

  it('a %% never closed hides the rest of the note, as Obsidian shows it, with a warning naming its line', () => {
    const result = extractNote('n.md', '# T\n\n**Kept**: yes.\n\n%% draft below\n\n**Hidden**: no.\n');
    expect(result.cards.map((c) => c.back)).toEqual(['yes.']);
    expect(result.warnings.map((w) => w.message)).toEqual(['the %% comment opened at line 5 is never closed; the rest of the note is hidden, as in Obsidian']);
  });

  it('keeps the number of lines of the text', () => {
    const text = 'a %%x\ny\nz%% b\n%%one%%\nc';
    const { text: out } = withoutObsidianComments(text);
    expect(out.split('\n')).toEqual(['a ', '', ' b', '', 'c']);
  });
});
