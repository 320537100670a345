import { describe, expect, it } from 'vitest';
import { MigrationIntegrityError, migrate, readMigrations } from '../../lambdas/src/db/migrator.ts';
import { MIGRATIONS_DIR } from '../../lambdas/src/local/embedded-library.ts';
import { scratchDatabase } from '../support/databases.ts';

describe('migration runner on the embedded Postgres', () => {
  it('applies every migration once and records version and checksum', async () => {
    const { client } = await scratchDatabase();
    const files = await readMigrations(MIGRATIONS_DIR);

    const first = await migrate(client, files);
    const second = await migrate(client, files);

    expect(first.applied).toHaveLength(files.length);
    expect(second).toEqual({ applied: [], alreadyApplied: files.length });
    const recorded = await client.query<{ version: string; checksum: string }>(
      'select version, checksum from schema_migrations order by version',
    );
    expect(recorded).toEqual(files.map(({ version, checksum }) => ({ version, checksum })));
  });

  it('creates the vector and trigram extensions, the library table with RLS, and the match function', async () => {
    const { client } = await scratchDatabase();
    await migrate(client, await readMigrations(MIGRATIONS_DIR));

    const extensions = await client.query<{ extname: string }>('select extname from pg_extension order by 1');
    expect(extensions.map((row) => row.extname)).toEqual(expect.arrayContaining(['pg_trgm', 'vector']));
    const [table] = await client.query<{ relrowsecurity: boolean }>(
      "select relrowsecurity from pg_class where relname = 'ingredients_library'",
    );
    expect(table?.relrowsecurity).toBe(true);
    const indexes = await client.query<{ indexdef: string }>(
      "select indexdef from pg_indexes where tablename = 'ingredients_library'",
    );
    const definitions = indexes.map((row) => row.indexdef).join('\n');
    expect(definitions).toMatch(/USING hnsw \(embedding (extensions\.)?vector_cosine_ops\)/);
    expect(definitions).toMatch(/USING gin \(name_folded (extensions\.)?gin_trgm_ops\)/);
    expect(definitions).toMatch(/USING gin \(aliases_folded (extensions\.)?gin_trgm_ops\)/);
    const functions = await client.query<{ proname: string }>(
      "select proname from pg_proc where proname = 'match_ingredients'",
    );
    expect(functions).toHaveLength(1);
  });

  it('refuses to run when an applied migration was edited, and applies nothing', async () => {
    const { client } = await scratchDatabase();
    const files = await readMigrations(MIGRATIONS_DIR);
    const [first, ...rest] = files;
    if (!first) throw new Error('no migrations');
    await migrate(client, [first]);
    const edited = { ...first, sql: `${first.sql}\n-- edited`, checksum: 'not-the-recorded-checksum' };

    await expect(migrate(client, [edited, ...rest])).rejects.toBeInstanceOf(MigrationIntegrityError);
    const recorded = await client.query('select version from schema_migrations');
    expect(recorded).toHaveLength(1);
  });

  it('refuses to run when an applied migration is missing from disk', async () => {
    const { client } = await scratchDatabase();
    const files = await readMigrations(MIGRATIONS_DIR);
    await migrate(client, files);

    await expect(migrate(client, files.slice(1))).rejects.toThrow(/missing from disk/);
  });

  it('rolls back a failing migration completely and records nothing for it', async () => {
    const { client } = await scratchDatabase();
    const broken = {
      version: '29991231235959',
      name: 'broken',
      checksum: 'x',
      sql: 'create table half_done (id int); select * from no_such_table;',
    };

    await expect(migrate(client, [broken])).rejects.toThrow(/29991231235959_broken failed/);
    const [table] = await client.query<{ exists: boolean }>(
      "select to_regclass('half_done') is not null as exists",
    );
    expect(table?.exists).toBe(false);
    expect(await client.query('select * from schema_migrations')).toEqual([]);
  });

  it('releases its advisory lock, even after a failure', async () => {
    const { client } = await scratchDatabase();
    const broken = {
      version: '29991231235959',
      name: 'broken',
      checksum: 'x',
      sql: 'select * from nowhere;',
    };
    await expect(migrate(client, [broken])).rejects.toThrow();

    const locks = await client.query("select 1 from pg_locks where locktype = 'advisory'");
    expect(locks).toEqual([]);
  });
});

describe('migration files', () => {
  it('are named <YYYYMMDDHHMMSS>_<name>.sql with strictly increasing versions', async () => {
    const files = await readMigrations(MIGRATIONS_DIR);
    const versions = files.map((file) => file.version);
    expect(versions.length).toBeGreaterThan(0);
    expect([...versions].sort()).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
  });
});
