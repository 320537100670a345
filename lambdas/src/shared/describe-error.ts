import { constants } from 'node:os';
import { getSystemErrorMessage } from 'node:util';

/**
 * An error's message followed by its causes' messages — without the SQL text and parameters Postgres
 * errors carry, and with any long value a message quotes cut to its size ({@link boundedErrorText}).
 */
export function describeError(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (current instanceof Error) {
    parts.push(current.message || describeThrown(current));
    current = current.cause;
  }
  if (current !== undefined) parts.push(describeThrown(current));
  return boundedErrorText(parts.join(': '));
}

/** A quoted value longer than this is replaced by its size: no identifier or keyword is this long. */
const MAX_QUOTED_CHARS = 60;
/** What an error's text keeps, at most, once quoted values are cut. */
const MAX_ERROR_TEXT_CHARS = 1_000;

/**
 * An error's text as it may be logged or reported: Postgres quotes the input it could not read ("invalid
 * input syntax for type vector: \"[0.01,…]\""), which may be a label the user sent or a whole vector — a
 * message of megabytes. A double-quoted run longer than {@link MAX_QUOTED_CHARS} becomes `"…" (N
 * characters)`, and the text is cut at {@link MAX_ERROR_TEXT_CHARS}. (A short value, or one in another
 * quoting, still shows: the message stays readable.)
 */
export function boundedErrorText(text: string): string {
  const elided = text.replace(
    new RegExp(`"[^"]{${MAX_QUOTED_CHARS + 1},}"`, 'g'),
    (quoted) => `"…" (${quoted.length - 2} characters)`,
  );
  return elided.length <= MAX_ERROR_TEXT_CHARS
    ? elided
    : `${elided.slice(0, MAX_ERROR_TEXT_CHARS)}… (${elided.length} characters)`;
}

/**
 * What a thrown value that is not an `Error` (or one with no message) says. The embedded database throws
 * such objects: Emscripten's file system throws `{ name: 'ErrnoError', errno: 51 }` — a full disk — with no
 * message, which `String()` prints as "[object Object]". Named by its system error code and that code's
 * message ("ENOSPC: no space left on device"), else by its message, else by its kind and keys (never its
 * values, which may hold what a user sent).
 */
export function describeThrown(value: unknown): string {
  if (typeof value !== 'object' || value === null) return String(value);
  const { message, name } = value as { message?: unknown; name?: unknown };
  if (typeof message === 'string' && message !== '') return message;
  const code = systemErrorCode(value);
  if (code !== undefined) return `${code}: ${systemErrorMessage(code)}`;
  const kind = typeof name === 'string' && name !== '' ? name : value.constructor?.name;
  const keys = Object.keys(value);
  if (kind === undefined) return 'a thrown object';
  return keys.length === 0 ? kind : `${kind} (${keys.join(', ')})`;
}

/**
 * Emscripten's errno numbers (WASI's, not the host's: ENOSPC is 51 there, 28 on Linux) for what a data dir
 * can meet, as PGlite's `ERRNO_CODES` maps them.
 */
const EMSCRIPTEN_ERRNO: Readonly<Record<number, string>> = {
  2: 'EACCES',
  8: 'EBADF',
  10: 'EBUSY',
  19: 'EDQUOT',
  20: 'EEXIST',
  22: 'EFBIG',
  28: 'EINVAL',
  29: 'EIO',
  31: 'EISDIR',
  32: 'ELOOP',
  33: 'EMFILE',
  37: 'ENAMETOOLONG',
  41: 'ENFILE',
  44: 'ENOENT',
  48: 'ENOMEM',
  51: 'ENOSPC',
  52: 'ENOSYS',
  54: 'ENOTDIR',
  55: 'ENOTEMPTY',
  63: 'EPERM',
  69: 'EROFS',
};

/** `ENOSPC` from a Node-style `{ code }` or an Emscripten `ErrnoError`; undefined when it names none. */
function systemErrorCode(value: object): string | undefined {
  const { code, errno, name } = value as { code?: unknown; errno?: unknown; name?: unknown };
  if (typeof code === 'string' && /^E[A-Z0-9]+$/.test(code)) return code;
  if (name === 'ErrnoError' && typeof errno === 'number')
    return EMSCRIPTEN_ERRNO[errno] ?? `ErrnoError ${errno}`;
  return undefined;
}

/** The host's text for a code ("no space left on device"), or a plain phrase when it has none. */
function systemErrorMessage(code: string): string {
  const errno = (constants.errno as Record<string, number | undefined>)[code];
  // getSystemErrorMessage is Node ≥ 22.12 (the engines field allows earlier 22s).
  if (errno === undefined || typeof getSystemErrorMessage !== 'function') return 'system error';
  return getSystemErrorMessage(-errno);
}
