import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, readMigrations } from '../../lambdas/src/db/migrator.ts';
import { connectPostgres } from '../../lambdas/src/db/pg.ts';
import type { SqlClient } from '../../lambdas/src/db/sql-client.ts';
import { MIGRATIONS_DIR } from '../../lambdas/src/local/embedded-library.ts';
import { scratchDatabase } from '../support/databases.ts';

/*
 * `npm run db:migrate` with DATABASE_URL talks to a real Postgres through the `pg` driver. The embedded
 * database speaks the Postgres wire protocol through pglite-socket, so the driver path runs for real.
 */
describe('migration runner through the pg driver (DATABASE_URL)', () => {
  let server: PGLiteSocketServer;
  let client: SqlClient;

  beforeAll(async () => {
    const { db } = await scratchDatabase();
    server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0 });
    await server.start();
    client = await connectPostgres(`postgres://postgres@${server.getServerConn()}/postgres`);
  });

  afterAll(async () => {
    await client?.close();
    await server?.stop();
  });

  it('applies the real migrations, then finds nothing left to apply', async () => {
    const files = await readMigrations(MIGRATIONS_DIR);

    const first = await migrate(client, files);
    const second = await migrate(client, files);

    expect(first.applied).toHaveLength(files.length);
    expect(second.applied).toEqual([]);
    const [row] = await client.query<{ n: number }>(
      "select count(*)::int as n from pg_proc where proname = 'match_ingredients'",
    );
    expect(row?.n).toBe(1);
  });
});
