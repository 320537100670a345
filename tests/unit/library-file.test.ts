import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../lambdas/src/config/config.ts';
import { normalizeName } from '../../lambdas/src/domain/label/text-form.ts';
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

const coverage = (
  JSON.parse(readFileSync(path.join(repoRoot, 'tests', 'fixtures', 'library-coverage.json'), 'utf8')) as {
    entries: Record<string, string[]>;
  }
).entries;

describe('the library data file', () => {
  it('is valid and holds at least 150 entries', async () => {
    const { ingredients } = await loadLibraryFile();
    expect(ingredients.length).toBeGreaterThanOrEqual(150);
  });

  it.each(Object.entries(coverage))(
    'covers %s under every name it is printed with',
    async (name, aliases) => {
      const { ingredients } = await loadLibraryFile();
      const entry = ingredients.find((item) => item.name === name);

      expect(entry, `${name} is not a canonical name`).toBeDefined();
      const terms = new Set([entry?.name ?? '', ...(entry?.aliases ?? [])].map(normalizeName));
      for (const alias of aliases) expect(terms.has(normalizeName(alias)), alias).toBe(true);
    },
  );

  it('says in the reason when the evidence behind a level is weak or disputed (parabens, talc)', async () => {
    const { ingredients } = await loadLibraryFile();
    for (const name of ['Methylparaben', 'Propylparaben', 'Talc']) {
      const entry = ingredients.find((item) => item.name === name);
      expect(entry?.description, name).toMatch(/disputed|limited|weak|inconclusive|debated|mixed|uncertain/i);
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
    expect(problems([{ ...entry('Cotton'), description: 'Soft fibre. It is safe.' }])).toEqual([
      'description must be one sentence',
    ]);
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
