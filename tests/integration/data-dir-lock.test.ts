import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { hostname, tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../lambdas/src/config/config.ts';
import { DataDirLockedError, LOCK_FILE, lockDataDir } from '../../lambdas/src/db/data-dir-lock.ts';
import { openPglite } from '../../lambdas/src/db/pglite.ts';

/** Spawns tests/support/hold-data-dir.ts on `dataDir` and resolves once it holds the lock. */
function holdInAnotherProcess(dataDir: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/support/hold-data-dir.ts', dataDir], {
    cwd: repoRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('locked')) resolve(child);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`the holder exited with ${code}:\n${output}`)));
  });
}

function exited(child: ChildProcess): Promise<number | null> {
  child.removeAllListeners('exit');
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.on('exit', (code) => resolve(code));
  });
}

function literally(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

async function lockHolderPid(dataDir: string): Promise<number> {
  return (JSON.parse(await readFile(path.join(dataDir, LOCK_FILE), 'utf8')) as { pid: number }).pid;
}

describe('a data dir on disk is opened by one process at a time', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(tmpdir(), 'lotus-lock-'));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('refuses a second open in the same process, until the first is closed', async () => {
    const dataDir = path.join(root, 'same-process');
    const first = await openPglite(dataDir);
    try {
      await expect(openPglite(dataDir)).rejects.toThrow(DataDirLockedError);
      await expect(openPglite(dataDir)).rejects.toThrow(/is already open in this process/);
      // The refused opens left the first one's lock in place.
      expect(await lockHolderPid(dataDir)).toBe(process.pid);
    } finally {
      await first.close();
    }
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    // Taken again at once (without opening PGlite a second time, which takes seconds).
    (await lockDataDir(dataDir)).release();
  }, 60_000);

  it('refuses a data dir another process holds, naming that process; its exit releases it', async () => {
    const dataDir = path.join(root, 'other-process');
    const holder = await holdInAnotherProcess(dataDir);
    try {
      const refused = openPglite(dataDir);
      await expect(refused).rejects.toThrow(DataDirLockedError);
      await expect(refused).rejects.toThrow(
        new RegExp(
          `^The data dir ${literally(dataDir)} is in use by process ${holder.pid} \\(node tests/support/hold-data-dir\\.ts, since \\d{4}-.+\\)\\. Stop it, or set LOTUS_DATA_DIR to another folder\\.$`,
        ),
      );
    } finally {
      holder.stdin?.end();
    }
    expect(await exited(holder)).toBe(0);
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('takes over the lock of a process killed with SIGKILL', async () => {
    const dataDir = path.join(root, 'killed');
    const holder = await holdInAnotherProcess(dataDir);
    holder.kill('SIGKILL');
    await exited(holder);
    expect(await lockHolderPid(dataDir)).toBe(holder.pid);

    const lock = await lockDataDir(dataDir);
    expect(await lockHolderPid(dataDir)).toBe(process.pid);
    lock.release();
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  });

  it("takes over a lock naming this process's pid that it never took (a restarted container reuses pids)", async () => {
    const dataDir = path.join(root, 'reused-pid');
    await mkdir(dataDir);
    const earlier = {
      pid: process.pid,
      command: 'npm start',
      started_at: '2020-01-01T00:00:00.000Z',
      host: hostname(),
    };
    await writeFile(path.join(dataDir, LOCK_FILE), JSON.stringify(earlier));

    const lock = await lockDataDir(dataDir);
    const taken = JSON.parse(await readFile(path.join(dataDir, LOCK_FILE), 'utf8')) as { started_at: string };
    expect(taken.started_at).not.toBe(earlier.started_at);
    lock.release();
    // A second release, after the dir was locked again, leaves the new lock alone.
    const again = await lockDataDir(dataDir);
    lock.release();
    expect(await lockHolderPid(dataDir)).toBe(process.pid);
    again.release();
    expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
  });

  it('lets exactly one of two racing takeovers of a stale lock win', async () => {
    const dataDir = path.join(root, 'race');
    const holder = await holdInAnotherProcess(dataDir);
    holder.kill('SIGKILL');
    await exited(holder);
    const stale = await readFile(path.join(dataDir, LOCK_FILE), 'utf8');
    expect(JSON.parse(stale)).toMatchObject({ pid: holder.pid, host: hostname() });

    for (let round = 0; round < 20; round++) {
      await writeFile(path.join(dataDir, LOCK_FILE), stale);
      const results = await Promise.allSettled([lockDataDir(dataDir), lockDataDir(dataDir)]);
      const won = results.filter((result) => result.status === 'fulfilled');
      const lost = results.filter((result) => result.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost.map((result) => result.reason)).toEqual([expect.any(DataDirLockedError)]);
      expect(await lockHolderPid(dataDir)).toBe(process.pid);
      for (const result of won) result.value.release();
      expect(existsSync(path.join(dataDir, LOCK_FILE))).toBe(false);
    }
  });
});
