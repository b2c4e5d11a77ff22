// The commonmark-spec package ships no types: its CommonJS exports, as read through ESM.
declare module 'commonmark-spec' {
  const spec: { text: string; tests: { markdown: string; html: string; section: string; number: number }[] };
  export default spec;
}
