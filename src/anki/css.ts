/**
 * The look of every flashmark card, shared by both note types.
 *
 * Readable on a desktop window and a phone (relative sizes, images that shrink,
 * code that scrolls instead of overflowing) in light and dark mode. Desktop Anki
 * marks dark mode with `.nightMode` on the card, AnkiDroid with `.night_mode`
 * on the body, so both are styled.
 */
export const CARD_CSS = `.card {
  font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif;
  font-size: 20px;
  line-height: 1.5;
  text-align: left;
  color: #1f2328;
  background-color: #ffffff;
  max-width: 42em;
  margin: 0 auto;
  padding: 0.5em 1em;
  overflow-wrap: break-word;
}
.crumb {
  font-size: 0.7em;
  color: #656d76;
  margin-bottom: 0.8em;
  padding-bottom: 0.3em;
  border-bottom: 1px solid #d0d7de;
}
.source { font-size: 0.6em; color: #656d76; margin-top: 1.5em; }
.source a { color: inherit; }
.cloze { font-weight: bold; color: #0550ae; }
hr#answer { border: none; border-top: 1px solid #d0d7de; margin: 1em 0; }
code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: 0.88em; background: rgba(175, 184, 193, 0.25); border-radius: 4px; padding: 0.1em 0.3em; }
pre { overflow-x: auto; background: rgba(175, 184, 193, 0.2); border-radius: 6px; padding: 0.6em 0.8em; }
pre code { background: none; padding: 0; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { border: 1px solid #d0d7de; padding: 0.25em 0.6em; vertical-align: top; }
img { max-width: 100%; height: auto; }
ul, ol { padding-left: 1.4em; }
@media (max-width: 480px) {
  .card { font-size: 18px; padding: 0.25em 0.5em; }
}
.card.nightMode, .nightMode .card, .card.night_mode, .night_mode .card { color: #e6edf3; background-color: #1e1e1e; }
.nightMode .crumb, .night_mode .crumb { color: #9198a1; border-bottom-color: #3d444d; }
.nightMode .source, .night_mode .source { color: #9198a1; }
.nightMode .cloze, .night_mode .cloze { color: #79c0ff; }
.nightMode hr#answer, .night_mode hr#answer { border-top-color: #3d444d; }
.nightMode code, .night_mode code, .nightMode pre, .night_mode pre { background: rgba(110, 118, 129, 0.3); }
.nightMode th, .nightMode td, .night_mode th, .night_mode td { border-color: #3d444d; }
`;
