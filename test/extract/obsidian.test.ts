import { describe, expect, it } from 'vitest';
import { readNote as read } from './helpers.js';

/**
 * What an Obsidian vault writes besides Markdown: callouts, tasks,
 * highlights, wikilinks, block ids, Dataview fields, drawings. Each test
 * holds the card that must be made, or turned down, beside what must stay.
 */
describe('Obsidian callouts', () => {
  it("asks a callout's question title with its body as the answer, and keeps a title out of the body's cloze", () => {
    const { asked } = read(
      '# Raft\n\n> [!question] What is a quorum?\n> A majority of the servers, so that two quorums always overlap.\n\n' +
        '> [!tip]- Exam hint\n> Remember that the **commit index** is the highest entry replicated on a majority.\n',
    );
    expect(asked).toEqual([
      'What is a quorum? = A majority of the servers, so that two quorums always overlap.',
      'Remember that the {{c1::commit index}} is the highest entry replicated on a majority. = ',
    ]);
  });

  it('turns down the cards of an example callout, and asks those of a note callout', () => {
    const { asked, dropped } = read('# Raft\n\n> [!example]\n> Node **A** wins the election with the votes of B and C.\n\n> [!note]\n> A **term** is a logical clock.\n');
    expect(asked).toEqual(['A {{c1::term}} is a logical clock. = ']);
    expect(dropped('example')).toEqual(['Node {{c1::A}} wins the election with the votes of B and C. = ']);
  });
});

describe('tasks, maps of notes and Dataview fields', () => {
  it("turns down a to-do list's items, and asks the definitions of the notes beside it", () => {
    const { asked, dropped } = read('# 2024-05-06\n\n- [x] **Finish report**: send it to Anna by five\n- [ ] **Dentist**: move the appointment\n\n- **Idempotent**: repeating a request has the effect of doing it once\n');
    expect(dropped('catalogue')).toEqual(['Finish report = send it to Anna by five', 'Dentist = move the appointment']);
    expect(asked).toEqual(['Idempotent = repeating a request has the effect of doing it once']);
  });

  it('turns down a term answered only by links to other notes, and asks one explained in words', () => {
    const { asked, dropped } = read('# Books MOC\n\n- **Psychology**: [[Thinking, Fast and Slow]], [[Nudge]]\n- **Anchoring**: estimates are pulled toward the first number seen ([[Thinking, Fast and Slow|Kahneman]])\n');
    expect(dropped('navigation')).toEqual(['Psychology = Thinking, Fast and Slow, Nudge']);
    expect(asked).toEqual(['Anchoring = estimates are pulled toward the first number seen (Kahneman)']);
  });

  it('reads the `::` of a Dataview field after a bold term as a separator, and a field without bold asks nothing', () => {
    const { asked } = read('# Biases\n\nAuthor:: Daniel Kahneman\n\n- **Anchoring**:: estimates are pulled toward the first number seen\n');
    expect(asked).toEqual(['Anchoring = estimates are pulled toward the first number seen']);
  });

  it('leaves block ids out of every card', () => {
    const { result } = read('# HTTP\n\n## Methods ^methods\n\n- **Idempotent**: repeating a request has the effect of doing it once ^idem\n\nA **safe** method never changes the state of the server.\n^safe\n');
    expect(result.cards.map((card) => `${card.front} = ${card.back}`)).toEqual([
      '<div class="crumb">HTTP › Methods</div>Idempotent = repeating a request has the effect of doing it once',
      '<div class="crumb">HTTP › Methods</div>A {{c1::safe}} method never changes the state of the server. = ',
    ]);
  });

  it('makes no card of an Excalidraw drawing, and says why', () => {
    const { result } = read('---\nexcalidraw-plugin: parsed\n---\n\n# Text Elements\n\n**Load balancer**: spreads requests over servers ^a1b2\n', 'Arch.excalidraw.md');
    expect(result.cards).toEqual([]);
    expect(result.skipped).toBe('an Excalidraw drawing');
  });
});

describe('highlights', () => {
  it('asks a highlighted phrase as the bold one it stands for, in a sentence and as a term', () => {
    const { asked } = read('# Redis\n\nOn write, ==update the database first, then delete the cache== entry.\n\n- ==Split brain== — two nodes both believe they lead the cluster.\n');
    expect(asked).toEqual([
      'On write, {{c1::update the database first, then delete the cache}} entry. = ',
      'Split brain = two nodes both believe they lead the cluster.',
    ]);
  });

  it('turns down a highlighted statement too long to recall word for word, and asks a short highlighted phrase', () => {
    const { asked, dropped } = read('# MySQL\n\nIn short: ==InnoDB stores its primary key index as a clustered B+ tree whose leaves hold whole rows==.\n\nA blocked process ==cannot go straight to running==.\n');
    expect(dropped('long-item')).toEqual(['In short: {{c1::InnoDB stores its primary key index as a clustered B+ tree whose leaves hold whole rows}}. = ']);
    expect(asked).toEqual(['A blocked process {{c1::cannot go straight to running}}. = ']);
  });

  it('never takes a highlighted line for a heading over the paragraph below it', () => {
    const { result } = read('# Heart failure\n\n==No mortality benefit from loop diuretics.==\n\nThey relieve **congestion** only.\n');
    expect(result.cards.map((card) => card.front)).toEqual(['<div class="crumb">Heart failure</div>They relieve {{c1::congestion}} only.']);
  });
});
