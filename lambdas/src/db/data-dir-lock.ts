import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { link, readFile, realpath, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import { ConfigError } from '../config/config.ts';

/*
 * One process per data dir. Two PGlite instances writing the same folder corrupt it (PGlite has no
 * cross-process locking of its own: the second one PANICs or silently loses the first one's writes), so
 * opening a data dir takes `<dataDir>/.lotus.lock`, naming the process that holds it.
 */

export const LOCK_FILE = '.lotus.lock';

/** What the lock file holds. */
export interface LockHolder {
  readonly pid: number;
  /** How the holder was started, e.g. `npm start` or `npm run scan`. */
  readonly command: string;
  readonly started_at: string;
  readonly host: string;
  /** Where the holder serves the API, once it listens (`npm start`). */
  readonly url?: string;
}

/**
 * The data dir is held by another live process (or already open in this one). A ConfigError naming
 * LOTUS_DATA_DIR: the runtime passes it on unwrapped and the CLIs print its message alone.
 */
export class DataDirLockedError extends ConfigError {
  readonly dataDir: string;
  readonly holder: LockHolder;
  constructor(dataDir: string, holder: LockHolder, message: string) {
    super(message, ['LOTUS_DATA_DIR']);
    this.dataDir = dataDir;
    this.holder = holder;
  }
}

export interface DataDirLock {
  /** Removes the lock file if it is still this process's; idempotent. */
  release(): void;
}

/** A lock this process took; `holder` is replaced when the server's URL is recorded. */
interface HeldLock {
  holder: LockHolder;
}

/** Locks this process holds, by lock file path: released on exit, and given the server's URL. */
const held = new Map<string, HeldLock>();

/** How many times a lock released or taken over under us is tried again before giving up. */
const ATTEMPTS = 5;

/**
 * Takes the lock of `dataDir` (which must exist), taking over one left by a process that is gone.
 * @throws {DataDirLockedError} when a live process (this one included) holds it.
 */
export async function lockDataDir(dataDir: string): Promise<DataDirLock> {
  const file = path.join(await realpath(dataDir), LOCK_FILE);
  const mine = thisProcess();
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    if (await createLock(file, mine)) {
      const entry: HeldLock = { holder: mine };
      held.set(file, entry);
      releaseOnExit();
      return { release: () => release(file, entry) };
    }
    const found = await readLock(file);
    if (found === undefined) continue; // released between our attempt and the read
    if (found.holder !== undefined && isAlive(found.holder, file)) {
      throw new DataDirLockedError(dataDir, found.holder, lockedMessage(dataDir, file, found.holder));
    }
    await removeStale(file, found.raw);
  }
  throw new Error(`Could not take the lock ${file}: other processes keep taking it. Try again.`);
}

/**
 * Records where this process serves the API in the locks it holds, so that `npm run scan` can send its
 * scan there instead of failing. Synchronous: the URL is on disk before the server says it listens.
 */
export function recordServerUrl(url: string): void {
  for (const [file, entry] of held) {
    const updated = { ...entry.holder, url };
    try {
      // Written aside then renamed over: a reader sees the old or the new lock, never half of one.
      const temporary = temporaryPath(file);
      writeFileSync(temporary, JSON.stringify(updated));
      renameSync(temporary, file);
      entry.holder = updated;
    } catch {
      // Best effort: without the URL a scan fails with the lock's message instead of going through.
    }
  }
}

function thisProcess(): LockHolder {
  return { pid: process.pid, command: commandLine(), started_at: new Date().toISOString(), host: hostname() };
}

/** `npm start` / `npm run scan` when npm ran this very script, else `node <script>`. */
function commandLine(): string {
  const script = path.relative(process.cwd(), process.argv[1] ?? '');
  const event = process.env.npm_lifecycle_event;
  // npm's variables are inherited by children: they describe this process only if they name its script.
  if (event !== undefined && script !== '' && process.env.npm_lifecycle_script?.includes(script)) {
    return event === 'start' || event === 'test' ? `npm ${event}` : `npm run ${event}`;
  }
  return ['node', script].filter(Boolean).join(' ');
}

/**
 * Creates the lock with its content in one step: written to a file of its own, then hard-linked to the
 * lock's name, which fails if the lock exists. (An `open(…, 'wx')` would show readers an empty lock.)
 * @returns false when the lock exists.
 */
async function createLock(file: string, holder: LockHolder): Promise<boolean> {
  const temporary = temporaryPath(file);
  await writeFile(temporary, JSON.stringify(holder));
  try {
    await link(temporary, file);
    return true;
  } catch (error) {
    if (code(error) === 'EEXIST') return false;
    throw error;
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
}

/** The lock's text and its holder (undefined if it does not parse); undefined if there is no lock. */
async function readLock(file: string): Promise<{ raw: string; holder: LockHolder | undefined } | undefined> {
  let raw: string;
  try {
    raw = await readFile(file, 'utf8');
  } catch (error) {
    if (code(error) === 'ENOENT') return undefined;
    throw error;
  }
  return { raw, holder: parseHolder(raw) };
}

function parseHolder(raw: string): LockHolder | undefined {
  try {
    const value = JSON.parse(raw) as Partial<LockHolder>;
    return typeof value.pid === 'number' && typeof value.host === 'string'
      ? (value as LockHolder)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the holder may still be using the data dir. A process on another host cannot be checked, so it
 * counts as alive. Our own pid counts only if this process took the lock: otherwise an earlier process
 * had the same pid (a container restarted) and died without releasing it.
 */
function isAlive(holder: LockHolder, file: string): boolean {
  if (holder.host !== hostname()) return true;
  if (holder.pid === process.pid) return held.has(file);
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return code(error) === 'EPERM';
  }
}

/**
 * Deletes a lock whose holder is gone. Two processes may find the same stale lock: each renames it to a
 * name of its own, which only one can do. The loser might instead move the fresh lock the winner has just
 * created; it sees the content changed and puts it back.
 */
async function removeStale(file: string, staleRaw: string): Promise<void> {
  const aside = `${file}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(file, aside);
  } catch (error) {
    if (code(error) === 'ENOENT') return; // another process took it over first
    throw error;
  }
  try {
    if ((await readFile(aside, 'utf8')) !== staleRaw) await link(aside, file);
  } catch (error) {
    // EEXIST: a third process locked the dir meanwhile; its lock stands.
    if (code(error) !== 'EEXIST') throw error;
  } finally {
    await unlink(aside).catch(() => undefined);
  }
}

/** Releases `file` if `entry` (this acquisition, not a later one of the same dir) still holds it. */
function release(file: string, entry: HeldLock): void {
  if (held.get(file) !== entry) return;
  held.delete(file);
  const mine = entry.holder;
  try {
    // Only our own lock: had it been deleted by hand, another process's lock may be there now.
    const onDisk = parseHolder(readFileSync(file, 'utf8'));
    if (onDisk?.pid === mine.pid && onDisk.started_at === mine.started_at) unlinkSync(file);
  } catch {
    // Best effort: a lock left behind is taken over by the next process, its holder being gone.
  }
}

let exitHook = false;

/** On exit (process.exit, or the event loop running dry) a process releases what it did not close. */
function releaseOnExit(): void {
  if (exitHook) return;
  exitHook = true;
  process.on('exit', () => {
    for (const [file, entry] of [...held]) release(file, entry);
  });
}

function lockedMessage(dataDir: string, file: string, holder: LockHolder): string {
  if (holder.pid === process.pid && holder.host === hostname()) {
    return `The data dir ${dataDir} is already open in this process (${holder.command}); close it before opening it again.`;
  }
  const fix = 'Stop it, or set LOTUS_DATA_DIR to another folder.';
  if (holder.host !== hostname()) {
    return `The data dir ${dataDir} is in use by process ${holder.pid} on ${holder.host} (${holder.command}, since ${holder.started_at}). ${fix} If nothing runs there any more, delete ${file}.`;
  }
  return `The data dir ${dataDir} is in use by process ${holder.pid} (${holder.command}, since ${holder.started_at}). ${fix}`;
}

function temporaryPath(file: string): string {
  return `${file}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
}

function code(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}
