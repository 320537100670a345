import type { Embedder } from '../domain/ports.ts';
import { contentHash, embeddingText, type LibraryEntry } from '../library/library-file.ts';
import type { SqlClient } from './sql-client.ts';
import { vectorLiteral } from './vector-literal.ts';

export interface SeedPlan {
  readonly insert: readonly string[];
  readonly update: readonly string[];
  /** Rows whose content is unchanged but whose embedding is missing or from another model. */
  readonly reembed: readonly string[];
  readonly remove: readonly string[];
  readonly unchanged: number;
}

export interface SeedOptions {
  readonly dryRun?: boolean;
  readonly batchSize?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

interface ExistingRow {
  [column: string]: unknown;
  name: string;
  content_hash: string;
  embedding_model: string | null;
}

/**
 * Makes the table equal to the library file, idempotently: inserts new entries, rewrites changed ones,
 * deletes removed ones, and embeds only rows whose content or embedding model changed. Writes happen in
 * one transaction, after every embedding was computed, so a failed embedding call changes nothing.
 */
export async function seedLibrary(
  client: SqlClient,
  entries: readonly LibraryEntry[],
  embedder: Embedder,
  options: SeedOptions = {},
): Promise<SeedPlan> {
  const existing = new Map(
    (
      await client.query<ExistingRow>('select name, content_hash, embedding_model from ingredients_library')
    ).map((row) => [row.name, row]),
  );
  const fileNames = new Set(entries.map((entry) => entry.name));
  const plan = {
    insert: [] as string[],
    update: [] as string[],
    reembed: [] as string[],
    remove: [...existing.keys()].filter((name) => !fileNames.has(name)).sort(),
    unchanged: 0,
  };
  const toWrite: { entry: LibraryEntry; hash: string }[] = [];
  for (const entry of entries) {
    const hash = contentHash(entry);
    const row = existing.get(entry.name);
    if (!row) plan.insert.push(entry.name);
    else if (row.content_hash !== hash) plan.update.push(entry.name);
    else if (row.embedding_model !== embedder.model) plan.reembed.push(entry.name);
    else {
      plan.unchanged++;
      continue;
    }
    toWrite.push({ entry, hash });
  }
  if (options.dryRun) return plan;

  const batchSize = options.batchSize ?? 64;
  const vectors: number[][] = [];
  for (let start = 0; start < toWrite.length; start += batchSize) {
    const batch = toWrite.slice(start, start + batchSize);
    vectors.push(...(await embedder.embed(batch.map(({ entry }) => embeddingText(entry)))));
    options.onProgress?.(Math.min(start + batchSize, toWrite.length), toWrite.length);
  }

  await client.exec('begin');
  try {
    if (plan.remove.length > 0) {
      await client.query('delete from ingredients_library where name = any($1)', [plan.remove]);
    }
    const rows = toWrite.map(({ entry, hash }, index) => ({
      name: entry.name,
      aliases: entry.aliases,
      category: entry.category,
      risk_level: entry.risk_level,
      description: entry.description,
      sources: entry.sources,
      embedding: vectorLiteral(vectors[index] ?? []),
      embedding_model: embedder.model,
      content_hash: hash,
    }));
    // Into an empty table (a new data dir, a test database) the vector index is built once after the rows
    // rather than maintained row by row, several times faster (docs/library.md). A table that already has
    // rows keeps its index, so scans running meanwhile never lose it.
    await withIndexBuiltAfter(client, existing.size === 0 ? VECTOR_INDEX : null, () =>
      client.query(UPSERT_ROWS, [JSON.stringify(rows)]),
    );
    await client.exec('commit');
  } catch (error) {
    await client.exec('rollback');
    throw error;
  }
  return plan;
}

/** Inserts or rewrites the rows given as one JSON array: one statement whatever their number. */
const UPSERT_ROWS = `
  insert into ingredients_library
    (name, aliases, category, risk_level, description, sources, embedding, embedding_model, content_hash)
  select r.name, r.aliases, r.category, r.risk_level, r.description, r.sources, r.embedding::vector,
         r.embedding_model, r.content_hash
  from jsonb_to_recordset($1::jsonb) as r(
    name text, aliases text[], category text, risk_level text, description text, sources jsonb,
    embedding text, embedding_model text, content_hash text)
  on conflict (name) do update set
    aliases = excluded.aliases, category = excluded.category, risk_level = excluded.risk_level,
    description = excluded.description, sources = excluded.sources, embedding = excluded.embedding,
    embedding_model = excluded.embedding_model, content_hash = excluded.content_hash`;

/** The HNSW index of the embeddings (migration `…_ingredients_library.sql`). */
const VECTOR_INDEX = 'ingredients_library_embedding_hnsw_idx';

/**
 * Runs `write` with the index `name` dropped, then creates it again from its own definition as the
 * database holds it (so the migration stays its only source); `null` runs `write` alone. Inside the
 * caller's transaction: a failure leaves the index as it was.
 */
async function withIndexBuiltAfter(client: SqlClient, name: string | null, write: () => Promise<unknown>) {
  const definition =
    name === null
      ? undefined
      : (
          await client.query<{ indexdef: string }>('select indexdef from pg_indexes where indexname = $1', [
            name,
          ])
        )[0]?.indexdef;
  if (definition !== undefined) await client.exec(`drop index ${name}`);
  await write();
  if (definition !== undefined) await client.exec(definition);
}

/** Thrown when library rows are not embedded with the model the queries use. */
export class LibraryModelError extends Error {
  override readonly name = 'LibraryModelError';
}

/**
 * Checks that every row of the library carries an embedding of `model`, and returns how many rows there are.
 * @throws {LibraryModelError} counting the rows on other models (or none), and naming those models.
 */
export async function assertLibraryOnModel(client: SqlClient, model: string): Promise<number> {
  const [counts] = await client.query<{ total: number; off: number; models: (string | null)[] | null }>(
    `select count(*)::int as total,
            count(*) filter (where stale)::int as off,
            array_agg(distinct embedding_model) filter (where stale) as models
       from (select embedding_model, embedding is null or embedding_model is distinct from $1 as stale
               from ingredients_library) as rows`,
    [model],
  );
  const { total = 0, off = 0, models } = counts ?? {};
  if (off > 0) {
    const found = (models ?? []).map((name) => name ?? 'none').join(', ');
    throw new LibraryModelError(
      `${off} of ${total} library rows are not embedded with ${model} (found: ${found}); ` +
        `queries embedded with ${model} would not use them for semantic search.`,
    );
  }
  return total;
}
