import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeLocalEmbedder } from '../../lambdas/src/adapters/local-embedder.ts';
import { makePgliteStore } from '../../lambdas/src/adapters/pglite-store.ts';
import { repoRoot } from '../../lambdas/src/config/config.ts';
import type { IngredientStore } from '../../lambdas/src/domain/ports.ts';
import { loadLibraryFile } from '../../lambdas/src/library/library-file.ts';
import { MIN_FUZZY_SIMILARITY } from '../../lambdas/src/use-cases/scan-label.ts';
import { libraryDatabase } from '../support/databases.ts';
import { measureRobustness } from '../support/ocr-noise.ts';

describe('matching robustness over the whole library', () => {
  let store: IngredientStore;
  const embedder = makeLocalEmbedder();
  const match = async (names: string[]) => {
    const embeddings = await embedder.embed(names);
    return store.matchIngredients({
      names,
      embeddings,
      embeddingModel: embedder.model,
      minFuzzySimilarity: MIN_FUZZY_SIMILARITY,
      minSemanticSimilarity: embedder.minSemanticSimilarity,
    });
  };

  beforeAll(async () => {
    store = makePgliteStore((await libraryDatabase()).db);
  });

  it('finds ≥ 97% of names and aliases with one OCR character confusion, and never another entry', async () => {
    const { ingredients } = await loadLibraryFile();

    const [row] = await measureRobustness(ingredients, match, ['confusion']);

    expect(row?.queries).toBeGreaterThan(500);
    expect((row?.matched ?? 0) / (row?.queries ?? 1)).toBeGreaterThanOrEqual(0.97);
    expect(row?.wrong).toEqual([]);
  });

  it('leaves real ingredients that are not in the library unknown, but for a few near-homonyms', async () => {
    const file = path.join(repoRoot, 'tests', 'fixtures', 'labels', 'absent-ingredients.json');
    const { names } = JSON.parse(readFileSync(file, 'utf8')) as { names: string[] };

    const matches = await match(names);

    const falseMatches = names.flatMap((name, index) =>
      matches[index] ? [`${name} → ${matches[index]?.name}`] : [],
    );
    // Measured: 3 of 81, each one or two letters from a library entry (README, Matching). More means the
    // matcher got looser.
    expect(names.length).toBeGreaterThanOrEqual(80);
    expect(falseMatches.length, falseMatches.join('\n')).toBeLessThanOrEqual(3);
  });
});
