import { mkdir } from 'node:fs/promises';
import { lockDataDir } from '../../lambdas/src/db/data-dir-lock.ts';

/*
 * A process that holds a data dir's lock as `npm start` does, without the seconds PGlite takes to open:
 * `node --import tsx tests/support/hold-data-dir.ts <dataDir>` prints "locked", then exits (releasing it)
 * when its stdin closes.
 */
const dataDir = process.argv[2];
if (dataDir === undefined) throw new Error('usage: hold-data-dir.ts <dataDir>');
await mkdir(dataDir, { recursive: true });
await lockDataDir(dataDir);
console.log('locked');
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
