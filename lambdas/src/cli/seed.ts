import { makeLocalEmbedder } from '../adapters/local-embedder.ts';
import { parseConfig } from '../config/config.ts';
import { migrate, readMigrations } from '../db/migrator.ts';
import { seedLibrary } from '../db/seed.ts';
import { loadLibraryFile } from '../library/library-file.ts';
import { MIGRATIONS_DIR } from '../local/embedded-library.ts';
import { describeError } from '../shared/describe-error.ts';
import { openDatabase } from './database.ts';
import { loadDotEnv } from './env.ts';

/** `npm run db:seed [-- --dry-run]`: makes the library table equal to the reviewed data file. */
async function main(): Promise<void> {
  loadDotEnv();
  const dryRun = process.argv.includes('--dry-run');
  const config = parseConfig(process.env);
  const { ingredients } = await loadLibraryFile();
  const embedder = makeLocalEmbedder();
  const { client, target } = await openDatabase(config);
  try {
    await migrate(client, await readMigrations(MIGRATIONS_DIR));
    const plan = await seedLibrary(client, ingredients, embedder, { dryRun, onProgress: progress });
    const verb = dryRun ? 'would' : 'did';
    console.log(`${target} (${embedder.model}): ${ingredients.length} entries in the file`);
    for (const [label, names] of [
      ['insert', plan.insert],
      ['update', plan.update],
      ['re-embed', plan.reembed],
      ['remove', plan.remove],
    ] as const) {
      console.log(`  ${verb} ${label} ${names.length}${names.length > 0 ? `: ${names.join(', ')}` : ''}`);
    }
    console.log(`  unchanged ${plan.unchanged}`);
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
