import { describe, expect, it } from 'vitest';
import { makeLocalEmbedder } from '../../lambdas/src/adapters/local-embedder.ts';
import { DependencyUnavailableError, NoIngredientsFoundError } from '../../lambdas/src/domain/errors.ts';
import type { Embedder, LabelReader, MatchRequest, OcrResult } from '../../lambdas/src/domain/ports.ts';
import type { IngredientMatch, MatchMethod, RiskLevel } from '../../lambdas/src/domain/types.ts';
import { makeScanLabel, type ScanLabelDeps } from '../../lambdas/src/use-cases/scan-label.ts';

function libraryMatch(name: string, risk_level: RiskLevel, method: MatchMethod = 'exact'): IngredientMatch {
  return {
    id: name.length,
    name,
    aliases: [],
    category: 'other',
    risk_level,
    description: `${name}.`,
    sources: [],
    similarity: method === 'fuzzy' ? 0.6 : 1,
    method,
  };
}

/** A store that answers from a table of lower-cased query → match, and records every request. */
function tableStore(
  table: Record<string, IngredientMatch>,
): ScanLabelDeps['store'] & { requests: MatchRequest[] } {
  const requests: MatchRequest[] = [];
  return {
    requests,
    async matchIngredients(request) {
      requests.push(request);
      return request.names.map((name) => table[name.toLowerCase()] ?? null);
    },
  };
}

const failingEmbedder: Embedder = {
  ...makeLocalEmbedder(),
  async embed() {
    throw new DependencyUnavailableError('embeddings', 'embeddings down');
  },
};

describe('scanLabel', () => {
  it('looks every name and printed alternative up in one store call and one embeddings call', async () => {
    const store = tableStore({
      water: libraryMatch('Water', 'low', 'alias'),
      cotton: libraryMatch('Cotton', 'low'),
    });
    let embedCalls = 0;
    const embedder: Embedder = {
      ...makeLocalEmbedder(),
      async embed(texts) {
        embedCalls++;
        return makeLocalEmbedder().embed(texts);
      },
    };
    const scan = makeScanLabel({ store, embedder });

    const report = await scan({ source: 'text', text: 'Ingredients: Aqua (Water), Cotton' });

    expect(store.requests).toHaveLength(1);
    expect(embedCalls).toBe(1);
    expect(store.requests[0]?.names).toEqual(expect.arrayContaining(['Aqua', 'Water', 'Cotton']));
    expect(store.requests[0]?.embeddingModel).toBe(embedder.model);
    expect(report.ingredients.map((item) => [item.name, item.match?.name])).toEqual([
      ['Aqua', 'Water'],
      ['Cotton', 'Cotton'],
    ]);
  });

  it('prefers the more certain match among an ingredient’s names', async () => {
    const store = tableStore({
      'titanium dioxlde': libraryMatch('Titanium Dioxide', 'medium', 'fuzzy'),
      'ci 77891': libraryMatch('Titanium Dioxide', 'medium', 'alias'),
    });
    const scan = makeScanLabel({ store, embedder: makeLocalEmbedder() });

    const report = await scan({ source: 'text', text: 'Ingredients: Titanium Dioxlde (CI 77891)' });

    expect(report.ingredients[0]?.match?.method).toBe('alias');
  });

  it('reports unmatched ingredients as unknown, never low, and warns when many are unknown', async () => {
    const scan = makeScanLabel({ store: tableStore({}), embedder: makeLocalEmbedder() });

    const report = await scan({ source: 'text', text: 'Ingredients: Foo Extract, Bar Gum, Baz Oil' });

    expect(report.ingredients.every((item) => item.risk_level === 'unknown' && item.match === null)).toBe(
      true,
    );
    expect(report.summary.counts).toEqual({ high: 0, medium: 0, low: 0, unknown: 3 });
    expect(report.summary.overall_risk_level).not.toBe('low');
    expect(report.warnings).toContain('many_unknown_ingredients');
  });

  it('falls back to names and trigrams, with a warning, when embeddings fail', async () => {
    const store = tableStore({ cotton: libraryMatch('Cotton', 'low') });
    const degraded: unknown[] = [];
    const scan = makeScanLabel({
      store,
      embedder: failingEmbedder,
      onDegraded: (error) => degraded.push(error),
    });

    const report = await scan({ source: 'text', text: 'Ingredients: Cotton' });

    expect(report.warnings).toEqual(['semantic_search_unavailable']);
    expect(store.requests[0]).toMatchObject({ embeddings: null, embeddingModel: null });
    expect(report.ingredients[0]?.match?.name).toBe('Cotton');
    expect(degraded).toHaveLength(1);
  });

  it('fails with 503-class error, never a report, when the store fails', async () => {
    const store: ScanLabelDeps['store'] = {
      async matchIngredients() {
        throw new DependencyUnavailableError('database', 'down');
      },
    };
    const scan = makeScanLabel({ store, embedder: makeLocalEmbedder() });

    await expect(scan({ source: 'text', text: 'Ingredients: Cotton' })).rejects.toBeInstanceOf(
      DependencyUnavailableError,
    );
  });

  it('fails as unavailable when the deadline passes while embedding', async () => {
    const hanging: Embedder = {
      ...makeLocalEmbedder(),
      embed: (_texts, signal) =>
        new Promise((_, reject) =>
          signal?.addEventListener('abort', () => reject(signal.reason), { once: true }),
        ),
    };
    const scan = makeScanLabel({ store: tableStore({}), embedder: hanging });

    await expect(
      scan({ source: 'text', text: 'Ingredients: Cotton' }, AbortSignal.timeout(20)),
    ).rejects.toBeInstanceOf(DependencyUnavailableError);
  });

  it.each(['Ingredients:', '   ', 'INGREDIENTS: .'])('throws NoIngredientsFound for %j', async (text) => {
    const scan = makeScanLabel({ store: tableStore({}), embedder: makeLocalEmbedder() });
    await expect(scan({ source: 'text', text })).rejects.toBeInstanceOf(NoIngredientsFoundError);
  });
});

describe('scanLabel with several readings of one photo', () => {
  const reading = (text: string, confidence: number): OcrResult => ({ text, confidence, lines: [] });
  const readerOf = (ocr: OcrResult): LabelReader => ({ read: async () => ocr });
  const store = tableStore({
    glycerin: libraryMatch('Glycerin', 'low'),
    'lactic acid': libraryMatch('Lactic Acid', 'low'),
    water: libraryMatch('Water', 'low'),
  });

  it('keeps the reading whose list the library knows best, whatever the engine preferred', async () => {
    const confident = reading('Ingredients: Glyccrn, Lactc Acd, Water', 0.8);
    const legible = reading('Ingredients: Glycerin, Lactic Acid, Water', 0.7);
    const scan = makeScanLabel({
      store,
      embedder: makeLocalEmbedder(),
      reader: readerOf({ ...confident, alternatives: [legible] }),
    });

    const report = await scan({ source: 'image', image: new Uint8Array([1]) });

    expect(report.ingredients.map((item) => item.match?.name ?? null)).toEqual([
      'Glycerin',
      'Lactic Acid',
      'Water',
    ]);
    expect(report.ocr).toEqual(legible);
    expect(report.ocr).not.toHaveProperty('alternatives');
  });

  it('keeps the engine’s first reading on a tie, and a reading without a heading counts nothing', async () => {
    const first = reading('Ingredients: Water, Glycerin', 0.8);
    const tied = reading('Ingredients: Water, Glycerin', 0.9);
    const headless = reading('Water, Glycerin, Lactic Acid', 0.95);
    const scan = makeScanLabel({
      store,
      embedder: makeLocalEmbedder(),
      reader: readerOf({ ...first, alternatives: [tied, headless] }),
    });

    const report = await scan({ source: 'image', image: new Uint8Array([1]) });

    expect(report.ocr?.confidence).toBe(0.8);
  });

  it('prefers a list of unknown names to a reading that found no list', async () => {
    const garbled = reading('Ingredients: Xq Zzv, Qqrt', 0.5);
    const headless = reading('Wtr Glycrn', 0.9);
    const scan = makeScanLabel({
      store,
      embedder: makeLocalEmbedder(),
      reader: readerOf({ ...headless, alternatives: [garbled] }),
    });

    const report = await scan({ source: 'image', image: new Uint8Array([1]) });

    expect(report.ingredients.map((item) => item.name)).toEqual(['Xq Zzv', 'Qqrt']);
  });

  it('on equal known names, keeps the reading with fewer unknown ones', async () => {
    const noisy = reading('Ingredients: Water, Glycerin, Xq Zzv', 0.9);
    const clean = reading('Ingredients: Water, Glycerin', 0.7);
    const scan = makeScanLabel({
      store,
      embedder: makeLocalEmbedder(),
      reader: readerOf({ ...noisy, alternatives: [clean] }),
    });

    const report = await scan({ source: 'image', image: new Uint8Array([1]) });

    expect(report.ingredients.map((item) => item.name)).toEqual(['Water', 'Glycerin']);
  });
});

describe('scanLabel with names a lost comma ran together', () => {
  it('reports both names, each with its match and position', async () => {
    const store = tableStore({
      water: libraryMatch('Water', 'low'),
      sorbitol: libraryMatch('Sorbitol', 'low'),
      fragrance: libraryMatch('Fragrance', 'high'),
    });
    const scan = makeScanLabel({ store, embedder: makeLocalEmbedder() });

    const report = await scan({ source: 'text', text: 'Ingredients: Water, Sorbitol Fragrance' });

    expect(report.ingredients.map((item) => [item.position, item.name, item.risk_level])).toEqual([
      [1, 'Water', 'low'],
      [2, 'Sorbitol', 'low'],
      [3, 'Fragrance', 'high'],
    ]);
    expect(report.summary.overall_risk_level).not.toBe('low');
  });
});

describe('scanLabel with a name a line break cut in two', () => {
  it('reports the name whole, with its match', async () => {
    const store = tableStore({
      water: libraryMatch('Water', 'low'),
      'peg-40 hydrogenated castor oil': libraryMatch('PEG-40 Hydrogenated Castor Oil', 'medium'),
    });
    const scan = makeScanLabel({ store, embedder: makeLocalEmbedder() });

    const report = await scan({
      source: 'text',
      text: 'Ingredients: Water, PEG-40, Hydrogenated Castor Oil',
    });

    expect(report.ingredients.map((item) => [item.position, item.name, item.match?.name])).toEqual([
      [1, 'Water', 'Water'],
      [2, 'PEG-40 Hydrogenated Castor Oil', 'PEG-40 Hydrogenated Castor Oil'],
    ]);
  });
});
