/** The plain forms of label text that every reader works on. */

/**
 * Normalises a name for comparison: accents removed, lower case, every run of characters other than a–z
 * and 0–9 turned into one space, trimmed. It must stay identical to `lotus_normalize` in the database,
 * which indexes library names and aliases with it: "Caprylic/Capric Triglyceride" → "caprylic capric
 * triglyceride", "Glycérine" → "glycerine".
 */
export function normalizeName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/**
 * One plain-text form for every input: line breaks as `\n`, blank lines as one empty line, every other space
 * as one ` `, no control or invisible format characters (a NUL becomes a space so that it cannot glue two
 * words together).
 */
export function sanitizeLabelText(text: string): string {
  return (
    text
      .replace(/\p{Cs}/gu, '')
      .normalize('NFC')
      .replace(/\r\n?|[\v\f\u0085\u2028\u2029]/g, '\n')
      .replace(/\u00ad\n/g, '')
      .replace(/\p{Cf}|\ufe0e|\ufe0f/gu, '')
      .replace(/(?!\n)[\s\p{Cc}]/gu, ' ')
      .replace(/ {2,}/g, ' ')
      // A blank line is kept (one): it ends a paragraph, which is evidence of where a list ends.
      .replace(/ ?\n *(\n[ \n]*)?/g, (_line, blank?: string) => (blank === undefined ? '\n' : '\n\n'))
      .trim()
  );
}
