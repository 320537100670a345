import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { vector } from '@electric-sql/pglite-pgvector';
import type { SqlClient } from './sql-client.ts';

/**
 * Opens (creating on first use) the embedded Postgres with the `vector`, `pg_trgm` and `fuzzystrmatch` extensions.
 * @param dataDir a folder on disk, or undefined for an in-memory database.
 */
export async function openPglite(dataDir: string | undefined): Promise<PGlite> {
  if (dataDir !== undefined) await mkdir(dataDir, { recursive: true });
  const db = await PGlite.create({ dataDir, extensions: { vector, pg_trgm, fuzzystrmatch } });
  // PGlite does not apply the database's own settings when it opens, so the search_path the first
  // migration stores with `alter database` (to find `vector` in the extensions schema) is set here.
  await db.exec(`set search_path = "$user", public, extensions`);
  return db;
}

/** Adapts a PGlite instance to {@link SqlClient}. */
export function pgliteSqlClient(db: PGlite, { closeDb = true } = {}): SqlClient {
  return {
    async query<Row extends Record<string, unknown>>(sql: string, params: readonly unknown[] = []) {
      const result = await db.query<Row>(sql, [...params]);
      return result.rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
    async close() {
      if (closeDb) await db.close();
    },
  };
}
