import { editDistance } from './edit-distance.ts';

/** Words that open or close an ingredient list, which OCR misreads often enough to break the section. */
const KEYWORDS = ['Ingredients', 'Materials', 'Composition', 'Warning', 'Warnings', 'Directions', 'Caution'];

/**
 * Repairs what OCR reliably gets wrong in printed ingredient lists before the text is parsed:
 * - a lower-case "l" read as "|" or "!" inside a word ("Pheny!ethyl Alcohol", "Sodium Lauroy| Sulfate"),
 *   which would otherwise split or end a name;
 * - "£" for the "E" of E-numbers ("£325");
 * - a misread heading or end word followed by a colon ("Ingredieots:", "MGREDHENTS:", "Warming:"), which
 *   would lose the whole list or let it run on into the warnings: a word of 7+ letters within two edits
 *   (three for 10+ letters) of one of {@link KEYWORDS} is replaced by it.
 */
export function repairOcrText(text: string): string {
  return (
    text
      // "|" right after a lower-case letter is never a separator (those stand between spaces); "!" only
      // when a letter follows, since "Warning!" is punctuation.
      .replace(/(?<=\p{Ll})\|(?=[\s\p{L},.;:)]|$)/gu, 'l')
      .replace(/(?<=\p{Ll})!(?=\p{L})/gu, 'l')
      .replace(/£(?=\d{3})/g, 'E')
      .replace(/(?<![\p{L}\p{N}])(\p{L}{7,13})(?= ?[:;])/gu, (word) => keywordFor(word) ?? word)
      .replace(LIST_BROKEN_BY_BLANK_LINE, '$1\n')
  );
}

/**
 * A blank line inside a list: the engine sometimes starts a new paragraph at a wrapped line, so a name cut
 * by the wrap ("Quaternized" / "Hydroxyethylcellulose,") would be read as two. The line before holds a
 * list separator and ends in a letter (mid-name), the line after starts with a letter and carries on the
 * list (a separator, or the list's closing period) and is no heading (no colon); the blank line goes.
 */
const LIST_BROKEN_BY_BLANK_LINE = /(,[^,\n]*\p{L})[ \t]*\n[ \t]*\n(?=[ \t]*\p{L}(?![^\n]*:)[^\n]*[,.;])/gu;

function keywordFor(word: string): string | undefined {
  const lower = word.toLowerCase();
  for (const keyword of KEYWORDS) {
    const target = keyword.toLowerCase();
    if (lower === target) return undefined;
    const allowed = target.length >= 10 ? 3 : 2;
    if (Math.abs(lower.length - target.length) <= allowed && editDistance(lower, target) <= allowed) {
      return word === word.toUpperCase() ? keyword.toUpperCase() : keyword;
    }
  }
  return undefined;
}
