import { describe, expect, it } from 'vitest';
import { AMOUNT, isPart } from '../../lambdas/src/domain/label/item-names.ts';
import { readLabel } from '../../lambdas/src/domain/label/read-label.ts';
import { splitTopLevel } from '../../lambdas/src/domain/label/separators.ts';
import { normalizeName } from '../../lambdas/src/domain/label/text-form.ts';
import { loadLibraryFile } from '../../lambdas/src/library/library-file.ts';

/*
 * Every name and alias of the library is a name some label prints. Placed inside a list, each must be read
 * as one ingredient, and the list must go on after it: a name with a function word ("Water for
 * Injections"), an abbreviated genus ("L. crispatus"), a strain code or a chemical parenthesis must not end
 * the list or be cut in two. The names come from the naming systems labels use, not from our fixtures, so
 * this guards the reader against shapes the corpus has not shown yet, and every name the library gains.
 */

const NEIGHBOURS = ['sorbic acid', 'xanthan gum', 'glycerin'];

/** Names a list never holds as an ingredient: pack parts and packaging, and a claim the library files. */
const NOT_LIST_ITEMS = new Set(['totally chlorine free', 'elemental chlorine free']);

const names = (await loadLibraryFile()).ingredients.flatMap((entry) => [
  entry.name,
  ...(entry.aliases ?? []),
]);

/**
 * Names printed inverted with a comma ("Starch, Corn", "Sodium Phosphate, Dibasic") are two items to the
 * reader; the scan joins them back with the library (use-cases/broken-names.ts).
 */
const readable = names.filter(
  (name) =>
    splitTopLevel(name, false).length === 1 &&
    !isPart(withoutAsides(name)) &&
    !/packaging$/iu.test(name) &&
    !NOT_LIST_ITEMS.has(normalizeName(name)),
);

function withoutAsides(name: string): string {
  return name.replace(/\s*\([^()]*\)\s*/gu, ' ').trim();
}

/**
 * The name as the reader gives it: asides in parentheses become alternatives ("Zea Mays (Corn) Starch"),
 * amounts are not part of a name ("Glycerol 85%"), a free-from claim goes to the claims ("BPA-Free
 * Polypropylene"), and a part names where a material is ("Applicator Coating").
 */
function forms(name: string): string[] {
  const bare = withoutAsides(name).replace(AMOUNT, ' ').replace(/ {2,}/gu, ' ').trim();
  const material = bare.replace(/^[\p{L}]+-free /iu, '').replace(/^(?:applicator|waistband) /iu, '');
  return [name, withoutAsides(name), bare, material].map(normalizeName);
}

describe('library names inside a list', () => {
  it('covers most of the library', () => {
    expect(readable.length).toBeGreaterThan(names.length * 0.9);
  });

  it('reads every name as one ingredient and the rest of the list after it', () => {
    const failures: string[] = [];
    for (const name of readable) {
      const text = `Inactive ingredients: ${NEIGHBOURS[0]}, ${name}, ${NEIGHBOURS[1]}, ${NEIGHBOURS[2]}.`;
      const read = readLabel(text).ingredients;
      const keys = read.flatMap((item) => [item.name, ...item.alternatives].map(normalizeName));
      const neighboursKept = NEIGHBOURS.every((neighbour) => keys.includes(neighbour));
      const wanted = forms(name);
      const whole = read.some((item) =>
        [item.name, ...item.alternatives].some((form) => wanted.includes(normalizeName(form))),
      );
      if (!neighboursKept || !whole) failures.push(`${name} → ${read.map((item) => item.name).join(' | ')}`);
    }
    expect(failures).toEqual([]);
  });
});
