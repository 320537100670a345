import { existsSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../config/config.ts';

/** Local entry points read `.env` at the repository root when there is one (Lambda never does). */
export function loadDotEnv(): void {
  const file = path.join(repoRoot, '.env');
  if (existsSync(file)) process.loadEnvFile(file);
}
