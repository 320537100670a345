import type { LabelIngredient } from '../domain/label/read-label.ts';
import { normalizeName } from '../domain/label/text-form.ts';
import { MAX_NAMES_PER_SCAN } from '../domain/scan-bounds.ts';
import { type KnownNames, listedIngredients } from './choose-reading.ts';

/*
 * A list under no heading the parser knows (a heading in a language it does not read, a maker's sentence
 * before the list, a flattened web page), or a list the parser cut short: runs of short items separated as
 * lists separate them, most of which the library knows, are (more of) the list. Names they add to what the
 * sections read are reported with `list_may_be_incomplete`: where such a list begins and ends is a guess.
 */

/** Items a run needs, and how many of them the library must know. */
const MIN_ITEMS = 3;
const MIN_KNOWN = 3;
const MIN_KNOWN_SHARE = 0.5;
/** Longer than this, an item is a sentence, not a name. */
const MAX_ITEM_WORDS = 6;

const SEGMENT_BREAK = /\n|(?<=[.!?])\s+(?=\p{Lu})/u;
const ITEM_SEPARATOR = /\s*[,;•·]\s*|\s+[-–]\s+|^[-–]\s+/u;

/**
 * The ingredients of the runs the library recognises as a list, in printed order, leaving out the names
 * already `read` (and asking the library nothing when no run has enough names besides them); `[]` when
 * no run is a list.
 */
export async function listFromKnownRuns(
  text: string,
  known: KnownNames,
  read: readonly LabelIngredient[] = [],
): Promise<LabelIngredient[]> {
  const isRead = readNames(read);
  const runs = joinBrokenLines(text)
    .split(SEGMENT_BREAK)
    .map((segment) => itemsOf(segment).filter((item) => !isRead(item)))
    .filter((items) => items.length >= MIN_ITEMS);
  const candidates = [...new Set(runs.flat())].slice(0, MAX_NAMES_PER_SCAN);
  if (candidates.length === 0) return [];
  const answers = await known(candidates);
  const isKnown = new Set(candidates.filter((_, index) => answers[index] === true));

  const seen = new Set<string>();
  const ingredients: LabelIngredient[] = [];
  for (const items of runs) {
    const knownItems = items.filter((item) => isKnown.has(item)).length;
    if (knownItems < MIN_KNOWN || knownItems / items.length < MIN_KNOWN_SHARE) continue;
    // Unknown items before the first known one and after the last are the sentence around the list.
    const first = items.findIndex((item) => isKnown.has(item));
    const last = items.findLastIndex((item) => isKnown.has(item));
    const list = items.slice(first, last + 1).join(', ');
    for (const ingredient of listedIngredients(list, 'text').parsed) {
      const key = normalizeName(ingredient.name);
      if (key === '' || seen.has(key) || isRead(ingredient.name)) continue;
      seen.add(key);
      ingredients.push(ingredient);
    }
  }
  return ingredients;
}

/**
 * Whether an item names an ingredient already read: the same name or alternative, or a piece of one ("ácido"
 * or "edetato dissódico di" cut from "ácido láctico" or "edetato dissódico dihidratado").
 */
function readNames(read: readonly LabelIngredient[]): (item: string) => boolean {
  const keys = read.flatMap(({ name, alternatives }) => [name, ...alternatives].map(normalizeName));
  return (item) => {
    const key = normalizeName(item);
    return (
      key !== '' &&
      keys.some((other) => ` ${other} `.includes(` ${key} `) || ` ${key} `.includes(` ${other} `))
    );
  };
}

/** A list goes on past a line that ends with a separator or inside a hyphenated word ("di-\nhidratado"). */
function joinBrokenLines(text: string): string {
  return text.replace(/(\p{L})-\n(?=\p{Ll})/gu, '$1').replace(/([,;])[ \t]*\n/gu, '$1 ');
}

function itemsOf(segment: string): string[] {
  return segment
    .split(ITEM_SEPARATOR)
    .map((item) => item.replace(/[.:]+$/u, '').trim())
    .filter((item) => item !== '' && item.split(/\s+/u).length <= MAX_ITEM_WORDS);
}
