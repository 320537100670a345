import { describe, expect, it } from 'vitest';
import {
  contentHash,
  embeddingText,
  type LibraryEntry,
  libraryFileSchema,
  loadLibraryFile,
} from '../../lambdas/src/library/library-file.ts';

function entry(name: string, aliases: string[] = []): LibraryEntry {
  return {
    name,
    aliases,
    category: 'fiber',
    risk_level: 'low',
    description: `${name} for tests.`,
    sources: [{ title: 'FDA', url: 'https://www.fda.gov/' }],
  };
}

function problems(ingredients: unknown[]): string[] {
  const result = libraryFileSchema.safeParse({ version: 1, ingredients });
  return result.success ? [] : result.error.issues.map((issue) => issue.message);
}

describe('the library data file', () => {
  it('is valid and covers the starter list with its aliases', async () => {
    const { ingredients } = await loadLibraryFile();
    const byTerm = new Map<string, string>();
    for (const item of ingredients)
      for (const term of [item.name, ...item.aliases]) byTerm.set(term, item.name);

    expect(ingredients.length).toBeGreaterThanOrEqual(95);
    for (const [term, name] of [
      ['PP', 'Polypropylene'],
      ['LDPE', 'Polyethylene'],
      ['Fluff Pulp', 'Cellulose'],
      ['SAP', 'Sodium Polyacrylate'],
      ['Viscose', 'Rayon'],
      ['CI 77891', 'Titanium Dioxide'],
      ['Parfum', 'Fragrance'],
      ['Aqua', 'Water'],
      ['Elastane', 'Spandex'],
      ['MIT', 'Methylisothiazolinone'],
      ['Tea Tree Oil', 'Melaleuca Alternifolia Leaf Oil'],
      ['Paraffinum Liquidum', 'Mineral Oil'],
      ['CI 77947', 'Zinc Oxide'],
    ]) {
      expect(byTerm.get(term as string), term).toBe(name);
    }
  });
});

describe('libraryFileSchema', () => {
  it('accepts distinct names and aliases', () => {
    expect(problems([entry('Cotton', ['Organic Cotton']), entry('Rayon', ['Viscose'])])).toEqual([]);
  });

  it('rejects an alias that is another entry’s alias once normalised', () => {
    expect(problems([entry('Cotton', ['Organic Cotton']), entry('Rayon', ['ORGANIC-cotton'])])).toEqual([
      'alias "ORGANIC-cotton" of "Rayon" is already a name or alias of "Cotton"',
    ]);
  });

  it('rejects an alias equal to another entry’s name', () => {
    expect(problems([entry('Cotton'), entry('Rayon', ['cotton'])])).toHaveLength(1);
  });

  it('rejects duplicate canonical names', () => {
    expect(problems([entry('Cotton'), entry('Cotton')])).toHaveLength(1);
  });

  it('rejects an entry that repeats its own name as an alias', () => {
    expect(problems([entry('Cotton', ['COTTON'])])).toEqual([
      '"Cotton" lists "COTTON" twice (as name or alias)',
    ]);
  });

  it('rejects an entry without a source, a reason or a known category', () => {
    expect(problems([{ ...entry('Cotton'), sources: [] }]).length).toBeGreaterThan(0);
    expect(problems([{ ...entry('Cotton'), description: ' ' }]).length).toBeGreaterThan(0);
    expect(problems([{ ...entry('Cotton'), category: 'magic' }]).length).toBeGreaterThan(0);
    expect(
      problems([{ ...entry('Cotton'), sources: [{ title: 'x', url: 'http://insecure.example' }] }]).length,
    ).toBe(1);
  });
});

describe('contentHash and embeddingText', () => {
  it('changes the hash when any reviewed field changes', () => {
    const base = entry('Cotton', ['Organic Cotton']);
    const variants = [
      { ...base, aliases: ['Cotton Fiber'] },
      { ...base, risk_level: 'medium' as const },
      { ...base, description: 'Changed.' },
      { ...base, sources: [{ title: 'Other', url: 'https://example.org/' }] },
    ];
    for (const variant of variants) expect(contentHash(variant)).not.toBe(contentHash(base));
    expect(contentHash({ ...base })).toBe(contentHash(base));
  });

  it('embeds a row as the kind of text a query is: its names', () => {
    expect(embeddingText(entry('Water', ['Aqua', 'Eau']))).toBe('Water, Aqua, Eau');
  });
});
