import { stripLabels } from './item-labels.ts';
import { cleanName } from './item-names.ts';
import { isProseWord, readsAsProse } from './prose.ts';
import { hasTopLevelListSeparator, splitTopLevel } from './separators.ts';

/** Where a section's list ends: a blank line, a heading in capitals, or the first item that reads as prose. */

/** A separator, or a joining word, that says the list goes on past the end of its line. */
const CONTINUES =
  /(?:[,;，；、•·●&+\-–:]|(?<![\p{L}])(?:and|or|of|with|de|di|du|da|do|des|del|della|van|von|der))$/iu;

/** A bullet that starts an item of a list printed one item per line. */
const BULLET = /^[-–•·●▪*] /u;

/**
 * The list's paragraph: a list ends at a blank line unless what surrounds the blank line says it goes on —
 * its last line ends with a separator or a joining word, its items are bulleted lines, or a comma list
 * goes on after it ("… metabissulfito de", blank line, "sódio, propilenoglicol …"). Names printed one per
 * paragraph ("Water", blank line, "Glycerin") are one list of one name per line.
 */
export function listParagraph(text: string): { text: string; after: string } {
  const paragraphs = text.split('\n\n');
  const isBareName = (paragraph: string) =>
    !paragraph.includes('\n') && !hasTopLevelListSeparator(paragraph) && !readsAsProse(paragraph);
  let end = 1;
  let allBare = isBareName(paragraphs[0] ?? '');
  while (end < paragraphs.length) {
    const next = paragraphs[end] ?? '';
    const bareGoesOn = allBare && isBareName(next);
    if (!bareGoesOn && !goesOn(paragraphs[end - 1] ?? '', next)) break;
    allBare = bareGoesOn;
    end++;
  }
  // A paragraph that ends inside a name ("… metabissulfito de") runs on, lines of names or bullets stay
  // lines; otherwise the blank line separates two items.
  const list = paragraphs
    .slice(0, end)
    .reduce((read, paragraph) =>
      CONTINUES.test(read) || allBare || BULLET.test(paragraph)
        ? `${read}\n${paragraph}`
        : `${read};${paragraph}`,
    );
  return { text: list, after: paragraphs.slice(end).join('\n') };
}

function goesOn(before: string, after: string): boolean {
  if (CONTINUES.test(before)) return true;
  if (BULLET.test(before) && BULLET.test(after)) return true;
  const firstItem = splitTopLevel(after, false)[0] ?? '';
  if (!hasTopLevelListSeparator(after) || readsAsProse(firstItem)) return false;
  // A comma list that goes on after a blank line, as OCR breaks a list into blocks ("…, Ethyl", blank line,
  // "Phthalate, Benzocaine …"), unless the list before it ended its sentence; or a lone line before the
  // list (a misread mark, a sub-heading).
  const loneLine = !before.includes('\n') && !hasTopLevelListSeparator(before);
  return loneLine || (hasTopLevelListSeparator(before) && !/[.!?]$/u.test(before));
}

/**
 * A list printed in mixed case ends at a line in capitals ("INFORMAÇÕES AO PACIENTE", "HOW TO USE"): the
 * next heading of a leaflet or panel. A list printed in capitals is left whole.
 */
export function beforeCapitalHeading(text: string): { text: string; after: string } {
  const lines = text.split('\n');
  if (!/\p{Ll}/u.test(lines[0] ?? '')) return { text, after: '' };
  const at = lines.findIndex(
    (line, index) =>
      index > 0 &&
      /^[^\p{Ll},;]{6,80}$/u.test(line) &&
      (line.match(/\p{Lu}/gu)?.length ?? 0) >= 6 &&
      / /.test(line.trim()),
  );
  return at === -1
    ? { text, after: '' }
    : { text: lines.slice(0, at).join('\n'), after: lines.slice(at).join('\n') };
}

/**
 * Cuts a prepared list (items separated, lines resolved) at its first top-level item that reads as prose.
 * In a list of one name per line, a line may go on to describe its name ("Distilled water is water that
 * has been filtered"): the name before the description is kept and the list goes on.
 * @returns the list before the cut (items joined by `;`), and the text from the cut on.
 */
export function cutAtProse(prepared: string, onePerLine: boolean): { list: string; rest: string } {
  const items = splitTopLevel(prepared, false);
  const kept: string[] = [];
  let offset = 0;
  for (const item of items) {
    const at = prepared.indexOf(item, offset);
    offset = at + item.length;
    // "contains less than 1% of:", "Storage bag for travel:" are labels inside the list, not prose.
    if (!readsAsProse(stripLabels(item))) {
      kept.push(item);
      continue;
    }
    // "The following inactive ingredients are contained:": a sentence that announces the list.
    if (/:\s*$/u.test(item)) continue;
    const unseparated = namesBySentenceCase(item);
    if (unseparated.length > 0) {
      kept.push(...unseparated);
      continue;
    }
    const described = onePerLine ? describedName(item) : null;
    if (described === null) return { list: kept.join(';'), rest: prepared.slice(at) };
    kept.push(described);
  }
  return { list: kept.join(';'), rest: '' };
}

/** Fewest names a run without separators must hold to be read by its capitals. */
const MIN_UNSEPARATED_NAMES = 3;

/**
 * Names printed without separators, each in sentence case ("Benzyl alcohol Cetostearyl alcohol Cetyl
 * palmitate Polysorbate 60", as registry records and OCR that lost the commas give them): a capital starts
 * each name. Read only when every piece reads as a name of at most four words; `[]` otherwise.
 */
function namesBySentenceCase(item: string): string[] {
  const words = item.trim().split(/\s+/u);
  if (!words.every((word) => /^(?:\p{Lu}\p{Ll}+|[\p{Ll}\d][\p{Ll}\d-]*)$/u.test(word))) return [];
  const names: string[][] = [];
  for (const word of words) {
    if (/^\p{Lu}/u.test(word) || names.length === 0) names.push([word]);
    else names.at(-1)?.push(word);
  }
  const pieces = names.map((name) => name.join(' '));
  const plausible = (piece: string) => piece.split(' ').length <= 4 && !readsAsProse(piece);
  return pieces.length >= MIN_UNSEPARATED_NAMES &&
    pieces.some((piece) => piece.includes(' ')) &&
    pieces.every(plausible)
    ? pieces
    : [];
}

/** The name a described line starts with: the words before its first function word, when they read as a name. */
function describedName(line: string): string | null {
  const words = line.trim().split(' ');
  const stop = words.findIndex((word, index) => index > 0 && isProseWord(word.replace(/[^\p{L}’']/gu, '')));
  if (stop <= 0) return null;
  const name = words.slice(0, stop).join(' ');
  return readsAsProse(name) ? null : name;
}

/** How many items of `text` read as names (not prose, a letter left once labels and amounts are off). */
export function namesIn(text: string): number {
  if (text.trim() === '') return 0;
  // "Pack sizes:" or "9 gram" alone names nothing.
  return splitTopLevel(text, false).filter(
    (item) => cleanName(stripLabels(item)) !== '' && !readsAsProse(item),
  ).length;
}
