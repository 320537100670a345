import { setImmediate as nextTurn } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeLocalEmbedder } from '../../lambdas/src/adapters/local-embedder.ts';
import { makePgliteStore } from '../../lambdas/src/adapters/pglite-store.ts';
import { DependencyUnavailableError, PayloadTooLargeError } from '../../lambdas/src/domain/errors.ts';
import type { IngredientStore, MatchRequest } from '../../lambdas/src/domain/ports.ts';
import { MAX_INGREDIENTS_PER_SCAN } from '../../lambdas/src/domain/scan-bounds.ts';
import { errorSchema } from '../../lambdas/src/http/schemas.ts';
import { loadLibraryFile } from '../../lambdas/src/library/library-file.ts';
import { assembleDataRuntime } from '../../lambdas/src/runtime.ts';
import { libraryDatabase } from '../support/databases.ts';
import { startLocalApi, testRuntime } from '../support/local-api.ts';

/*
 * Issue 17, item 1: the work one scan may ask is bounded, and its deadline holds while in-process work
 * holds the event loop.
 */

/** The real library store, counting the names it is asked for. */
async function countingStore(): Promise<{ store: IngredientStore; names: () => number }> {
  const store = makePgliteStore((await libraryDatabase()).db);
  let names = 0;
  return {
    store: {
      ...store,
      matchIngredients: (request, signal) => {
        names += request.names.length;
        return store.matchIngredients(request, signal);
      },
    },
    names: () => names,
  };
}

// Creating and seeding the shared library database is the slow part; it is not this file's subject.
beforeAll(() => libraryDatabase());

describe('names per scan', () => {
  it(`reads a list of ${MAX_INGREDIENTS_PER_SCAN} ingredients and refuses one more with a 413 naming the bound`, async () => {
    const { store, names } = await countingStore();
    const { scanLabel } = assembleDataRuntime({ store, embedder: makeLocalEmbedder() }, testRuntime().logger);
    // Library names (matched exactly, so quickly) without commas of their own.
    const entries = (await loadLibraryFile()).ingredients
      .map((entry) => entry.name)
      .filter((name) => !/[,;()]/.test(name));
    const list = (count: number) => `Ingredients: ${entries.slice(0, count).join(', ')}.`;

    const report = await scanLabel({ source: 'text', text: list(MAX_INGREDIENTS_PER_SCAN) });
    expect(report.ingredients).toHaveLength(MAX_INGREDIENTS_PER_SCAN);
    const asked = names();

    const refused = scanLabel({ source: 'text', text: list(MAX_INGREDIENTS_PER_SCAN + 1) });
    await expect(refused).rejects.toBeInstanceOf(PayloadTooLargeError);
    await expect(refused).rejects.toThrow(`at most ${MAX_INGREDIENTS_PER_SCAN}`);
    expect(names()).toBe(asked);
  });

  it('refuses 20 kB of ~2,600 short names before parsing them or asking the library anything', async () => {
    const { store, names } = await countingStore();
    const { scanLabel } = assembleDataRuntime({ store, embedder: makeLocalEmbedder() }, testRuntime().logger);
    const text = `Ingredients: ${Array.from({ length: 4_000 }, (_, i) => `N${i.toString(36)}x`).join(', ')}`;

    await expect(scanLabel({ source: 'text', text: text.slice(0, 20_000) })).rejects.toThrow(
      PayloadTooLargeError,
    );
    expect(names()).toBe(0);
  });

  it('answers the heavy text over HTTP with a JSON 413, and the server goes on answering', async () => {
    const { store } = await countingStore();
    const data = assembleDataRuntime({ store, embedder: makeLocalEmbedder() }, testRuntime().logger);
    const api = await startLocalApi(async () => data);
    try {
      const text = Array.from({ length: 4_000 }, (_, i) => `N${i.toString(36)}x`).join(', ');
      const response = await fetch(`${api.url}/api/scan`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: `Ingredients: ${text}`.slice(0, 20_000) }),
      });
      expect(response.status).toBe(413);
      expect(errorSchema.parse(await response.json()).error.code).toBe('payload_too_large');
      expect((await fetch(`${api.url}/health`)).status).toBe(200);
    } finally {
      await api.close();
    }
  });
});

describe('the embedded library shares the event loop', () => {
  it('lets other work run between the slices of one long match', async () => {
    const store = makePgliteStore((await libraryDatabase()).db);
    // Made-up names with a common word: the costliest to match (each scores many alias candidates).
    const names = Array.from({ length: 100 }, (_, i) => `Qx${i.toString(36)}zy Acid`);
    let turns = 0;
    let matching = true;
    const counting = (async () => {
      while (matching) {
        await nextTurn();
        turns++;
      }
    })();
    const request: MatchRequest = {
      names,
      embeddings: null,
      embeddingModel: null,
      minFuzzySimilarity: 0.85,
      minSemanticSimilarity: 0.8,
    };
    const matches = await store.matchIngredients(request);
    matching = false;
    await counting;

    expect(matches).toHaveLength(100);
    // One query for the whole list gives the loop a single turn; slices of 20 give at least five.
    expect(turns).toBeGreaterThanOrEqual(5);
  });
});

describe('the deadline', () => {
  /** A store whose answer is ready only after it held the event loop for `holdMs` (as an in-process query does). */
  function busyStore(holdMs: number): Pick<IngredientStore, 'matchIngredients'> & IngredientStore {
    const blocked: IngredientStore = {
      matchIngredients: async (request) => {
        const until = Date.now() + holdMs;
        while (Date.now() < until) {
          // holding the loop, as a long query in PGlite does
        }
        return request.names.map(() => null);
      },
      listIngredients: async () => ({ items: [], total: 0 }),
      getIngredient: async () => null,
      embeddingModels: async () => [],
      ping: async () => {},
    };
    return blocked;
  }

  it('answers 503 instead of a late report when in-process work outlasts it', async () => {
    const { scanLabel } = assembleDataRuntime(
      { store: busyStore(400), embedder: makeLocalEmbedder() },
      testRuntime().logger,
    );
    const deadlineAt = Date.now() + 150;
    const scan = scanLabel(
      { source: 'text', text: 'Ingredients: Cotton, Rayon.' },
      AbortSignal.timeout(150),
      deadlineAt,
    );
    await expect(scan).rejects.toBeInstanceOf(DependencyUnavailableError);
    await expect(scan).rejects.toThrow('ran out of time');
  });

  it('SCAN_DEADLINE_MS bounds a scan under the local server, whose platform time is longer', async () => {
    const slow: IngredientStore = {
      ...busyStore(0),
      matchIngredients: (request, signal) =>
        new Promise((resolve, reject) => {
          const timer = setTimeout(() => resolve(request.names.map(() => null)), 5_000);
          signal?.addEventListener('abort', () => {
            clearTimeout(timer);
            reject(signal.reason);
          });
        }),
    };
    const data = {
      ...assembleDataRuntime(
        { store: slow, embedder: makeLocalEmbedder(), scanDeadlineMs: 1_000 },
        testRuntime().logger,
      ),
    };
    const api = await startLocalApi(async () => data);
    try {
      const started = Date.now();
      const response = await fetch(`${api.url}/api/scan`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: 'Ingredients: Cotton, Rayon.' }),
      });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toMatch(/^\d+$/);
      expect(Date.now() - started).toBeLessThan(4_000);
    } finally {
      await api.close();
    }
  });
});
