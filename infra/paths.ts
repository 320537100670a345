import { fileURLToPath } from 'node:url';

/** The repository root: handler entries, the lockfile and the bundling files are found from here. */
export const repoRoot = fileURLToPath(new URL('..', import.meta.url));
