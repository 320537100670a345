import { expect } from 'vitest';
import { DependencyUnavailableError } from '../../lambdas/src/domain/errors.ts';

/** Awaits `action`, expecting it to reject with a DependencyUnavailableError naming `dependency`; returns it. */
export async function dependencyFailure(
  action: Promise<unknown>,
  dependency: string,
): Promise<DependencyUnavailableError> {
  const error = await action.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(DependencyUnavailableError);
  expect((error as DependencyUnavailableError).dependency).toBe(dependency);
  return error as DependencyUnavailableError;
}
