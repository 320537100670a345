import type { PGlite } from '@electric-sql/pglite';
import { makeLocalEmbedder } from '../../lambdas/src/adapters/local-embedder.ts';
import { migrate, readMigrations } from '../../lambdas/src/db/migrator.ts';
import { openPglite, pgliteSqlClient } from '../../lambdas/src/db/pglite.ts';
import { seedLibrary } from '../../lambdas/src/db/seed.ts';
import type { SqlClient } from '../../lambdas/src/db/sql-client.ts';
import { loadLibraryFile } from '../../lambdas/src/library/library-file.ts';
import { MIGRATIONS_DIR } from '../../lambdas/src/local/embedded-library.ts';

/*
 * Integration files run one after another in one worker that keeps its module cache (vitest.config.ts),
 * so these module-level promises give every file the same two embedded databases: creating one costs
 * ≈ 4 s and ≈ 0.6 GB, far too much to repeat per file.
 */

export interface TestDatabase {
  readonly db: PGlite;
  readonly client: SqlClient;
}

let library: Promise<TestDatabase> | undefined;
let scratch: Promise<TestDatabase> | undefined;

/** The real migrations and the real library file, embedded with the local embedder. Read-only by convention. */
export function libraryDatabase(): Promise<TestDatabase> {
  library ??= (async () => {
    const db = await openPglite(undefined);
    const client = pgliteSqlClient(db, { closeDb: false });
    await migrate(client, await readMigrations(MIGRATIONS_DIR));
    await seedLibrary(client, (await loadLibraryFile()).ingredients, makeLocalEmbedder());
    return { db, client };
  })();
  return library;
}

/** A database for tests that migrate, seed or break things; {@link resetScratch} empties it. */
export async function scratchDatabase(): Promise<TestDatabase> {
  scratch ??= (async () => {
    const db = await openPglite(undefined);
    return { db, client: pgliteSqlClient(db, { closeDb: false }) };
  })();
  const database = await scratch;
  await resetScratch(database.client);
  return database;
}

/** Drops everything the migrations create (extensions and roles are cluster-level and may stay). */
async function resetScratch(client: SqlClient): Promise<void> {
  await client.exec(`
    drop schema public cascade;
    create schema public;
    drop schema if exists extensions cascade;
  `);
}

/** The stored embedding of a library row, as the semantic path would receive it from a real model. */
export async function storedEmbedding(client: SqlClient, name: string): Promise<number[]> {
  const [row] = await client.query<{ embedding: string }>(
    'select embedding::text as embedding from ingredients_library where name = $1',
    [name],
  );
  if (!row) throw new Error(`${name} is not in the library`);
  return JSON.parse(row.embedding) as number[];
}
