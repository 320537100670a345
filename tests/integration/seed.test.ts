import { describe, expect, it } from 'vitest';
import { makeLocalEmbedder } from '../../lambdas/src/adapters/local-embedder.ts';
import { migrate, readMigrations } from '../../lambdas/src/db/migrator.ts';
import { assertLibraryOnModel, LibraryModelError, seedLibrary } from '../../lambdas/src/db/seed.ts';
import type { Embedder } from '../../lambdas/src/domain/ports.ts';
import type { LibraryEntry } from '../../lambdas/src/library/library-file.ts';
import { MIGRATIONS_DIR } from '../../lambdas/src/local/embedded-library.ts';
import { scratchDatabase } from '../support/databases.ts';

function entry(name: string, overrides: Partial<LibraryEntry> = {}): LibraryEntry {
  return {
    name,
    aliases: [],
    category: 'other',
    risk_level: 'low',
    description: `${name} for tests.`,
    sources: [{ title: 'Test source', url: 'https://example.org/source' }],
    ...overrides,
  };
}

/** The local embedder, counting how many texts it was asked to embed. */
function countingEmbedder(model?: string): Embedder & { embedded: string[] } {
  const local = makeLocalEmbedder();
  const embedded: string[] = [];
  return {
    ...local,
    model: model ?? local.model,
    embedded,
    async embed(texts) {
      embedded.push(...texts);
      return local.embed(texts);
    },
  };
}

async function migratedScratch() {
  const database = await scratchDatabase();
  await migrate(database.client, await readMigrations(MIGRATIONS_DIR));
  return database;
}

describe('seeding the library', () => {
  const entries = [entry('Cotton', { aliases: ['Organic Cotton'] }), entry('Rayon'), entry('Talc')];

  it('keeps the vector index as the migration defines it, whether the table was empty or not', async () => {
    const { client } = await migratedScratch();
    const definition = () =>
      client.query<{ indexdef: string }>(
        "select indexdef from pg_indexes where indexname = 'ingredients_library_embedding_hnsw_idx'",
      );
    const migrated = await definition();
    expect(migrated).toHaveLength(1);

    await seedLibrary(client, entries, countingEmbedder());
    expect(await definition()).toEqual(migrated);
    await seedLibrary(client, [...entries, entry('Viscose')], countingEmbedder());
    expect(await definition()).toEqual(migrated);
    const [{ used }] = (await client.query<{ used: boolean }>(
      `select exists (select 1 from pg_index i join pg_class c on c.oid = i.indexrelid
                      where c.relname = 'ingredients_library_embedding_hnsw_idx' and i.indisvalid) as used`,
    )) as [{ used: boolean }];
    expect(used).toBe(true);
  });

  it('inserts every entry with its embedding, model and content hash', async () => {
    const { client } = await migratedScratch();
    const embedder = countingEmbedder();

    const plan = await seedLibrary(client, entries, embedder);

    expect(plan.insert).toEqual(['Cotton', 'Rayon', 'Talc']);
    expect(embedder.embedded).toEqual(['Cotton, Organic Cotton', 'Rayon', 'Talc']);
    const rows = await client.query<{ name: string; model: string; dims: number }>(
      'select name, embedding_model as model, vector_dims(embedding) as dims from ingredients_library order by name',
    );
    expect(rows).toEqual(
      ['Cotton', 'Rayon', 'Talc'].map((name) => ({ name, model: embedder.model, dims: 1536 })),
    );
  });

  it('re-embeds nothing on a second run', async () => {
    const { client } = await migratedScratch();
    await seedLibrary(client, entries, countingEmbedder());
    const embedder = countingEmbedder();

    const plan = await seedLibrary(client, entries, embedder);

    expect(embedder.embedded).toEqual([]);
    expect(plan).toMatchObject({ insert: [], update: [], reembed: [], remove: [], unchanged: 3 });
  });

  it('re-embeds exactly the one entry that changed', async () => {
    const { client } = await migratedScratch();
    await seedLibrary(client, entries, countingEmbedder());
    const embedder = countingEmbedder();
    const changed = entries.map((item) =>
      item.name === 'Talc' ? { ...item, risk_level: 'high' as const } : item,
    );

    const plan = await seedLibrary(client, changed, embedder);

    expect(plan.update).toEqual(['Talc']);
    expect(embedder.embedded).toEqual(['Talc']);
    const [talc] = await client.query<{ risk_level: string }>(
      "select risk_level from ingredients_library where name = 'Talc'",
    );
    expect(talc?.risk_level).toBe('high');
  });

  it('re-embeds every row when the embedding model changes', async () => {
    const { client } = await migratedScratch();
    await seedLibrary(client, entries, countingEmbedder());
    const embedder = countingEmbedder('another-model');

    const plan = await seedLibrary(client, entries, embedder);

    expect(plan.reembed).toEqual(['Cotton', 'Rayon', 'Talc']);
    expect(embedder.embedded).toHaveLength(3);
  });

  it('removes rows whose entry was deleted from the file', async () => {
    const { client } = await migratedScratch();
    await seedLibrary(client, entries, countingEmbedder());

    const plan = await seedLibrary(client, entries.slice(0, 2), countingEmbedder());

    expect(plan.remove).toEqual(['Talc']);
    const names = await client.query<{ name: string }>('select name from ingredients_library order by name');
    expect(names.map((row) => row.name)).toEqual(['Cotton', 'Rayon']);
  });

  it('reports the plan without writing anything on a dry run', async () => {
    const { client } = await migratedScratch();
    const embedder = countingEmbedder();

    const plan = await seedLibrary(client, entries, embedder, { dryRun: true });

    expect(plan.insert).toHaveLength(3);
    expect(embedder.embedded).toEqual([]);
    expect(await client.query('select 1 from ingredients_library')).toEqual([]);
  });

  it('changes nothing when embedding fails half way', async () => {
    const { client } = await migratedScratch();
    let calls = 0;
    const failing: Embedder = {
      ...makeLocalEmbedder(),
      async embed(texts) {
        calls++;
        if (calls > 1) throw new Error('embedding service down');
        return makeLocalEmbedder().embed(texts);
      },
    };

    await expect(seedLibrary(client, entries, failing, { batchSize: 2 })).rejects.toThrow(
      /embedding service down/,
    );
    expect(await client.query('select 1 from ingredients_library')).toEqual([]);
  });

  it('verifies after a seed that every row carries the model, and counts the rows that do not', async () => {
    const { client } = await migratedScratch();
    const embedder = countingEmbedder();
    await seedLibrary(client, entries, embedder);
    await client.query("update ingredients_library set embedding_model = 'old-model' where name = 'Talc'");

    const failure = assertLibraryOnModel(client, embedder.model);

    await expect(failure).rejects.toThrow(LibraryModelError);
    await expect(failure).rejects.toThrow(
      `1 of 3 library rows are not embedded with ${embedder.model} (found: old-model)`,
    );
    await expect(assertLibraryOnModel(client, 'old-model')).rejects.toThrow(/^2 of 3 library rows/);
    await client.query("update ingredients_library set embedding_model = $1 where name = 'Talc'", [
      embedder.model,
    ]);
    await expect(assertLibraryOnModel(client, embedder.model)).resolves.toBe(3);
  });
});
