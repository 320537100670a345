import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeLocalEmbedder } from '../../lambdas/src/adapters/local-embedder.ts';
import { migrate, readMigrations } from '../../lambdas/src/db/migrator.ts';
import { openPglite, pgliteSqlClient } from '../../lambdas/src/db/pglite.ts';
import { seedLibrary } from '../../lambdas/src/db/seed.ts';
import { MIGRATIONS_DIR } from '../../lambdas/src/local/embedded-library.ts';

describe('an embedded database on disk', () => {
  let dataDir: string | undefined;
  afterAll(() => (dataDir ? rm(dataDir, { recursive: true, force: true }) : undefined));

  it('can be written again after it is closed and reopened (the vector type still resolves)', async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'lotus-reopen-'));
    const first = pgliteSqlClient(await openPglite(dataDir));
    await migrate(first, await readMigrations(MIGRATIONS_DIR));
    await first.close();

    const reopened = pgliteSqlClient(await openPglite(dataDir));
    try {
      const plan = await seedLibrary(
        reopened,
        [
          {
            name: 'Cotton',
            aliases: [],
            category: 'fiber',
            risk_level: 'low',
            description: 'Cotton for tests.',
            sources: [{ title: 'Test', url: 'https://example.org/' }],
          },
        ],
        makeLocalEmbedder(),
      );

      expect(plan.insert).toEqual(['Cotton']);
      expect(await reopened.query('select name from ingredients_library')).toEqual([{ name: 'Cotton' }]);
    } finally {
      await reopened.close();
    }
  });
});
