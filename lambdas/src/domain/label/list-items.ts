import type { ParsedIngredient } from '../types.ts';
import { labelLength, stripLabels } from './item-labels.ts';
import {
  cleanName,
  type Item,
  isBoundGroup,
  isComponent,
  isNote,
  isPart,
  PACK_COUNT,
  PHARMACOPOEIA_GRADE,
  toItems,
} from './item-names.ts';
import { beforeCapitalHeading, cutAtProse, listParagraph, namesIn } from './list-end.ts';
import { readsAsProse } from './prose.ts';
import { CLOSERS, hasTopLevelListSeparator, OPENERS, splitTopLevel } from './separators.ts';
import { sanitizeLabelText } from './text-form.ts';

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

/** A trade name with its grade code ("Witepsol H19", "Suppocire NA150"); never a vitamin ("Vitamin E"). */
const TRADE_GRADE = /^(?![Vv]itamin)\p{Lu}\p{Ll}{3,}[ -](?=[\p{Lu}\d]*\p{Lu})[\p{Lu}\d]{1,8}$/u;

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

/** Words that open what an ingredient does, in a maker's list of benefits ("helps maintain pH balance"). */
const DESCRIPTION_START =
  /^(?:a|an|the|helps?|keeps?|soothes?|calms?|maintains?|supports?|protects?|provides?|reduces?|relieves?|balances?|moisturi[sz]es?|hydrates?|cleanses?|softens?|nourishes?|restores?|prevents?|fights?|gently|naturally|known|used|which|that|to|for|is|are)(?![\p{L}])/iu;

/**
 * What a composition table says of an amount after a name's dash ("Water – to 100 ml", "Triethanolamine – to pH
 * 7.5", "Вода очищенная – остальное" (the rest)): how much, not another name.
 */
const AMOUNT_NOTE =
  /^(?:to|up to|ad|q\.? ?s\.?|balance|remainder|the rest|adjust\p{L}*|titrat\p{L}*|до|остальное|титрован\p{L}*)(?![\p{L}])/iu;

/** "Aloe Vera: soothes and calms", "Lactic acid – maintains a healthy pH": a name, then what it does. */
const NAME_THEN_DESCRIPTION =
  /^(?<lead>[ \-–•·*]{0,3})(?<name>\p{L}[^:–—\n,;]{1,60}?)(?: ?: | [-–—] )(?<what>\S[^\n]*)$/u;

/** The line without the description a maker printed after the name (the line itself when it has none). */
function withoutDescription(line: string): string {
  const groups = NAME_THEN_DESCRIPTION.exec(line)?.groups;
  if (groups?.name === undefined || groups.what === undefined) return line;
  const describes =
    (DESCRIPTION_START.test(groups.what) || AMOUNT_NOTE.test(groups.what)) &&
    !isComponent(groups.name.trim());
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

function parseItems(text: string, depth: number): Item[] {
  return splitTopLevel(text, depth >= MAX_DEPTH).flatMap((raw) => parseItem(raw, depth));
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
    if (part.kind === 'text' || isNote(part.value) || describes(part.value)) return;
    const inner = parseItems(part.value, depth + 1).filter((item) => !isNote(item.name));
    const [only] = inner;
    // Square brackets list colorants the product may contain; a list in parentheses adds ingredients
    // ("Fragrance (Limonene, Linalool)"); a single name in parentheses is another name for this one.
    // "hard fat (Witepsol H19 and Suppocire NA150)": the trade grades it is sold as, other names for it.
    const tradeGrades =
      name !== '' && inner.length > 1 && inner.every(({ name: grade }) => TRADE_GRADE.test(grade));
    if (tradeGrades) {
      alternatives.push(...inner.map((grade) => grade.name));
      return;
    }
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
    !isPart(name) &&
    !PACK_COUNT.test(name) &&
    !PHARMACOPOEIA_GRADE.test(name);
  return keepName ? [...toItems(name, alternatives), ...more] : more;
}

/** An article, an adverb or a verb opening a description ("a safe derivative of", "easily absorbed by skin"). */
const DESCRIBING_START = /^(?:an?|the|\p{L}{3,}ly|increases?|improves?|promotes?|prevents?)\s/iu;

/**
 * Whether a parenthesis describes its name instead of naming ("(a chemical used to make things into a gel,
 * pH acidifier)", "(fungicide, easily absorbed by skin)"): one of its parts, past a label such as
 * "Contains:", reads as a sentence or opens as a description does.
 */
function describes(group: string): boolean {
  return splitTopLevel(group, false).some((piece) => {
    const words = stripLabels(piece).trim();
    return DESCRIBING_START.test(words) || DESCRIPTION_START.test(words) || readsAsProse(words);
  });
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
      const close = level === 0 && char === '(' ? body.indexOf(')', i) : -1;
      // "Bismuth(III) Oxide": a parenthesis that belongs to the name is read as its text.
      if (close > i && !body.slice(i + 1, close).includes('(') && isBoundGroup(body, i, close)) {
        i = close;
        continue;
      }
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
