import { describe, expect, it } from 'vitest';
import { DependencyUnavailableError } from '../../lambdas/src/domain/errors.ts';
import { errorToResponse } from '../../lambdas/src/http/errors.ts';

function retryAfter(seconds: number | undefined): number {
  return new DependencyUnavailableError('database', 'Down', { retryAfterSeconds: seconds }).retryAfterSeconds;
}

describe('DependencyUnavailableError.retryAfterSeconds', () => {
  it('keeps a sane number of seconds as given', () => {
    expect([1, 7, 20, 300].map(retryAfter)).toEqual([1, 7, 20, 300]);
  });

  it('defaults to 5 seconds when no number is given', () => {
    expect([undefined, Number.NaN].map(retryAfter)).toEqual([5, 5]);
  });

  it('clamps absurd values to whole seconds in [1, 300]', () => {
    expect([1e23, 99_999_999_999, Number.POSITIVE_INFINITY].map(retryAfter)).toEqual([300, 300, 300]);
    expect([0, -5, Number.NEGATIVE_INFINITY, 0.001].map(retryAfter)).toEqual([1, 1, 1, 1]);
    expect(retryAfter(2.2)).toBe(3);
  });

  it('never writes an exponent, a fraction or zero into the Retry-After header', () => {
    for (const seconds of [1e23, 0, -1, 2.5, Number.POSITIVE_INFINITY]) {
      const error = new DependencyUnavailableError('embeddings', 'Busy', { retryAfterSeconds: seconds });
      const header = errorToResponse(error, 'req-1').headers['Retry-After'];
      expect(header).toMatch(/^[1-9]\d{0,2}$/);
      expect(Number(header)).toBeLessThanOrEqual(300);
    }
  });
});
