/**
 * The little SQL surface the migration runner and the seed need, implemented over both the embedded
 * PGlite and the `pg` driver, so the same code migrates a laptop and a real Postgres.
 */
export interface SqlClient {
  query<Row extends Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Runs a script of several statements without parameters. */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}
