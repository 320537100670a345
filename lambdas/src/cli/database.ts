import type { Config } from '../config/config.ts';
import { connectPostgres } from '../db/pg.ts';
import { openPglite, pgliteSqlClient } from '../db/pglite.ts';
import type { SqlClient } from '../db/sql-client.ts';

/** A real Postgres when `DATABASE_URL` is set, else the embedded database in `LOTUS_DATA_DIR`. */
export async function openDatabase(config: Config): Promise<{ client: SqlClient; target: string }> {
  if (config.DATABASE_URL !== undefined) {
    // `host` carries the port when there is one; never print the user or the password.
    const { host, pathname } = new URL(config.DATABASE_URL);
    return {
      client: await connectPostgres(config.DATABASE_URL),
      target: `postgres://${host}${pathname}`,
    };
  }
  return { client: pgliteSqlClient(await openPglite(config.LOTUS_DATA_DIR)), target: config.LOTUS_DATA_DIR };
}
