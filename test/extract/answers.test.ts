import { describe, expect, it } from 'vitest';
import { crumbOf, questionOf, readNote as read } from './helpers.js';

/** How much of a long explanation a definition answers: one card asks one fact. */
describe('a definition explained at length', () => {
  it('answers with its sentences that stay within thirty words, and asks the terms of the rest by their bold', () => {
    const { asked } = read(
      '# The Guns of August\n\n' +
        '- **Belgian neutrality** — guaranteed by the 1839 Treaty of London, signed by Prussia among others. German Chancellor **Bethmann Hollweg** famously complained to the British ambassador that Britain was going to war over "a scrap of paper". Britain declared war on 4 August 1914.\n' +
        '- **Schlieffen Plan** — Germany\'s plan for a two-front war. Named after Alfred von Schlieffen.\n',
    );
    expect(asked).toEqual([
      'Belgian neutrality = guaranteed by the 1839 Treaty of London, signed by Prussia among others.',
      'German Chancellor {{c1::Bethmann Hollweg}} famously complained to the British ambassador that Britain was going to war over "a scrap of paper". = ',
      "Schlieffen Plan = Germany's plan for a two-front war. Named after Alfred von Schlieffen.",
    ]);
  });

  it('answers whole a long explanation whose later sentences hold no bold (nothing else would ask them), a quotation, and a term explained by a list under it', () => {
    const long = 'a practice of merging every change into the main branch several times a day, each merge checked by an automatic build. CD goes on to release every change that passes the checks to production.';
    expect(read(`# DevOps\n\n- **CI/CD** — ${long}\n`).asked).toEqual([`CI/CD = ${long}`]);
    const quote =
      '"Professional activities performed in a state of distraction-free concentration that push your cognitive capabilities to their limit. These efforts create new value, improve your skill, and are hard to replicate."';
    const { asked } = read(`# Deep Work\n\n**Deep work**: ${quote}\n\n- **Ritualise**: decide where you will work and for how long.\n  - rules such as no internet at all during the session, ever\n  - support such as coffee or a walk before the work starts, each day\n`);
    expect(asked[0]).toBe(`Deep work = ${quote}`);
    expect(asked[1]).toMatch(/^Ritualise = decide where you will work and for how long\. rules such as no internet/u);
  });
});

describe("the sentences after a definition's first", () => {
  it('name the term they go on about above the cloze, and a label such as Example names nothing', () => {
    const { result } = read(
      '# ML\n\n## Trees\n\n- **kNN** — lazy learning, no model is built at all. Нужно **масштабировать признаки**, иначе признак в рублях задавит признак в годах.\n- **Example:** a bank. It checks the **balance** first.\n',
    );
    const clozes = result.cards.filter((card) => card.type === 'cloze').map((card) => `${crumbOf(card)} ── ${questionOf(card)}`);
    expect(clozes).toEqual(['ML › Trees › kNN ── Нужно {{c1::масштабировать признаки}}, иначе признак в рублях задавит признак в годах.', 'ML › Trees ── <b>Example:</b> a bank. It checks the {{c1::balance}} first.']);
  });
});

describe('a sentence that lists examples', () => {
  it('asks none of them, any fitting a gap as well as another, and still asks the tools a sentence names as facts', () => {
    const { asked, dropped } = read('# Снифферы\n\nПримеры: **Fiddler**, **Charles**, **Wireshark**.\n\nНапример, фильтры трафика в **Wireshark** пишутся на своём языке выражений.\n');
    expect(dropped('example')).toEqual(['Примеры: {{c1::Fiddler}}, {{c2::Charles}}, {{c3::Wireshark}}. = ']);
    expect(asked).toEqual(['Например, фильтры трафика в {{c1::Wireshark}} пишутся на своём языке выражений. = ']);
  });
});
