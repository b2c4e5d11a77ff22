import { describe, expect, it } from 'vitest';
import { clozeQuestion, hiddenText, htmlToText, renderUnit, withoutHidden } from '../../src/review/render.js';
import { wrapText } from '../../src/review/session.js';

const plain = { ansi: false };
const tty = { ansi: true };

describe('card HTML as terminal text', () => {
  it('blanks the active cloze deletion, shows the others as text, and reveals it on the answer side', () => {
    const front = '<div class="crumb">DevOps › CI</div>CI builds a {{c1::binary or image}} and runs {{c2::unit tests::what kind?}}.';
    expect(renderUnit({ type: 'cloze', ord: 0, front, back: '', }, plain)).toEqual({
      question: 'DevOps › CI\nCI builds a [...] and runs unit tests.',
      answer: 'DevOps › CI\nCI builds a [binary or image] and runs unit tests.',
    });
    expect(clozeQuestion(front, 2)).toContain('runs [what kind?].');
  });

  it('strips tags, decodes entities, keeps list items and line breaks, and names images', () => {
    const html = '<p>a &lt;b&gt; &amp; &quot;c&quot; &#8594; &#x41;</p><ul><li>one</li><li>two <code>x</code></li></ul>line<br>break <img src="img/a.png">';
    expect(htmlToText(html, plain)).toBe('a <b> & "c" → A\n\n  • one\n  • two x\n\nline\nbreak [image: img/a.png]');
  });

  it('never runs raw HTML from a note: escaped markup stays text', () => {
    expect(htmlToText('&lt;script&gt;alert(1)&lt;/script&gt;', plain)).toBe('<script>alert(1)</script>');
  });

  it('styles <b>, <code> and the breadcrumb with ANSI only when asked (a terminal)', () => {
    const html = '<div class="crumb">T › S</div><b>term</b> is <code>x</code>';
    expect(htmlToText(html, plain)).toBe('T › S\nterm is x');
    expect(htmlToText(html, tty)).toBe('\x1b[2mT › S\x1b[22m\n\x1b[1mterm\x1b[22m is \x1b[36mx\x1b[39m');
  });

  it('shows a basic card\'s back as the answer', () => {
    expect(renderUnit({ type: 'basic', ord: 0, front: '<div class="crumb">T</div>Ansible', back: 'Playbooks in <b>YAML</b>' }, plain)).toEqual({
      question: 'T\nAnsible',
      answer: 'Playbooks in YAML',
    });
  });

  it('keeps the lines and indentation of a code block, also when wrapped', () => {
    const back = 'runs<pre><code>for f in *; do\n    echo &quot;$f&quot;\ndone</code></pre>';
    const text = htmlToText(back, plain);
    expect(text).toBe('runs\nfor f in *; do\n    echo "$f"\ndone');
    expect(wrapText('    echo one two three', 16)).toBe('    echo one two\n    three');
  });

  it('blanks in a header line every word the hidden part contains', () => {
    const cloze = { type: 'cloze' as const, ord: 1, front: 'A process reads {{c1::stdin}} and writes {{c2::Ribosome output}}.', back: '' };
    expect(hiddenText(cloze)).toBe('Ribosome output');
    expect(withoutHidden('Biology::Ribosome · ribosome-notes.md:5', hiddenText(cloze))).toBe('Biology::[...] · [...]-notes.md:5');
    const basic = { type: 'basic' as const, ord: 0, front: 'grep', back: 'searches <b>text</b>' };
    expect(withoutHidden('Text tools · stdin.md:3', hiddenText(basic))).toBe('[...] tools · stdin.md:3');
  });
});
