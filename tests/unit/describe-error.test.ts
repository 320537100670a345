import { describe, expect, it } from 'vitest';
import { DependencyUnavailableError } from '../../lambdas/src/domain/errors.ts';
import { describeError } from '../../lambdas/src/shared/describe-error.ts';

/** What PGlite's Emscripten file system throws (its `FS.ErrnoError`): no message, no stack, WASI numbering. */
class ErrnoError {
  name = 'ErrnoError';
  readonly errno: number;
  constructor(errno: number) {
    this.errno = errno;
  }
}

describe('describeError', () => {
  it('names what a full disk throws inside the embedded database (Emscripten ENOSPC is errno 51)', () => {
    expect(describeError(new ErrnoError(51))).toBe('ENOSPC: no space left on device');
  });

  it('names it when it is the cause the startup failure prints', () => {
    const error = new DependencyUnavailableError('database', 'The ingredient library is unavailable.', {
      cause: new ErrnoError(51),
    });
    expect(describeError(error)).toBe(
      'The ingredient library is unavailable.: ENOSPC: no space left on device',
    );
  });

  it('names Node-style errno objects by their code', () => {
    expect(describeError({ errno: 28, code: 'ENOSPC' })).toBe('ENOSPC: no space left on device');
    expect(describeError({ errno: -13, code: 'EACCES', syscall: 'open' })).toBe('EACCES: permission denied');
  });

  it('names an Error that has a code and no message', () => {
    expect(describeError(Object.assign(new Error(), { code: 'EROFS' }))).toBe('EROFS: read-only file system');
  });

  it('reads the message of a thrown object that has one', () => {
    expect(describeError({ message: 'Aborted(). Build with -sASSERTIONS for more info.' })).toBe(
      'Aborted(). Build with -sASSERTIONS for more info.',
    );
  });

  it('never says [object Object]: an unknown object is named by its kind and keys, not its values', () => {
    const text = describeError({ name: 'WeirdThing', detail: 'user text 123' });
    expect(text).not.toContain('[object Object]');
    expect(text).toBe('WeirdThing (name, detail)');
    expect(describeError({ status: 7 })).toBe('Object (status)');
    expect(describeError(Object.create(null))).toBe('a thrown object');
  });

  it('keeps what it said of errors and primitives', () => {
    expect(describeError(new Error('outer', { cause: new Error('inner') }))).toBe('outer: inner');
    expect(describeError('plain text')).toBe('plain text');
    expect(describeError(42)).toBe('42');
  });
});
