/** The native tesseract CLI (Debian `tesseract-ocr`), the yardstick the photo bench compares against. */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { defaultLangPath } from '../../lambdas/src/adapters/tesseract-reader.ts';

/** The page segmentation our reader uses (automatic), so both engines do the same work. */
export const CLI_PSM = '3';

/** The CLI's version line, or null when it is not on PATH. */
export function tesseractVersion(): string | null {
  const probe = spawnSync('tesseract', ['--version'], { encoding: 'utf8' });
  if (probe.error !== undefined || probe.status !== 0) return null;
  return `${probe.stdout}${probe.stderr}`.split('\n')[0]?.trim() ?? 'tesseract';
}

/**
 * The reader's own language data (`4.0.0_best_int`), unpacked for the CLI, so that one comparison
 * differs only in the engine (native vs wasm) and the preprocessing.
 */
export function unpackReaderModel(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lotus-tessdata-'));
  const packed = readFileSync(path.join(defaultLangPath(), 'eng.traineddata.gz'));
  writeFileSync(path.join(dir, 'eng.traineddata'), gunzipSync(packed));
  return dir;
}

/** Reads `file` with one OpenMP thread (the native engine at its fastest on two cores). */
export function runTesseract(file: string, tessdataDir?: string): Promise<{ text: string; ms: number }> {
  const env = { ...process.env, OMP_THREAD_LIMIT: '1' };
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      'tesseract',
      [file, 'stdout', '--psm', CLI_PSM, ...(tessdataDir ? ['--tessdata-dir', tessdataDir] : [])],
      { env, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout) => {
        if (error) reject(error);
        else resolve({ text: stdout, ms: performance.now() - started });
      },
    );
  });
}
