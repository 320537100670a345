import { describe, expect, it } from 'vitest';
import { checkLibrary } from '../../lambdas/src/library/library-check.ts';
import { type LibraryEntry, loadLibraryFile } from '../../lambdas/src/library/library-file.ts';

const entry = (name: string, aliases: string[] = [], extra: Partial<LibraryEntry> = {}): LibraryEntry => ({
  name,
  aliases,
  category: 'other',
  risk_level: 'low',
  description: 'Keeps the product stable on the shelf and is well tolerated on skin at the levels used.',
  sources: [{ title: 'CosIng', url: 'https://ec.europa.eu/growth/tools-databases/cosing/' }],
  ...extra,
});

describe('checkLibrary', () => {
  // Every pair of ≈ 5,300 terms of about the same length: ≈ 1.5 s alone, more beside other test files.
  it('passes the library file', { timeout: 30_000 }, async () => {
    const { ingredients } = await loadLibraryFile();
    expect(checkLibrary(ingredients)).toEqual([]);
  });

  it('reports names of two entries within the fuzzy step’s reach, unless marked distinct', () => {
    const pair = [entry('Malic Acid'), entry('Maleic Acid')];
    expect(checkLibrary(pair)).toMatchObject([{ kind: 'near_homonym', entry: 'Malic Acid' }]);
    // An alias counts as much as a name, and folded OCR confusions count as one.
    expect(checkLibrary([entry('Geraniol'), entry('Citral', ['Geranial'])])).toHaveLength(1);
    expect(
      checkLibrary([entry('Malic Acid', [], { distinct_from: ['Maleic Acid'] }), entry('Maleic Acid')]),
    ).toEqual([]);
  });

  it('leaves pairs the scan already tells apart: numbers, salts, counted prefixes', () => {
    expect(checkLibrary([entry('Polysorbate 20'), entry('Polysorbate 80')])).toEqual([]);
    expect(checkLibrary([entry('Sodium Acetate'), entry('Sodium Lactate')])).toEqual([]);
    expect(checkLibrary([entry('Etilparabeno'), entry('Metilparabeno')])).toEqual([]);
  });

  it('reports a description that restates the name, and a distinct_from naming no entry', () => {
    const restated = entry('Tocopherol', ['Vitamin E'], { description: 'Vitamin E is vitamin E.' });
    const terse = entry('Glycerin', [], { description: 'Glycerin, a glycerin humectant.' });
    const dangling = entry('Malic Acid', [], { distinct_from: ['Maleic Acid'] });
    expect(checkLibrary([restated, terse, dangling]).map((problem) => problem.kind)).toEqual([
      'restated_reason',
      'restated_reason',
      'unknown_distinct_from',
    ]);
  });
});
