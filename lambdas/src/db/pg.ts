import pg from 'pg';
import type { SqlClient } from './sql-client.ts';

/** Connects one `pg` client (one session, so advisory locks and transactions hold) to a real Postgres. */
export async function connectPostgres(connectionString: string): Promise<SqlClient> {
  const client = new pg.Client({ connectionString, application_name: 'lotus-migrate' });
  await client.connect();
  return {
    async query<Row extends Record<string, unknown>>(sql: string, params: readonly unknown[] = []) {
      const result = await client.query<Row>(sql, [...params]);
      return result.rows;
    },
    async exec(sql: string) {
      await client.query(sql);
    },
    async close() {
      await client.end();
    },
  };
}
