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
    for (const [index, { entry, hash }] of toWrite.entries()) {
      await client.query(
        `insert into ingredients_library
           (name, aliases, category, risk_level, description, sources, embedding, embedding_model, content_hash)
         values ($1, $2, $3, $4, $5, $6, $7::vector, $8, $9)
         on conflict (name) do update set
           aliases = excluded.aliases, category = excluded.category, risk_level = excluded.risk_level,
           description = excluded.description, sources = excluded.sources, embedding = excluded.embedding,
           embedding_model = excluded.embedding_model, content_hash = excluded.content_hash`,
        [
          entry.name,
          entry.aliases,
          entry.category,
          entry.risk_level,
          entry.description,
          JSON.stringify(entry.sources),
          vectorLiteral(vectors[index] ?? []),
          embedder.model,
          hash,
        ],
      );
    }
    await client.exec('commit');
  } catch (error) {
    await client.exec('rollback');
    throw error;
  }
  return plan;
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
