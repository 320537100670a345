import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { vector } from '@electric-sql/pglite-pgvector';
import { type DataDirLock, lockDataDir } from './data-dir-lock.ts';
import type { SqlClient } from './sql-client.ts';

/**
 * Opens (creating on first use) the embedded Postgres with the `vector`, `pg_trgm` and `fuzzystrmatch` extensions.
 * A folder on disk is locked for this process until `close()` (see data-dir-lock.ts).
 * @param dataDir a folder on disk, or undefined for an in-memory database.
 * @throws {DataDirLockedError} when another live process (or this one) has the folder open.
 */
export async function openPglite(dataDir: string | undefined): Promise<PGlite> {
  let lock: DataDirLock | undefined;
  if (dataDir !== undefined) {
    await mkdir(dataDir, { recursive: true });
    lock = await lockDataDir(dataDir);
  }
  let db: PGlite;
  try {
    db = await PGlite.create({ dataDir, extensions: { vector, pg_trgm, fuzzystrmatch } });
  } catch (error) {
    lock?.release();
    throw error;
  }
  if (lock) releaseOnClose(db, lock);
  try {
    // PGlite does not apply the database's own settings when it opens, so the search_path the first
    // migration stores with `alter database` (to find `vector` in the extensions schema) is set here.
    await db.exec(`set search_path = "$user", public, extensions`);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}

/** Every caller closes through `db.close()` (also `await using`): the lock goes with it, once PGlite has flushed. */
function releaseOnClose(db: PGlite, lock: DataDirLock): void {
  const close = db.close.bind(db);
  db.close = async () => {
    try {
      await close();
    } finally {
      lock.release();
    }
  };
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
