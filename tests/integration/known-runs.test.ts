import { beforeAll, describe, expect, it } from 'vitest';
import { makeLocalEmbedder } from '../../lambdas/src/adapters/local-embedder.ts';
import { makePgliteStore } from '../../lambdas/src/adapters/pglite-store.ts';
import { NoIngredientsFoundError } from '../../lambdas/src/domain/errors.ts';
import type { LabelReader } from '../../lambdas/src/domain/ports.ts';
import { assembleDataRuntime } from '../../lambdas/src/runtime.ts';
import { libraryDatabase } from '../support/databases.ts';
import { testRuntime } from '../support/local-api.ts';

/*
 * A list under no heading the parser knows, or the part of a list the parser did not read, is found by the
 * names in it the library knows, and reported as possibly incomplete (where it begins and ends is a guess)
 * instead of answering 422 or presenting a shorter list as the whole.
 */

/** A reader that "reads" the given text from any photo. */
const readerOf = (text: string): LabelReader => ({
  read: async () => ({ text, confidence: 0.9, lines: [] }),
});

async function scanner(reader?: LabelReader) {
  const store = makePgliteStore((await libraryDatabase()).db);
  return assembleDataRuntime(
    { store, embedder: makeLocalEmbedder(), ...(reader ? { reader } : {}) },
    testRuntime().logger,
  ).scanLabel;
}

beforeAll(() => libraryDatabase());

describe('a list under no known heading', () => {
  it('is read from a text by the names the library knows, with list_may_be_incomplete and never a low verdict', async () => {
    const scan = await scanner();
    const report = await scan({
      source: 'text',
      text: 'Our wash is gentle - Aqua - Glycerin - Lactic Acid - Xanthan Gum',
    });

    expect(report.ingredients.map((item) => item.match?.name ?? null)).toEqual([
      'Water',
      'Glycerin',
      'Lactic Acid',
      'Xanthan Gum',
    ]);
    expect(report.warnings).toContain('list_may_be_incomplete');
    expect(report.summary.overall_risk_level).not.toBe('low');
  });

  it('is read from a photo whose text has no heading at all', async () => {
    const scan = await scanner(readerOf('Aqua, Glycerin, Lactic Acid, Sodium Benzoate, Xanthan Gum'));
    const report = await scan({ source: 'image', image: new Uint8Array([0xff, 0xd8, 0xff]) });

    expect(report.ingredients.map((item) => item.name)).toEqual([
      'Aqua',
      'Glycerin',
      'Lactic Acid',
      'Sodium Benzoate',
      'Xanthan Gum',
    ]);
    expect(report.warnings).toContain('list_may_be_incomplete');
  });

  it('still answers 422 where too few of the items are names the library knows', async () => {
    const scan = await scanner(
      readerOf('Thanks for shopping, see you soon, Glycerin, best wishes, the team'),
    );
    await expect(scan({ source: 'image', image: new Uint8Array([0xff, 0xd8, 0xff]) })).rejects.toBeInstanceOf(
      NoIngredientsFoundError,
    );
  });
});

describe('names outside the sections read', () => {
  it('adds the names the library knows after the point where the list was read to end, and says so', async () => {
    const scan = await scanner();
    const report = await scan({
      source: 'text',
      // The sentence after "Glycerin." ends the list for the parser; the names after it go on.
      text: 'Ingredients: Aqua, Glycerin. Made in France by Lotus Labs, Sodium Benzoate, Xanthan Gum, Citric Acid',
    });

    expect(report.ingredients.map((item) => item.name)).toEqual([
      'Aqua',
      'Glycerin',
      'Sodium Benzoate',
      'Xanthan Gum',
      'Citric Acid',
    ]);
    expect(report.ingredients.map((item) => item.position)).toEqual([1, 2, 3, 4, 5]);
    expect(report.warnings).toContain('list_may_be_incomplete');
  });

  it('reports the names it adds beside the actives of a panel as inactive', async () => {
    const scan = await scanner();
    const report = await scan({
      source: 'text',
      text: [
        'Active ingredient: Miconazole Nitrate 2%',
        'Inactive ingredients: Benzoic Acid. Made by Lotus Labs, Mineral Oil, Cetyl Alcohol, Propylene Glycol',
      ].join('\n'),
    });

    expect(report.ingredients.map(({ name, role }) => `${name}/${role}`)).toEqual([
      'Miconazole Nitrate/active',
      'Benzoic Acid/inactive',
      'Mineral Oil/inactive',
      'Cetyl Alcohol/inactive',
      'Propylene Glycol/inactive',
    ]);
    expect(report.warnings).toContain('list_may_be_incomplete');
  });

  it('adds nothing, and warns of nothing, when the sections read hold every name', async () => {
    const scan = await scanner();
    const report = await scan({
      source: 'text',
      text: 'Ingredients: Aqua, Glycerin, Lactic Acid, Xanthan Gum.\nRinse well after use.',
    });

    expect(report.ingredients.map((item) => item.name)).toEqual([
      'Aqua',
      'Glycerin',
      'Lactic Acid',
      'Xanthan Gum',
    ]);
    expect(report.warnings).not.toContain('list_may_be_incomplete');
  });
});
