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
 * A letter or digit outside ASCII (the styled forms are among these), or a full-width ASCII character
 * (U+FF01–FF5E: letters, digits and punctuation as CJK keyboards type them).
 */
const STYLED_CANDIDATE = /(?!\p{ASCII})[\p{Lu}\p{Ll}\p{Nd}]|[\uff01-\uff5e]/gu;

/**
 * Letters and digits printed in a styled form read as the plain ones: mathematical bold, italic,
 * double-struck (𝐂𝐨𝐭𝐭𝐨𝐧, ℂ𝕠𝕥𝕥𝕠𝕟), full-width (Ｃｏｔｔｏｎ，) and ligatures (ﬁ) are their NFKC forms. Without
 * this, {@link normalizeName} (like `lotus_normalize`, a–z and 0–9 only) reads them as nothing: the name is
 * dropped or never matches.
 *
 * Not NFKC over the whole text: it would also turn what the label readers rely on as printed into letters
 * and digits glued to names — footnote markers ("Cotton¹" → "Cotton1"), trade marks ("TENCEL™" →
 * "TENCELTM"), the micro sign of "µg" (→ Greek mu), fractions, circled numbers, ordinals (º → "o"). Only a
 * cased letter or a decimal digit whose compatibility form is plain ASCII letters or digits is replaced
 * (superscripts, ™ and ½ are neither; µ becomes μ, not ASCII; ª and º are uncased), and full-width ASCII.
 */
export function plainLetters(text: string): string {
  return text.replace(STYLED_CANDIDATE, (character) => {
    const plain = character.normalize('NFKC');
    return /^[\x21-\x7e]+$/.test(plain) ? plain : character;
  });
}

/**
 * One plain-text form for every input: line breaks as `\n`, blank lines as one empty line, every other space
 * as one ` `, no control or invisible format characters (a NUL becomes a space so that it cannot glue two
 * words together), no private-use characters (icon-font glyphs a web page's copy carries, and the reader's
 * own placeholders in `item-names.ts`).
 */
export function sanitizeLabelText(text: string): string {
  return (
    text
      .replace(/\p{Cs}/gu, '')
      .normalize('NFC')
      .replace(/\r\n?|[\v\f\u0085\u2028\u2029]/g, '\n')
      .replace(/\u00ad\n/g, '')
      .replace(/\p{Cf}|\p{Co}|\ufe0e|\ufe0f/gu, '')
      .replace(/(?!\n)[\s\p{Cc}]/gu, ' ')
      .replace(/ {2,}/g, ' ')
      // A blank line is kept (one): it ends a paragraph, which is evidence of where a list ends.
      .replace(/ ?\n *(\n[ \n]*)?/g, (_line, blank?: string) => (blank === undefined ? '\n' : '\n\n'))
      .trim()
  );
}
