import path from 'node:path';
import { makePgliteStore } from '../adapters/pglite-store.ts';
import { repoRoot } from '../config/config.ts';
import { migrate, readMigrations } from '../db/migrator.ts';
import { openPglite, pgliteSqlClient } from '../db/pglite.ts';
import { seedLibrary } from '../db/seed.ts';
import type { Embedder, IngredientStore } from '../domain/ports.ts';
import { loadLibraryFile } from '../library/library-file.ts';
import type { Logger } from '../observability/logger.ts';

export const MIGRATIONS_DIR = path.join(repoRoot, 'migrations');

export interface EmbeddedLibrary {
  readonly store: IngredientStore;
  close(): Promise<void>;
}

/**
 * Opens the embedded Postgres in `dataDir` (creating it on first use), applies new migrations and
 * brings the library up to date with the data file (embedding only what changed).
 */
export async function openEmbeddedLibrary(options: {
  dataDir: string | undefined;
  embedder: Embedder;
  logger: Logger;
}): Promise<EmbeddedLibrary> {
  const { dataDir, embedder, logger } = options;
  const started = performance.now();
  const db = await openPglite(dataDir);
  try {
    const client = pgliteSqlClient(db, { closeDb: false });
    const migrated = await migrate(client, await readMigrations(MIGRATIONS_DIR), (line) => logger.info(line));
    const { ingredients } = await loadLibraryFile();
    const plan = await seedLibrary(client, ingredients, embedder);
    logger.info('embedded library ready', {
      data_dir: dataDir ?? 'memory',
      migrations_applied: migrated.applied.length,
      seeded: { inserted: plan.insert.length, updated: plan.update.length, removed: plan.remove.length },
      duration_ms: Math.round(performance.now() - started),
    });
  } catch (error) {
    await db.close();
    throw error;
  }
  return { store: makePgliteStore(db), close: () => db.close() };
}
