/**
 * Repairs what OCR reliably gets wrong in printed ingredient lists before the text is parsed: a lower-case
 * "l" read as "|" or "!" inside a word ("Pheny!ethyl Alcohol", "Sodium Lauroy| Sulfate") would
 * otherwise split or end a name, and "£" is how the "E" of E-numbers is misread ("£325").
 */
export function repairOcrText(text: string): string {
  // "|" right after a lower-case letter is never a separator (those stand between spaces); "!" only when
  // a letter follows, since "Warning!" is punctuation.
  return text
    .replace(/(?<=\p{Ll})\|(?=[\s\p{L},.;:)]|$)/gu, 'l')
    .replace(/(?<=\p{Ll})!(?=\p{L})/gu, 'l')
    .replace(/£(?=\d{3})/g, 'E');
}
