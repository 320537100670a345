import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { embedText, makeLocalEmbedder } from '../../lambdas/src/adapters/local-embedder.ts';
import { makePgliteStore } from '../../lambdas/src/adapters/pglite-store.ts';
import { repoRoot } from '../../lambdas/src/config/config.ts';
import type { IngredientStore, MatchRequest } from '../../lambdas/src/domain/ports.ts';
import { MIN_FUZZY_SIMILARITY } from '../../lambdas/src/use-cases/scan-label.ts';
import {
  libraryDatabase,
  storedEmbedding as storedEmbeddingOf,
  type TestDatabase,
} from '../support/databases.ts';

const embedder = makeLocalEmbedder();

function lexical(names: string[]): MatchRequest {
  return {
    names,
    embeddings: null,
    embeddingModel: null,
    minFuzzySimilarity: MIN_FUZZY_SIMILARITY,
    minSemanticSimilarity: embedder.minSemanticSimilarity,
  };
}

describe('match_ingredients on the real library', () => {
  let database: TestDatabase;
  let store: IngredientStore;

  beforeAll(async () => {
    database = await libraryDatabase();
    store = makePgliteStore(database.db);
  });

  const storedEmbedding = (name: string) => storedEmbeddingOf(database.client, name);

  it('matches canonical names exactly, ignoring case, accents and punctuation', async () => {
    const matches = await store.matchIngredients(
      lexical(['POLYPROPYLENE', 'glycérin', 'caprylic capric triglyceride']),
    );

    expect(matches.map((match) => [match?.name, match?.method, match?.similarity])).toEqual([
      ['Polypropylene', 'exact', 1],
      ['Glycerin', 'exact', 1],
      ['Caprylic/Capric Triglyceride', 'exact', 1],
    ]);
  });

  it('matches aliases to their entry', async () => {
    const matches = await store.matchIngredients(lexical(['Aqua', 'Parfum', 'CI 77891', 'SAP', 'Viscose']));

    expect(matches.map((match) => [match?.name, match?.method])).toEqual([
      ['Water', 'alias'],
      ['Fragrance', 'alias'],
      ['Titanium Dioxide', 'alias'],
      ['Sodium Polyacrylate', 'alias'],
      ['Rayon', 'alias'],
    ]);
  });

  it('matches every name of the coverage list, as printed, to its entry by name or alias', async () => {
    const file = path.join(repoRoot, 'tests', 'fixtures', 'library-coverage.json');
    const { entries } = JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, string[]> };
    const queries = Object.entries(entries).flatMap(([name, aliases]) =>
      [name, ...aliases].map((printed) => ({ printed, name })),
    );

    const matches = await store.matchIngredients(lexical(queries.map((query) => query.printed)));

    const wrong = queries.filter((query, index) => {
      const match = matches[index];
      return match?.name !== query.name || (match.method !== 'exact' && match.method !== 'alias');
    });
    expect(wrong.map((query) => query.printed)).toEqual([]);
  });

  it('matches OCR misreadings by edit distance on OCR-folded names', async () => {
    const matches = await store.matchIngredients(
      lexical(['P0lypropylene', 'G1ycerin', 'Dimethicorne', 'Sodium Lauryl Sulfte', 'Phenoxyethano1']),
    );

    expect(matches.map((match) => [match?.name, match?.method])).toEqual([
      ['Polypropylene', 'fuzzy'],
      ['Glycerin', 'fuzzy'],
      ['Dimethicone', 'fuzzy'],
      ['Sodium Lauryl Sulfate', 'fuzzy'],
      ['Phenoxyethanol', 'fuzzy'],
    ]);
    for (const match of matches) expect(match?.similarity).toBeGreaterThanOrEqual(MIN_FUZZY_SIMILARITY);
  });

  it('matches short names one edit away, which share too few trigrams for the pre-filter of longer names', async () => {
    // One edit in five letters leaves a third of the trigrams in common ("Wafer"/"water"): below the
    // 0.4 pre-filter, so short queries take the names of about their length as candidates.
    const matches = await store.matchIngredients(lexical(['Wafer', 'Gerniol', 'He mp', 'Lea d', 'Sodum']));

    expect(
      matches.map((match) => [match?.name ?? null, match?.method ?? null, match?.similarity ?? null]),
    ).toEqual([
      ['Water', 'fuzzy', 0.8],
      ['Geraniol', 'fuzzy', 0.875],
      ['Hemp', 'fuzzy', 0.8],
      ['Lead', 'fuzzy', 0.8],
      // Not a name of the library (Sodium is two edits away in six letters).
      [null, null, null],
    ]);
  });

  it('matches a misreading that folds to an alias at similarity 1, and never one whose numbers differ', async () => {
    const matches = await store.matchIngredients(lexical(['C1 77891', 'Polysorbate 2O', 'Po1ysorbate 20']));

    expect(
      matches.map((match) => [match?.name ?? null, match?.method ?? null, match?.similarity ?? null]),
    ).toEqual([
      ['Titanium Dioxide', 'fuzzy', 1],
      // "2O" is not a number: a misread number is never guessed (20? 2?).
      [null, null, null],
      ['Polysorbate 20', 'fuzzy', 1],
    ]);
  });

  it('keeps no pending list in the GIN indexes of the library (every search would scan it)', async () => {
    const indexes = await database.client.query<{ name: string; options: string[] | null }>(
      `select i.relname as name, i.reloptions as options
       from pg_index x
       join pg_class i on i.oid = x.indexrelid
       join pg_am am on am.oid = i.relam
       where x.indrelid = 'ingredients_library'::regclass and am.amname = 'gin'
       order by 1`,
    );

    expect(indexes.length).toBeGreaterThanOrEqual(4);
    for (const index of indexes) expect(index.options, index.name).toContain('fastupdate=off');
  });

  it('does not take a different ingredient that shares most letters for a misreading', async () => {
    const matches = await store.matchIngredients(
      lexical(['Ethylene Glycol', 'Magnesium Lactate', 'Ammonium Benzoate', 'Polysorbate 85']),
    );

    expect(matches).toEqual([null, null, null, null]);
  });

  it('does not fail on names longer than the edit-distance function accepts', async () => {
    const matches = await store.matchIngredients(lexical([`Polypropylene ${'x'.repeat(400)}`, 'Po1yester']));

    expect(matches[0]).toBeNull();
    expect(matches[1]?.name).toBe('Polyester');
  });

  it('matches a synonym that shares no spelling with the entry through vector similarity', async () => {
    // A real embedding model places "Dihydrogen monoxide" next to "Water"; stand in for it with the
    // stored vector of Water, slightly perturbed, so the SQL vector path is what finds the match.
    const water = (await storedEmbedding('Water')).map(
      (value, index) => value + (index % 7 === 0 ? 0.002 : 0),
    );
    const matches = await store.matchIngredients({
      ...lexical(['Dihydrogen Monoxide']),
      embeddings: [water],
      embeddingModel: embedder.model,
    });

    expect(matches[0]?.name).toBe('Water');
    expect(matches[0]?.method).toBe('semantic');
    expect(matches[0]?.similarity).toBeGreaterThan(0.99);
  });

  it('never compares vectors of another embedding model', async () => {
    const water = await storedEmbedding('Water');
    const matches = await store.matchIngredients({
      ...lexical(['Dihydrogen Monoxide']),
      embeddings: [water],
      embeddingModel: 'text-embedding-3-small',
    });

    expect(matches).toEqual([null]);
  });

  it('answers null for ingredients that are not in the library, keeping the order of the request', async () => {
    const names = ['Bakuchiol', 'Cotton', 'Hydrolyzed Quinoa Protein', 'Pterostilbene', 'Butyloctanol'];
    const embeddings = await embedder.embed(names);
    const matches = await store.matchIngredients({
      ...lexical(names),
      embeddings,
      embeddingModel: embedder.model,
    });

    expect(matches.map((match) => match?.name ?? null)).toEqual([null, 'Cotton', null, null, null]);
  });

  it('matches a whole scan of 30 names in one call', async () => {
    const names = Array.from({ length: 30 }, (_, index) =>
      index % 2 === 0 ? 'Polyester' : `Unknown thing ${index}`,
    );
    const matches = await store.matchIngredients({
      ...lexical(names),
      embeddings: names.map(embedText),
      embeddingModel: embedder.model,
    });

    expect(matches).toHaveLength(30);
    expect(matches.filter((match) => match?.name === 'Polyester')).toHaveLength(15);
  });

  it('ignores blank names instead of matching them to anything', async () => {
    const matches = await store.matchIngredients(lexical(['', '   ', '—']));
    expect(matches).toEqual([null, null, null]);
  });

  it('lets anyone read the library but only the service role write it (row-level security)', async () => {
    const { db } = database;
    await db.exec('begin; set local role anon;');
    try {
      const rows = await db.query('select count(*)::int as n from ingredients_library');
      expect((rows.rows[0] as { n: number }).n).toBeGreaterThan(0);
      await expect(db.query("update ingredients_library set risk_level = 'low'")).rejects.toThrow(
        /permission denied/,
      );
    } finally {
      await db.exec('rollback;');
    }
  });
});
