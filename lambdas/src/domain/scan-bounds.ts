import { PayloadTooLargeError } from './errors.ts';

/*
 * How much one scan may ask of the library. Every name costs a lookup (and, in production, an embedding),
 * so a text of thousands of short "names" would hold the database and the event loop for seconds. A real
 * label lists fewer than 100 ingredients (the longest of the 406 real labels in bench/labels: 30 names, 37
 * with the alternatives printed beside them); the bounds leave room for the longest INCI lists (60–80 names) and refuse,
 * by name, what no single product prints.
 */

/** Ingredients one scan reports. */
export const MAX_INGREDIENTS_PER_SCAN = 100;
/** Distinct names one scan looks up: the ingredients and the alternative names printed with them. */
export const MAX_NAMES_PER_SCAN = 200;
/**
 * List separators a text may hold before it is parsed at all: parsing costs ≈ 0.2 ms per item on the
 * event loop, so a text far past the bounds is refused before that work.
 */
export const MAX_LIST_SEPARATORS = 4 * MAX_INGREDIENTS_PER_SCAN;

const SEPARATORS = /[,;•·|\n]/g;

/** @throws {PayloadTooLargeError} when `text` has more list separators than any label could need. */
export function assertListSizeBefore(text: string, source: 'text' | 'image'): void {
  const separators = text.match(SEPARATORS)?.length ?? 0;
  if (separators > MAX_LIST_SEPARATORS) {
    throw new PayloadTooLargeError(
      `The ${source === 'image' ? 'photo' : 'text'} holds ${separators} list separators; one product's label ` +
        `has far fewer (a scan reads at most ${MAX_INGREDIENTS_PER_SCAN} ingredients). Send one product's ingredient list.`,
    );
  }
}

/** @throws {PayloadTooLargeError} when a parsed list is longer than one scan reads. */
export function assertListSize(ingredients: number, names: number, source: 'text' | 'image'): void {
  if (ingredients > MAX_INGREDIENTS_PER_SCAN || names > MAX_NAMES_PER_SCAN) {
    throw new PayloadTooLargeError(
      `The ${source === 'image' ? 'photo' : 'text'} lists ${ingredients} ingredients (${names} names); a scan reads ` +
        `at most ${MAX_INGREDIENTS_PER_SCAN} (${MAX_NAMES_PER_SCAN} names). Send one product's ingredient list.`,
    );
  }
}
