import { spawn } from 'node:child_process';
import { repoRoot } from '../../lambdas/src/config/config.ts';

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs one of `lambdas/src/cli/*.ts` as npm would, with `env` added to this process's environment. */
export function runCli(
  script: string,
  args: readonly string[],
  env: Record<string, string>,
): Promise<CliRun> {
  const child = spawn(process.execPath, ['--import', 'tsx', `lambdas/src/cli/${script}`, ...args], {
    cwd: repoRoot,
    env: { ...process.env, LOG_LEVEL: 'WARN', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
