import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, stop } from '../support/npm-start.ts';
import { runCli } from '../support/run-cli.ts';

/*
 * The CLIs while `npm start` holds the data dir (issue 17: the second process used to PANIC PGlite and
 * corrupt the folder). Each CLI is its own process, as a developer runs it in a second terminal.
 */
describe('the CLIs while npm start holds the data dir', () => {
  let root: string;
  let dataDir: string;
  let label: string;

  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'lotus-in-use-'));
    dataDir = path.join(root, 'pgdata');
    label = path.join(root, 'label.txt');
    await writeFile(label, 'Ingredients: Aqua, Glycerin, Parfum');
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('scan goes through the server, db:migrate is refused naming it; alone, scan prints the same', async () => {
    const server = await start({ LOTUS_DATA_DIR: dataDir });
    let throughServer: Awaited<ReturnType<typeof runCli>>;
    try {
      throughServer = await runCli('scan.ts', [label], { LOTUS_DATA_DIR: dataDir });
      expect(throughServer.code).toBe(0);
      expect(throughServer.stderr).toContain(
        `(process ${server.child.pid}): scanning through ${server.url}.`,
      );
      expect(throughServer.stdout).toMatch(/Water/);
      expect(throughServer.stdout).toMatch(/Fragrance/);

      const migrate = await runCli('migrate.ts', [], { LOTUS_DATA_DIR: dataDir });
      expect(migrate.code).toBe(1);
      // The message alone, on one line: no stack, no wrapping.
      expect(migrate.stderr.trim()).toMatch(
        new RegExp(
          `^The data dir \\S+ is in use by process ${server.child.pid} \\(node lambdas/src/cli/start\\.ts, since [^)]+\\)\\. Stop it, or set LOTUS_DATA_DIR to another folder\\.$`,
        ),
      );
    } finally {
      expect(await stop(server.child, 'SIGTERM')).toBe(0);
    }

    const alone = await runCli('scan.ts', [label], { LOTUS_DATA_DIR: dataDir });
    expect(alone.stderr).toBe('');
    expect(alone.code).toBe(0);
    expect(alone.stderr).toBe('');
    expect(throughServer.stdout).toBe(alone.stdout);
  }, 120_000);
});
