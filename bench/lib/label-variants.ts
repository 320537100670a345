/**
 * Label texts reshaped the ways real sources reshape them, for `npm run bench:labels -- --variants`: the
 * same labels, the same expected ingredients, another shape. A reader tuned on the corpus's own shapes
 * loses here what it would lose on a label printed, copied or recorded differently.
 */
export interface LabelVariant {
  readonly name: string;
  readonly description: string;
  readonly reshape: (text: string) => string;
}

export const LABEL_VARIANTS: readonly LabelVariant[] = [
  { name: 'as printed', description: 'the corpus text', reshape: (text) => text },
  {
    name: 'flattened',
    description: 'every line break a space, as label records and web scrapes flatten panels',
    reshape: (text) => text.replace(/\s*\n\s*/g, ' '),
  },
  {
    name: 'capitals',
    description: 'all in capitals, as many packs and SPL sections print',
    reshape: (text) => text.toUpperCase(),
  },
  {
    name: 'spaced lines',
    description: 'a blank line after every line, as copied from web pages',
    reshape: (text) => text.replace(/\n+/g, '\n\n'),
  },
  {
    name: 'no colons',
    description: 'headings without their colon ("Inactive ingredients benzoic acid, …")',
    reshape: (text) => text.replace(/^([^\n:]{2,40}?) ?:/gm, '$1'),
  },
  {
    name: 'semicolons',
    description: 'lists separated by semicolons, as European leaflets print them',
    reshape: (text) => text.replace(/, /g, '; '),
  },
  {
    name: 'bullets',
    description: 'lists separated by bullets, as makers’ pages print them',
    reshape: (text) => text.replace(/, /g, ' • '),
  },
  {
    name: 'one per line',
    description: 'a line break after every comma, as lists copied from a table or a phone screen',
    reshape: (text) => text.replace(/, /g, ',\n'),
  },
  {
    name: 'title case',
    description: 'every word with a capital initial, as packs set their lists',
    reshape: (text) => text.replace(/(?<![\p{L}\p{N}'’])\p{Ll}/gu, (letter) => letter.toUpperCase()),
  },
  {
    name: 'CRLF + tabs',
    description: 'Windows line ends and tabs between columns',
    reshape: (text) => text.replace(/\n/g, '\r\n').replace(/ {2,}/g, '\t'),
  },
];
