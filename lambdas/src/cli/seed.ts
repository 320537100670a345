import { chooseEmbedder } from '../adapters/choose-embedder.ts';
import { parseConfig } from '../config/config.ts';
import { migrate, readMigrations } from '../db/migrator.ts';
import { assertLibraryOnModel, seedLibrary } from '../db/seed.ts';
import { loadLibraryFile } from '../library/library-file.ts';
import { MIGRATIONS_DIR } from '../local/embedded-library.ts';
import { makeLogger } from '../observability/logger.ts';
import { describeError } from '../shared/describe-error.ts';
import { openDatabase } from './database.ts';
import { loadDotEnv } from './env.ts';
import { assertSeedEmbedderMatchesRuntime } from './seed-embedder-rule.ts';

/**
 * `npm run db:seed [-- --dry-run]`: makes the library table equal to the reviewed data file, embedded with
 * the embedder the functions query with, then checks that every row carries that model.
 */
async function main(): Promise<void> {
  loadDotEnv();
  const dryRun = process.argv.includes('--dry-run');
  const config = parseConfig(process.env);
  assertSeedEmbedderMatchesRuntime(config, process.env);
  const { ingredients } = await loadLibraryFile();
  const embedder = await chooseEmbedder(config, makeLogger(config));
  const { client, target } = await openDatabase(config);
  try {
    console.log(`${target}: embedding with ${embedder.model} (${embedder.dimensions} dimensions)`);
    await migrate(client, await readMigrations(MIGRATIONS_DIR));
    const plan = await seedLibrary(client, ingredients, embedder, { dryRun, onProgress: progress });
    const verb = dryRun ? 'would' : 'did';
    console.log(`${ingredients.length} entries in the file`);
    for (const [label, names] of [
      ['insert', plan.insert],
      ['update', plan.update],
      ['re-embed', plan.reembed],
      ['remove', plan.remove],
    ] as const) {
      console.log(`  ${verb} ${label} ${names.length}${names.length > 0 ? `: ${names.join(', ')}` : ''}`);
    }
    console.log(`  unchanged ${plan.unchanged}`);
    if (!dryRun) {
      const rows = await assertLibraryOnModel(client, embedder.model);
      console.log(`${target}: all ${rows} rows embedded with ${embedder.model}`);
    }
  } finally {
    await client.close();
  }
}

/** A bar on a terminal; plain lines in CI logs. */
function progress(done: number, total: number): void {
  if (process.stdout.isTTY) {
    const width = 30;
    const filled = Math.round((done / total) * width);
    process.stdout.write(
      `\r  embedding [${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total}`,
    );
    if (done === total) process.stdout.write('\n');
  } else {
    console.log(`  embedded ${done}/${total}`);
  }
}

main().catch((error: unknown) => {
  console.error(describeError(error));
  process.exit(1);
});
