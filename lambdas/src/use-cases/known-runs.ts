import type { LabelIngredient } from '../domain/label/read-label.ts';
import { normalizeName } from '../domain/label/text-form.ts';
import { MAX_NAMES_PER_SCAN } from '../domain/scan-bounds.ts';
import { type KnownNames, listedIngredients } from './choose-reading.ts';

/*
 * A label whose list sits under no heading the parser knows (a heading in a language it does not read, a
 * maker's sentence before the list, a flattened web page): the parser finds no list and the scan would
 * answer 422. Runs of short items separated as lists separate them, most of which the library knows, are
 * that list. Only tried when nothing else was found, and reported with `list_may_be_incomplete`: where the
 * list begins and ends is a guess.
 */

/** Items a run needs, and how many of them the library must know. */
const MIN_ITEMS = 3;
const MIN_KNOWN = 3;
const MIN_KNOWN_SHARE = 0.5;
/** Longer than this, an item is a sentence, not a name. */
const MAX_ITEM_WORDS = 6;

const SEGMENT_BREAK = /\n|(?<=[.!?])\s+(?=\p{Lu})/u;
const ITEM_SEPARATOR = /\s*[,;•·]\s*|\s+[-–]\s+|^[-–]\s+/u;

/** The ingredients of the runs the library recognises as a list, in printed order; `[]` when none is. */
export async function listFromKnownRuns(text: string, known: KnownNames): Promise<LabelIngredient[]> {
  const runs = text
    .split(SEGMENT_BREAK)
    .map((segment) => ({ segment, items: itemsOf(segment) }))
    .filter(({ items }) => items.length >= MIN_ITEMS);
  const candidates = [...new Set(runs.flatMap(({ items }) => items))].slice(0, MAX_NAMES_PER_SCAN);
  if (candidates.length === 0) return [];
  const answers = await known(candidates);
  const isKnown = new Set(candidates.filter((_, index) => answers[index] === true));

  const seen = new Set<string>();
  const ingredients: LabelIngredient[] = [];
  for (const { items } of runs) {
    const knownItems = items.filter((item) => isKnown.has(item)).length;
    if (knownItems < MIN_KNOWN || knownItems / items.length < MIN_KNOWN_SHARE) continue;
    // Unknown items before the first known one and after the last are the sentence around the list.
    const first = items.findIndex((item) => isKnown.has(item));
    const last = items.findLastIndex((item) => isKnown.has(item));
    const list = items.slice(first, last + 1).join(', ');
    for (const ingredient of listedIngredients(list, 'text').parsed) {
      const key = normalizeName(ingredient.name);
      if (key === '' || seen.has(key)) continue;
      seen.add(key);
      ingredients.push(ingredient);
    }
  }
  return ingredients;
}

function itemsOf(segment: string): string[] {
  return segment
    .split(ITEM_SEPARATOR)
    .map((item) => item.replace(/[.:]+$/u, '').trim())
    .filter((item) => item !== '' && item.split(/\s+/u).length <= MAX_ITEM_WORDS);
}
