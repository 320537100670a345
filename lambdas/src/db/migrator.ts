import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SqlClient } from './sql-client.ts';

const FILE_PATTERN = /^(\d{14})_([a-z0-9_]+)\.sql$/;
/** Arbitrary constant shared by every runner, so two runs against one database cannot interleave. */
const ADVISORY_LOCK_KEY = 7_163_401_250;

export interface MigrationFile {
  readonly version: string;
  readonly name: string;
  readonly checksum: string;
  readonly sql: string;
}

export interface MigrationResult {
  readonly applied: readonly string[];
  readonly alreadyApplied: number;
}

/** Thrown when the migrations on disk and those recorded in the database disagree. */
export class MigrationIntegrityError extends Error {
  override readonly name = 'MigrationIntegrityError';
}

/** Reads `<YYYYMMDDHHMMSS>_<name>.sql` files in version order; any other `.sql` name is refused. */
export async function readMigrations(dir: string): Promise<MigrationFile[]> {
  const entries = (await readdir(dir)).filter((file) => file.endsWith('.sql')).sort();
  return Promise.all(
    entries.map(async (file) => {
      const match = FILE_PATTERN.exec(file);
      if (!match?.[1] || !match[2]) {
        throw new MigrationIntegrityError(`Migration file name "${file}" is not <YYYYMMDDHHMMSS>_<name>.sql`);
      }
      // Line endings do not change what a migration does, so they do not change its checksum.
      const sql = (await readFile(path.join(dir, file), 'utf8')).replace(/\r\n/g, '\n');
      return { version: match[1], name: match[2], sql, checksum: sha256(sql) };
    }),
  );
}

/**
 * Applies every pending migration, each in its own transaction, under an advisory lock.
 * @throws {MigrationIntegrityError} when an applied migration was edited or removed from disk; nothing
 *   is applied then.
 */
export async function migrate(
  client: SqlClient,
  migrations: readonly MigrationFile[],
  log: (line: string) => void = () => {},
): Promise<MigrationResult> {
  await client.query('select pg_advisory_lock($1)', [ADVISORY_LOCK_KEY]);
  try {
    await client.exec(`
      create table if not exists schema_migrations (
        version text primary key,
        name text not null,
        checksum text not null,
        applied_at timestamptz not null default now()
      )`);
    const recorded = await client.query<{ version: string; name: string; checksum: string }>(
      'select version, name, checksum from schema_migrations order by version',
    );
    const onDisk = new Map(migrations.map((migration) => [migration.version, migration]));
    for (const row of recorded) {
      const file = onDisk.get(row.version);
      if (!file) {
        throw new MigrationIntegrityError(
          `Migration ${row.version}_${row.name} is applied but missing from disk; migrations are append-only`,
        );
      }
      if (file.checksum !== row.checksum) {
        throw new MigrationIntegrityError(
          `Migration ${row.version}_${row.name}.sql was edited after it was applied (checksum differs); ` +
            'add a new migration instead',
        );
      }
    }
    const appliedVersions = new Set(recorded.map((row) => row.version));
    const applied: string[] = [];
    for (const migration of migrations) {
      if (appliedVersions.has(migration.version)) continue;
      const label = `${migration.version}_${migration.name}`;
      await client.exec('begin');
      try {
        await client.exec(migration.sql);
        await client.query('insert into schema_migrations (version, name, checksum) values ($1, $2, $3)', [
          migration.version,
          migration.name,
          migration.checksum,
        ]);
        await client.exec('commit');
      } catch (error) {
        await client.exec('rollback');
        throw new Error(`Migration ${label} failed and was rolled back`, { cause: error });
      }
      applied.push(label);
      log(`applied ${label}`);
    }
    return { applied, alreadyApplied: recorded.length };
  } finally {
    await client.query('select pg_advisory_unlock($1)', [ADVISORY_LOCK_KEY]);
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
