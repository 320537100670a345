import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Runs tasks one at a time, each in its own turn of the event loop. An in-process database runs every
 * query on this thread and starts the next queued one as soon as the last ends: queries of several
 * requests then hold the loop back to back, and nothing else (a `/health`, a timer) runs until all are
 * done. Here the next task starts only after the loop has polled for I/O once.
 */
export function makeTurns(): <T>(task: () => Promise<T>) => Promise<T> {
  let last: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = last.then(
      () => nextTurn().then(task),
      () => nextTurn().then(task),
    );
    last = run.catch(() => undefined);
    return run;
  };
}
