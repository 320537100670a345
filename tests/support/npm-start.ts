import { type ChildProcess, spawn } from 'node:child_process';
import { repoRoot } from '../../lambdas/src/config/config.ts';

export interface Started {
  readonly child: ChildProcess;
  readonly url: string;
  /** Everything the process wrote so far (stdout and stderr). */
  readonly output: () => string;
}

/**
 * Runs `npm start`'s entry point as its own process, as a developer would, and waits for its URL.
 * `env` is added to this process's environment (PORT 0, LOG_LEVEL INFO unless given).
 */
export function start(env: Record<string, string>): Promise<Started> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'lambdas/src/cli/start.ts'], {
    cwd: repoRoot,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'INFO', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const url = /listening on (http:\/\/localhost:\d+)/.exec(output)?.[1];
      if (url) resolve({ child, url, output: () => output });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
  });
}

/** Sends `signal` and resolves with the exit code. */
export function stop(child: ChildProcess, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    if (child.exitCode !== null) {
      resolve(child.exitCode);
      return;
    }
    child.on('exit', (code) => resolve(code));
    child.kill(signal);
  });
}
