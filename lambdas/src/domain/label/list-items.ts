import type { ParsedIngredient } from '../types.ts';
import {
  AMOUNT,
  cleanName,
  type Item,
  isComponent,
  isNote,
  PACK_COUNT,
  PHARMACOPOEIA_GRADE,
  toItems,
} from './item-names.ts';
import { endsWithDosageForm, isProseWord, readsAsProse } from './prose.ts';
import { sanitizeLabelText } from './text-form.ts';

/** A section's list split into its names, in printed order, up to where the list ends. */

/** A section's ingredients, and whether text that reads like more of them was left out of the list. */
export interface SplitSection {
  readonly ingredients: ParsedIngredient[];
  /**
   * The list was cut where the text turned to prose, but names followed after the prose: the list may
   * go on there (a claim or a note printed inside it), so what was read may not be all of it.
   */
  readonly leftOver: boolean;
}

type Segment =
  | { readonly kind: 'text'; readonly value: string }
  | { readonly kind: 'group'; readonly value: string; readonly square: boolean };

/** Drug Facts leader dots ("Benzocaine 20% ........ External analgesic"): the purpose column follows. */
const LEADER_DOTS = /(?:\. ?){4,}[^\n]*|…[ .…][^\n]*/g;

/** "Topsheet:", "Absorbent core:", "May contain (+/-):" — a short label before a colon. */
const LABEL = /^[ \-–•·*]{0,3}(\p{L}[\p{L}\p{M}'’\- ]{0,40}?)(?: ?\([^()]{0,12}\))? ?[:：]/u;

const MAX_LABEL_WORDS = 4;

/** A label naming one product of a pack, with its strength and form, before a colon. */
const PRODUCT_LABEL = /^[ \-–•·*]{0,3}([^\n:：,;()]{3,60}?) ?[:：]/u;

/** "Contains less than 1% of:", "2% or less of:". */
const MINOR_AMOUNT_LABEL =
  /^ ?(?:contains )?(?:less than |under |< ?)?\d{1,3}(?:[.,]\d{1,3})? ?%(?: or less)?(?: of)? ?:/iu;

const OPENERS = '([{';

const CLOSERS = ')]}';

const LIST_SEPARATORS = ',;，；、•·●▪◦‣∙';

const SPACED_CONJUNCTION = / (?:and\/or|and|&|\+) /iy;
/** "e", "y", "et", "und", "en" join the last two names in pt/it, es, fr, de, nl lists; lower case only ("Vitamin E"). */
const LOCAL_CONJUNCTION = / (?:e|y|et|und|en) /y;
/**
 * The same words printed with a capital, between two names set in capitals or Title Case
 * ("METILPARABENO E PROPILPARABENO", "Metilparabeno E Propilparabeno").
 */
const CAPITAL_CONJUNCTION = /(?<=\p{L}{2}) (?:E|Y|ET|UND|EN) (?=\p{Lu}\p{L}{2})/uy;
/** Words after which a capital letter is a vitamin's ("VITAMIN E ACETATE"). */
const VITAMIN_WORD = /^(?:vitamin|vitamina|vitamine|vit)$/u;

const INCI_AND = /\( ?and ?\)/iy;

/** Words after which a period abbreviates ("Vit. E", "No. 5") instead of closing a group of materials. */
const ABBREVIATIONS = new Set([
  'vit',
  'no',
  'nr',
  'st',
  'sp',
  'spp',
  'ssp',
  'subsp',
  'var',
  'ext',
  'extr',
  'approx',
  'incl',
]);

/** Deeper parentheses are read as plain text, which also keeps recursion shallow on hostile input. */
const MAX_DEPTH = 3;

/**
 * Splits one section into cleaned ingredients, numbered from 1 in printed order. Separators are commas,
 * semicolons, bullets, `|`, " and ", " & ", "(and)", and periods that close a group of materials; a list
 * without commas or semicolons spread over several lines has one ingredient per line. Percentages and
 * amounts, component labels ("Topsheet:"), footnote markers, purpose notes ("(preservative)") and
 * surrounding punctuation are removed; the printed case is kept. "Aqua (Water)" and "Aqua/Water/Eau" give
 * alternatives; a list in parentheses or square brackets gives further ingredients. Never throws.
 */
export function splitIngredients(sectionText: string): ParsedIngredient[] {
  return splitSection(sectionText).ingredients;
}

/**
 * "lactose monohydrate – q.s. to 1.2 g", "purified water q.s. ad 100%": the amount an ingredient makes the
 * dose up to, printed after its name; not prose, and not part of the name.
 */
const MADE_UP_TO =
  /(?<=[\p{L}\p{N})])\s*[–-]?\s*(?:q\.? ?s\.?|ad|up to)(?: ?(?:to|ad|p\.?|para))?\s+\d{1,5}(?:[.,]\d{1,4})?\s?(?:%|mg|g|ml)(?![\p{L}])/giu;

/**
 * {@link splitIngredients}, and where the list ends: at the first line or item that reads as a sentence
 * (a direction, a certification, a storage note, an address or a batch code — see `readsAsProse`), not at
 * a keyword. Nothing after it is an ingredient; `leftOver` says whether names followed the prose anyway.
 */
export function splitSection(sectionText: string): SplitSection {
  const paragraph = listParagraph(sanitizeLabelText(sectionText).replace(MADE_UP_TO, ''));
  const heading = beforeCapitalHeading(paragraph.text);
  const clean = heading.text;
  const after = `${heading.after}\n${paragraph.after}`;
  // Names one per line; a single line of prose ("What's in our tampons") is a title, not a described name.
  const onePerLine = clean.includes('\n') && !hasTopLevelListSeparator(clean);
  const cut = cutAtProse(prepareList(clean), onePerLine);
  const { list } = cut;
  const rest = `${cut.rest}\n${after}`;
  const ingredients = parseItems(list, 0).map((item, index) => ({
    name: item.name,
    position: index + 1,
    alternatives: item.alternatives,
  }));
  return { ingredients, leftOver: namesIn(rest) >= 2 };
}

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
function listParagraph(text: string): { text: string; after: string } {
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
function beforeCapitalHeading(text: string): { text: string; after: string } {
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
function cutAtProse(prepared: string, onePerLine: boolean): { list: string; rest: string } {
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
function namesIn(text: string): number {
  if (text.trim() === '') return 0;
  // "Pack sizes:" or "9 gram" alone names nothing.
  return splitTopLevel(text, false).filter(
    (item) => cleanName(stripLabels(item)) !== '' && !readsAsProse(item),
  ).length;
}

/** Words that open what an ingredient does, in a maker's list of benefits ("helps maintain pH balance"). */
const DESCRIPTION_START =
  /^(?:a|an|the|helps?|keeps?|soothes?|calms?|maintains?|supports?|protects?|provides?|reduces?|relieves?|balances?|moisturi[sz]es?|hydrates?|cleanses?|softens?|nourishes?|restores?|prevents?|fights?|gently|naturally|known|used|which|that|to|for|is|are)(?![\p{L}])/iu;

/** "Aloe Vera: soothes and calms", "Lactic acid – maintains a healthy pH": a name, then what it does. */
const NAME_THEN_DESCRIPTION =
  /^(?<lead>[ \-–•·*]{0,3})(?<name>\p{L}[^:–—\n,;]{1,60}?)(?: ?: | [-–—] )(?<what>\S[^\n]*)$/u;

/** The line without the description a maker printed after the name (the line itself when it has none). */
function withoutDescription(line: string): string {
  const groups = NAME_THEN_DESCRIPTION.exec(line)?.groups;
  if (groups?.name === undefined || groups.what === undefined) return line;
  const describes = DESCRIPTION_START.test(groups.what) && !isComponent(groups.name.trim());
  return describes ? `${groups.lead ?? ''}${groups.name}` : line;
}

/**
 * Resolves line breaks: words hyphenated across lines are joined (the hyphen kept before a capital or a
 * digit, as in "PEG-\n100"), a line starting with a component label starts a new item, and otherwise a
 * break is a space — or a separator when the list has no commas or semicolons at all.
 */
function prepareList(text: string): string {
  const joined = text
    .split('\n')
    .map(withoutDescription)
    .join('\n')
    .replace(LEADER_DOTS, '')
    .replace(/([\p{L}\p{N}])[-‐‑]\n(?=([\p{L}\p{N}]))/gu, (_match, before: string, next: string) =>
      /\p{Ll}/u.test(next) ? before : `${before}-`,
    );
  const [first = '', ...rest] = joined.split('\n');
  const onePerLine = !hasTopLevelListSeparator(joined);
  let prepared = first;
  for (const line of rest) {
    // A line that reads as a sentence ("Dermatologically tested") is not glued onto the last name.
    const startsProse = readsAsProse(stripLabels(splitTopLevel(line, false)[0] ?? ''));
    prepared += (onePerLine || startsProse || labelLength(line) > 0 ? ';' : ' ') + line;
  }
  return prepared;
}

function hasTopLevelListSeparator(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    if (OPENERS.includes(char)) depth++;
    else if (CLOSERS.includes(char)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && ',;，；、'.includes(char)) return true;
  }
  return false;
}

function parseItems(text: string, depth: number): Item[] {
  return splitTopLevel(text, depth >= MAX_DEPTH).flatMap((raw) => parseItem(raw, depth));
}

/** Cuts a list at separators outside parentheses (everywhere when `flat`). */
export function splitTopLevel(text: string, flat: boolean): string[] {
  const parts: string[] = [];
  let level = 0;
  let start = 0;
  let i = 0;
  while (i < text.length) {
    const char = text.charAt(i);
    let separatorLength = 0;
    if (!flat && OPENERS.includes(char)) {
      INCI_AND.lastIndex = i;
      if (level === 0 && INCI_AND.test(text)) separatorLength = INCI_AND.lastIndex - i;
      else level++;
    } else if (!flat && CLOSERS.includes(char)) {
      level = Math.max(0, level - 1);
    } else if (level === 0) {
      separatorLength = separatorLengthAt(text, i);
    }
    if (separatorLength > 0) {
      parts.push(text.slice(start, i));
      start = i + separatorLength;
      i = start;
    } else {
      i++;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

function separatorLengthAt(text: string, i: number): number {
  const char = text.charAt(i);
  const previous = text.charAt(i - 1);
  const next = text.charAt(i + 1);
  // A comma between digits is a decimal comma ("0,5%") or part of a name ("1,2-Hexanediol").
  if (char === ',') return /\d/.test(previous) && /\d/.test(next) ? 0 : 1;
  if (LIST_SEPARATORS.includes(char)) return 1;
  // OCR reads a lower-case l as "|" inside words ("G|ycerin"); only a free-standing bar separates.
  if (char === '|') return /\p{L}/u.test(previous) && /\p{L}/u.test(next) ? 0 : 1;
  if (char === '.') return (next === ' ' || next === '') && !ABBREVIATIONS.has(wordBefore(text, i)) ? 1 : 0;
  if (char === ' ') {
    // "mono- and di-glycerides": a hyphen left hanging shares the word after the conjunction.
    if (previous === '-') return 0;
    for (const conjunction of [SPACED_CONJUNCTION, LOCAL_CONJUNCTION]) {
      conjunction.lastIndex = i;
      // Keep the trailing space inside the separator so that the next item starts cleanly.
      if (conjunction.test(text)) return conjunction.lastIndex - i;
    }
    CAPITAL_CONJUNCTION.lastIndex = i;
    if (CAPITAL_CONJUNCTION.test(text) && !VITAMIN_WORD.test(wordBefore(text, i))) {
      return CAPITAL_CONJUNCTION.lastIndex - i;
    }
    return 0;
  }
  return 0;
}

function wordBefore(text: string, end: number): string {
  let start = end;
  while (start > 0 && end - start < 8 && /\p{L}/u.test(text.charAt(start - 1))) start--;
  return text.slice(start, end).toLowerCase();
}

/** One item of a list: its component label dropped, its parentheses read as alternatives or ingredients. */
function parseItem(raw: string, depth: number): Item[] {
  const body = stripLabels(raw);
  if (depth >= MAX_DEPTH) return toItems(cleanName(body), []);

  const segments = segment(body);
  const name = cleanName(
    segments
      .filter((part) => part.kind === 'text')
      .map((part) => part.value)
      .join(' '),
  );
  const head = segments[0]?.kind === 'text' ? cleanName(segments[0].value) : '';
  const headIsComponent = isComponent(head);
  const alternatives: string[] = [];
  const more: Item[] = [];
  segments.forEach((part, index) => {
    if (part.kind === 'text' || isNote(part.value)) return;
    const inner = parseItems(part.value, depth + 1).filter((item) => !isNote(item.name));
    const [only] = inner;
    // Square brackets list colorants the product may contain; a list in parentheses adds ingredients
    // ("Fragrance (Limonene, Linalool)"); a single name in parentheses is another name for this one.
    if (part.square || inner.length > 1 || name === '' || headIsComponent || only === undefined) {
      more.push(...inner);
      return;
    }
    // "Butyrospermum Parkii (Shea) Butter": the other name takes the words after the parenthesis too.
    const after = segments[index + 1];
    const tail = after?.kind === 'text' ? cleanName(after.value) : '';
    alternatives.push(tail === '' ? only.name : `${only.name} ${tail}`, ...only.alternatives);
  });
  const keepName =
    !(headIsComponent && more.length > 0) &&
    !isComponent(name) &&
    !PACK_COUNT.test(name) &&
    !PHARMACOPOEIA_GRADE.test(name);
  return keepName ? [...toItems(name, alternatives), ...more] : more;
}

function stripLabels(raw: string): string {
  let body = raw;
  for (let round = 0; round < 3; round++) {
    const length = labelLength(body) || MINOR_AMOUNT_LABEL.exec(body)?.[0].length || 0;
    const rest = body.slice(length);
    // "Cotton: 95%": the label is the ingredient when only an amount follows it — never a product's label
    // ("Soft gel pessary:").
    if (length === 0 || (!/\p{L}/u.test(rest.replace(AMOUNT, '')) && productLabelLength(body) === 0)) break;
    body = rest;
  }
  return body;
}

/**
 * The length of a leading label naming one of a pack's products ("GYNO-CANESTEN 2% crema vaginal: …",
 * "Vaginal tablets:"), or 0.
 */
function productLabelLength(text: string): number {
  const product = PRODUCT_LABEL.exec(text);
  return product !== null && endsWithDosageForm(product[1] ?? '') ? product[0].length : 0;
}

/** Length of a leading short label such as "Absorbent core:", "Topsheet - " or "Backsheet " (a table row), or 0. */
export function labelLength(text: string): number {
  const product = productLabelLength(text);
  if (product > 0) return product;
  const match = LABEL.exec(text);
  if (match === null) return componentLabelLength(text);
  const words = (match[1] ?? '').trim().split(' ').length;
  return words <= MAX_LABEL_WORDS ? match[0].length : 0;
}

/** Whether a line starts with a part of a pad, tampon or cup ("Topsheet:", "Absorbent core - ", "Backsheet "). */
export function startsWithComponent(line: string): boolean {
  const label = LABEL.exec(line)?.[1];
  return componentLabelLength(line) > 0 || (label !== undefined && isComponent(label.trim()));
}

/**
 * A part of a pad, tampon or cup printed before its material without a colon, as a table row or a dashed
 * line reads ("Topsheet Polypropylene nonwoven", "Core - cellulose pulp"): the shortest leading words that
 * name a part.
 */
function componentLabelLength(text: string): number {
  const words = text.trimStart().split(' ');
  const lead = text.length - text.trimStart().length;
  for (let count = 1; count <= 3 && count < words.length; count++) {
    const label = words.slice(0, count).join(' ');
    if (!isComponent(label)) continue;
    const after = text.slice(lead + label.length);
    const delimiter = /^(?: ?[-–—] | )(?=[\p{L}\p{N}])/u.exec(after);
    if (delimiter !== null) return lead + label.length + delimiter[0].length;
  }
  return 0;
}

/** Splits an item into its text and its outermost parenthesised or bracketed groups. */
function segment(body: string): Segment[] {
  const segments: Segment[] = [];
  let level = 0;
  let start = 0;
  let square = false;
  for (let i = 0; i < body.length; i++) {
    const char = body.charAt(i);
    if (OPENERS.includes(char)) {
      if (level === 0) {
        segments.push({ kind: 'text', value: body.slice(start, i) });
        start = i + 1;
        square = char === '[';
      }
      level++;
    } else if (CLOSERS.includes(char) && level > 0) {
      level--;
      if (level === 0) {
        segments.push({ kind: 'group', value: body.slice(start, i), square });
        start = i + 1;
      }
    }
  }
  // An unclosed parenthesis (often an OCR slip) still holds names: read it to the end.
  segments.push(
    level > 0
      ? { kind: 'group', value: body.slice(start), square }
      : { kind: 'text', value: body.slice(start) },
  );
  return segments;
}
