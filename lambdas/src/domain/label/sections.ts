import type { IngredientRole, ParsedIngredient } from '../types.ts';
import { END_WORDS } from './end-words.ts';
import { DOSE_COUNT, HEADING, roleOf } from './headings.ts';
import { isComponent } from './item-names.ts';
import { splitIngredients } from './list-items.ts';
import { endsWithDosageForm, isProseWord, readsAsProse } from './prose.ts';
import { splitTopLevel } from './separators.ts';
import { normalizeName, sanitizeLabelText } from './text-form.ts';

/** Where a label's ingredient sections are: their headings, their roles, and where each list ends. */

/** One ingredient list found on a label. */
export interface IngredientSection {
  /** The heading as printed (e.g. `Inactive ingredients`), or `null` for text taken as a bare list. */
  readonly heading: string | null;
  /** What the heading says of its ingredients: `active`, `inactive`, or `ingredient` for any other list. */
  readonly role: IngredientRole;
  /** The list, from after the heading to where the list ends; whitespace already normalised. */
  readonly text: string;
}

/**
 * A panel heading run into the end of a list, as label records flatten them ("Potassium Sorbate OTHER
 * SAFETY INFORMATION", "Water Packaging", "Xanthan Gum Questions?"): printed in capitals or with a capital
 * initial, so matched case-sensitively.
 */
const RUN_IN_HEADING =
  /(?<=[\p{L}\p{N})][ \n])(?:OTHER SAFETY INFORMATION|OTHER INFORMATION|PACKAGE LABEL|PRINCIPAL DISPLAY PANEL|INDICATIONS|DOSAGE|WARNINGS?|DIRECTIONS|QUESTIONS|PURPOSES?|USES|LABEL ?& ?PACK(?:AGE)?|Package Label|Principal Display Panel|Packaging|Label ?& ?Pack(?:age)?|Drug Facts|Other [Ii]nformation|Questions\??|Warnings?|Directions|Uses|Purposes?|Keep out of reach|Stop use|Do not use|When using)(?![\p{L}])/gu;

/**
 * A numbered section of a leaflet or SmPC starting a line: a title in capitals ("3. - FORMA FARMACÉUTICA") or
 * a numbered subsection ("6.2 Incompatibilities"), the number and the title apart — never a chemical name
 * with its locants ("1,4-Dioxane", read "1.4.Dioxane").
 */
const NUMBERED_SECTION =
  /(?<=^|\n)\d{1,2}\.(?: {1,2}(?:[-–] ?)?(?=\p{Lu}{2,}[\s\p{Lu}])|\d{1,2}\.? {1,2}(?=\p{Lu}))/gu;

/** An end word at the start of a line, sentence or list item (the cut falls on the word). */
const END_AT_START = new RegExp(
  String.raw`(?:^|[\n.!?;,])(?: ?[-–•·] ?| )?(?=(?:${END_WORDS})(?![\p{L}\p{N}]))`,
  'giu',
);

/** An end word used as a heading anywhere, as in "Benzocaine 20% Purpose: External analgesic". */
const END_HEADING = new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${END_WORDS}) ?:`, 'giu');

/** A web address, an e-mail, or a phone number or barcode (eight or more digits, at most two separators apart). */
const CONTACT =
  /https?:\/\/|www\.|[\p{L}\p{N}._%+-]{1,64}@[\p{L}\p{N}-]{1,63}\.\p{L}|(?<!\p{N})\+?\(?\d(?:[ .\-()]{0,2}\d){7,}/giu;

/** How far back from a contact detail to look for the start of its line ("More at www…"). */
const CONTACT_LEAD_IN = 40;

/** A footnote marker opening a line or sentence, with the word after it. */
const FOOTNOTE = /(?:^|[\n.!?]) ?(?=[*†‡¹²³⁴⁵⁶⁷⁸⁹]+ ?(?<word>\p{L}{1,20}))/gu;

const FOOTNOTE_WORD =
  /^(?:certified|organic|natural|naturally|derived|from|ingredients?|denotes|fair|wild|sustainabl\p{L}*|non|bio\p{L}*|issus?|produced|grown)$/iu;

/** A footnote marker printed right after a word ("Cotton*"), which makes a line starting with it a footnote. */
const ATTACHED_MARKER = /[\p{L})\]][*†‡¹²³⁴⁵⁶⁷⁸⁹]/u;

/**
 * Finds every ingredient section of a label: "Ingredients", "Inactive ingredients", "Active ingredient(s)",
 * "Other ingredients", "Material(s)", "Composition", "Contains", "Made with/from", "Components", and the
 * headings of the other European languages packs print (fr, es, pt, de, it, nl, pl, sv, da, nb, fi, cs, sk,
 * hu, ro, el, tr, ru, hr, et…), in any case, followed by `:` `;` `-` `.`
 * or a line break — or, for the headings that only ever open a list, run into the list on their line
 * ("Inactive ingredients benzoic acid, …", as Drug Facts panels print it). A section ends where the list
 * ends: at a line or sentence starting with warnings, directions, uses, purpose, storage, "Made in",
 * "Distributed by", lot/expiry/net contents, questions, recycling or TSS text, at a web address, e-mail,
 * phone number or barcode, at a footnote line ("*Certified organic"), or where the next heading starts.
 * Never throws.
 * @returns the sections in reading order, possibly with empty text; `[]` when no heading is found.
 */
export function findIngredientSections(text: string): IngredientSection[] {
  const clean = sanitizeLabelText(text);
  return sectionsIn(clean, listEnds(clean));
}

/**
 * Reads every ingredient of a label: finds its sections (or takes the whole text as the list when it has no
 * heading, as when a user pastes only the list), splits them, keeps the first of names that are equal
 * case-, accent- and punctuation-insensitively, and numbers the result 1..n. Never throws.
 * @returns `[]` when no ingredient is left, e.g. for `"Ingredients:"` or blank text.
 */
export function parseIngredientList(text: string): ParsedIngredient[] {
  const clean = sanitizeLabelText(text);
  const ends = listEnds(clean);
  const sections = sectionsIn(clean, ends);
  const lists =
    sections.length > 0
      ? sections.map((section) => section.text)
      : [clean.slice(0, firstAtOrAfter(ends, 0) ?? clean.length)];
  const seen = new Set<string>();
  const ingredients: ParsedIngredient[] = [];
  for (const list of lists) {
    for (const ingredient of splitIngredients(list)) {
      const key = normalizeName(ingredient.name) || ingredient.name.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      ingredients.push({ ...ingredient, position: ingredients.length + 1 });
    }
  }
  return ingredients;
}

/** The sections of sanitised text, given where lists end. */
function sectionsIn(text: string, ends: readonly number[]): IngredientSection[] {
  const sections: IngredientSection[] = [];
  let open: { heading: string; start: number; end: number } | null = null;
  for (const match of text.matchAll(HEADING)) {
    const groups = match.groups ?? {};
    // "Active ingredients Purpose": a Drug Facts panel's header row, wherever a record flattened it.
    const panelHeader = /^ ?purposes?$/iu.test(groups.delimiter ?? '') && /^\p{Lu}/u.test(groups.name ?? '');
    const needsStatementStart =
      !panelHeader &&
      (!/[:;：\-–—]/u.test(groups.delimiter ?? '') ||
        (groups.weak !== undefined && open !== null && match.index < open.end));
    if (needsStatementStart && !startsStatement(text, match.index) && !isRunInHeading(text, match)) continue;
    // Run into its line, a heading must be one that only opens lists, and be followed by a name, not prose
    // ("Ingredients are listed on the box").
    if (groups.space !== undefined && (groups.weak !== undefined || !opensList(text, match))) continue;
    if (open !== null) sections.push(closeSection(text, open, match.index));
    const start = match.index + match[0].length;
    open = {
      heading: (groups.name ?? '').replace(/\s+/g, ' '),
      start,
      end: firstAtOrAfter(ends, start) ?? text.length,
    };
  }
  if (open !== null) sections.push(closeSection(text, open, text.length));
  return sections;
}

/** The language code a multilingual pack prints before each language's text ("… Glycerin. FR Ingrédients: …"). */
const TRAILING_LANGUAGE_CODE =
  /(?<=[\s.;,])(?:EN|FR|DE|ES|IT|PT|NL|PL|SV|SE|DA|DK|FI|NO|CS|CZ|SK|HU|RO|EL|GR|TR|RU|HR|SL|SI|LT|LV|ET|EE|BG|UK|UA)[\s:/-]*$/u;

function closeSection(
  text: string,
  open: { heading: string; start: number; end: number },
  nextHeading: number,
): IngredientSection {
  // The bullet of the next heading's line ("\n- Active ingredient:") is not part of this list.
  const body = text
    .slice(open.start, Math.min(open.end, nextHeading))
    .replace(/\n[ \t]*[-–•·*]?[ \t]*$/u, '')
    .trim();
  return {
    heading: open.heading,
    role: roleOf(open.heading),
    // Before the next heading only: a list that ends the text may end with a name in capitals.
    text: nextHeading < open.end ? body.replace(TRAILING_LANGUAGE_CODE, '').trim() : body,
  };
}

/** How many words of the first item after a heading tell a name from a sentence. */
const FIRST_ITEM_WORDS = 6;

/**
 * Whether the rest of a heading's line starts with a name rather than a sentence. Only the first words
 * count: a panel flattened onto one line runs the name into what follows it ("Lidocaine 5% Purpose …").
 */
function opensList(text: string, heading: RegExpExecArray | RegExpMatchArray): boolean {
  const start = (heading.index ?? 0) + heading[0].length;
  const lineEnd = text.indexOf('\n', start);
  const line = text.slice(start, lineEnd === -1 ? Math.min(text.length, start + 400) : lineEnd);
  const firstItem = (splitTopLevel(line, false)[0] ?? '')
    .trim()
    .split(' ')
    .slice(0, FIRST_ITEM_WORDS)
    .join(' ');
  // "Ingredient Transparency", then a blank line: a page's title, not a heading run into one name.
  const title = /^\p{L}+$/u.test(line.trim()) && text.startsWith('\n\n', lineEnd);
  if (heading.groups?.space !== undefined && title) return false;
  // "Each vaginal capsule contains 1 200 mg of the active substance …": a dose heading before an amount.
  if (DOSE_HEADING_NAME.test(heading.groups?.name ?? '') && /^\s*\d/u.test(line)) return true;
  return firstItem !== '' && !readsAsProse(firstItem);
}

const DOSE_HEADING_NAME = new RegExp(`^${DOSE_COUNT}\\s`, 'iu');

/**
 * A heading run into its list inside a line, as a panel flattened onto one line prints it ("… 20-25 C
 * (68-77 F) INACTIVE INGREDIENT aloe vera, …"): a heading that only opens lists, printed with a capital, not
 * after a word that makes it part of a sentence ("allergic to any Inactive Ingredients").
 */
/** The headings found run in are those that say "ingredients" (not "compounded with", "base of"). */
const INGREDIENT_WORD = /ngr[eé]dient|inhaltsstoffe|sk[łl]adniki/iu;

function isRunInHeading(text: string, heading: RegExpExecArray | RegExpMatchArray): boolean {
  const groups = heading.groups ?? {};
  const name = groups.name ?? '';
  if (groups.space === undefined || !/^\p{Lu}/u.test(name) || !INGREDIENT_WORD.test(name)) return false;
  const before =
    text
      .slice(Math.max(0, (heading.index ?? 0) - 30), heading.index)
      .trim()
      .split(/\s+/)
      .at(-1) ?? '';
  return (
    !isProseWord(before.replace(/[^\p{L}’']/gu, '')) &&
    !/^(?:of|to|in|on|with|see|list|all|any)$/iu.test(before)
  );
}

/**
 * A record's field name alone on its line ("Units in package:", "Available from:", "Class:"), as registry
 * records print "field:\nvalue": the next field, after a list's value.
 */
const FIELD_LINE = /(?<=^|\n)(?<label>\p{L}[\p{L} ()'’/-]{0,40}):[ \t]*(?=\n)/gu;

/** Whether a field name is another field, not a label inside a list (a part, a product, "May contain"). */
function isRecordField(label: string): boolean {
  return (
    !isComponent(label.trim()) && !endsWithDosageForm(label) && !/contain|ingredient|component/iu.test(label)
  );
}

/** Sorted positions where an ingredient list stops. */
function listEnds(text: string): number[] {
  const ends: number[] = [];
  for (const match of text.matchAll(END_AT_START)) ends.push(match.index + match[0].length);
  for (const match of text.matchAll(END_HEADING)) ends.push(match.index);
  for (const match of text.matchAll(RUN_IN_HEADING)) ends.push(match.index);
  for (const match of text.matchAll(NUMBERED_SECTION)) ends.push(match.index);
  for (const match of text.matchAll(FIELD_LINE))
    if (isRecordField(match.groups?.label ?? '')) ends.push(match.index);
  // The detail itself too, for a list that starts between its line start and the detail.
  for (const match of text.matchAll(CONTACT)) ends.push(contactLineStart(text, match.index), match.index);
  const attachedMarker = text.search(ATTACHED_MARKER);
  for (const match of text.matchAll(FOOTNOTE)) {
    const referenced = attachedMarker !== -1 && attachedMarker < match.index;
    if (referenced || FOOTNOTE_WORD.test(match.groups?.word ?? '')) ends.push(match.index + match[0].length);
  }
  return ends.sort((a, b) => a - b);
}

/**
 * Where the line or sentence holding a contact detail starts, so that "Call us at" goes with the number.
 * Inside a list ("…, Glycerin www.example.com") only the detail itself is cut.
 */
function contactLineStart(text: string, index: number): number {
  for (let i = index - 1; i >= 0 && index - i <= CONTACT_LEAD_IN; i--) {
    const char = text.charAt(i);
    if (',;'.includes(char)) return index;
    if ('\n.!?'.includes(char)) return i + 1;
  }
  return index <= CONTACT_LEAD_IN ? 0 : index;
}

function firstAtOrAfter(sorted: readonly number[], position: number): number | undefined {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((sorted[middle] ?? Number.POSITIVE_INFINITY) < position) low = middle + 1;
    else high = middle;
  }
  return sorted[low];
}

/** A section number before a heading at the start of a line ("6.1 ", "2. - "). */
const SECTION_NUMBER = /^\d{1,2}(?:\.\d{1,2}){0,2}\.? ?(?:[-–] ?)?$/u;

/** Whether only spaces, a bullet or a section number separate `index` from the start of its line or sentence. */
function startsStatement(text: string, index: number): boolean {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  if (index - lineStart <= 12 && SECTION_NUMBER.test(text.slice(lineStart, index))) return true;
  let i = index - 1;
  while (i >= 0 && index - i <= 4 && ' -–•·*'.includes(text.charAt(i))) i--;
  return i < 0 || '\n.!?;:|•'.includes(text.charAt(i));
}
