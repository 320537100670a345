import { parseConfig } from '../config/config.ts';
import { migrate, readMigrations } from '../db/migrator.ts';
import { MIGRATIONS_DIR } from '../local/embedded-library.ts';
import { describeError } from '../shared/describe-error.ts';
import { openDatabase } from './database.ts';
import { loadDotEnv } from './env.ts';

/** `npm run db:migrate`: applies new migrations to DATABASE_URL, or to the embedded database. */
async function main(): Promise<void> {
  loadDotEnv();
  const { client, target } = await openDatabase(parseConfig(process.env));
  try {
    const result = await migrate(client, await readMigrations(MIGRATIONS_DIR), (line) => console.log(line));
    console.log(
      `${target}: ${result.applied.length} migration(s) applied, ${result.alreadyApplied} already applied.`,
    );
  } finally {
    await client.close();
  }
}

main().catch((error: unknown) => {
  console.error(describeError(error));
  process.exit(1);
});
