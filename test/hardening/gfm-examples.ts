/**
 * GFM extension cases, written for this suite (no maintained npm package ships
 * the GFM spec's examples: the spec lives in github/cmark-gfm's test/spec.txt,
 * which is not published to npm; see docs/reliability.md). One entry per
 * construct GitHub adds to CommonMark, plus the Obsidian syntax flashmark reads,
 * each with the edge cases the GFM spec singles out.
 */
export const GFM_EXAMPLES: { name: string; markdown: string }[] = [
  // Tables (GFM 4.10)
  { name: 'table', markdown: '| foo | bar |\n| --- | --- |\n| baz | bim |\n' },
  { name: 'table-aligned', markdown: '| abc | defghi |\n:-: | -----------:\nbar | baz\n' },
  { name: 'table-escaped-pipes', markdown: '| f\\|oo  |\n| ------ |\n| b `\\|` az |\n| b **\\|** im |\n' },
  { name: 'table-ends-at-blockquote', markdown: '| abc | def |\n| --- | --- |\n| bar | baz |\n> bar\n' },
  { name: 'table-ends-at-blank', markdown: '| abc | def |\n| --- | --- |\n| bar | baz |\nbar\n\nbar\n' },
  { name: 'table-header-mismatch', markdown: '| abc | def |\n| --- |\n| bar |\n' },
  { name: 'table-ragged-rows', markdown: '| abc | def |\n| --- | --- |\n| bar |\n| bar | baz | boo |\n' },
  { name: 'table-header-only', markdown: '| abc | def |\n| --- | --- |\n' },
  { name: 'table-inline-markup', markdown: '| Term | Meaning |\n|---|---|\n| **bold** | *em* `code` [link](https://x.example) ~~gone~~ |\n| [[Wiki|alias]] | $x^2$ <br> next |\n' },
  { name: 'table-empty-cells', markdown: '| a | b | c |\n|---|---|---|\n|   |   |   |\n| x |   | z |\n' },
  // Task list items (GFM 5.3)
  { name: 'tasklist', markdown: '- [ ] foo\n- [x] bar\n' },
  { name: 'tasklist-nested', markdown: '# Tasks\n\n- [x] foo\n  - [ ] bar\n  - [x] baz\n- [ ] bim\n' },
  // Strikethrough (GFM 6.5)
  { name: 'strikethrough', markdown: '~~Hi~~ Hello, ~there~ world!\n' },
  { name: 'strikethrough-paragraphs', markdown: 'This ~~has a\n\nnew paragraph~~.\n' },
  { name: 'strikethrough-three', markdown: 'This will ~~~not~~~ strike.\n' },
  // Autolinks (GFM 6.9)
  { name: 'autolink-www', markdown: 'www.commonmark.org/help?q=**bold**.\n\nVisit www.commonmark.org/a.b.\n' },
  { name: 'autolink-trailing', markdown: 'www.google.com/search?q=(business))+ok\n\nwww.google.com/search?q=Markup+(business)\n\nwww.google.com/search?q=commonmark&hl;\n' },
  { name: 'autolink-email', markdown: 'foo@bar.baz\n\nhello@mail+xyz.example isn\'t valid, but hello+xyz@mail.example is.\n\na.b-c_d@a.b\n' },
  { name: 'autolink-protocols', markdown: 'http://commonmark.org\n\n(Visit https://encrypted.google.com/search?q=Markup+(business))\n\nmailto:foo@bar.baz xmpp:foo@bar.baz/txt\n' },
  // Disallowed raw HTML (GFM 6.11)
  { name: 'tagfilter', markdown: '<strong> <title> <style> <em>\n\n<blockquote>\n  <xmp> is disallowed.  <XMP> is also disallowed.\n</blockquote>\n' },
  { name: 'tagfilter-all', markdown: '<title>t</title><textarea>x</textarea><iframe src="x"></iframe><noembed></noembed><noframes></noframes><script>alert(1)</script><plaintext>p\n' },
  // Footnotes (GitHub, not in the spec text)
  { name: 'footnotes', markdown: 'Here is a **footnote** reference,[^1] and another.[^longnote]\n\n[^1]: Here is the footnote.\n\n[^longnote]: Here\'s one with multiple blocks.\n\n    Subsequent paragraphs are indented.\n' },
  // The Obsidian syntax flashmark reads on top of GFM
  { name: 'wikilinks', markdown: '# Links\n\n- **[[Note]]**: a [[Folder/Other#Heading|shown]] link and ![[pic.png]] embed\n- [[unclosed and ]] stray [[ ]]\n' },
  { name: 'highlight-callout', markdown: '> [!note] Title\n> ==highlighted== **term** inside a callout.\n' },
  { name: 'math', markdown: 'Inline $a^2 + b^2$ and **bold $x$** and a price of 100$ or 50$.\n\n$$\n\\int_0^1 x\\,dx\n$$\n' },
  { name: 'front-matter', markdown: '---\ntitle: "**Bold** title"\ntags: [a, "b c", "#d"]\ndeck: "X::Y"\nid: fixed\n---\n# Heading\n\n**Term**: explanation\n' },
  { name: 'front-matter-bad', markdown: '---\ntitle: [unclosed\ntags: {a: 1\n---\n**Term**: explanation\n' },
  { name: 'cloze-lookalikes', markdown: 'The **{{c1::already}}** marker and **a::b** and }} stray {{ braces.\n\n- **c0**: {{c0::zero}}\n' },
];
