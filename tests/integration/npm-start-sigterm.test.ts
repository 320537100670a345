import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanReportSchema } from '../../lambdas/src/http/schemas.ts';
import { start, stop } from '../support/npm-start.ts';

const PHOTO = new URL('../fixtures/images/photo.jpg', import.meta.url);

describe('npm start stopped while a scan is in flight', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'lotus-sigterm-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('answers the scan in full after SIGTERM, then exits 0', async () => {
    const server = await start({ LOTUS_DATA_DIR: dataDir });
    const photo = await readFile(PHOTO);
    let answeredAt = 0;
    const answer = fetch(`${server.url}/api/scan`, {
      method: 'POST',
      headers: { 'Content-Type': 'image/jpeg' },
      body: photo,
    }).then(async (response) => {
      const body = await response.json();
      answeredAt = performance.now();
      return { status: response.status, body };
    });
    // The photo is uploaded and being read (a photo scan takes seconds here) when the signal comes.
    await new Promise((resolve) => setTimeout(resolve, 500));

    const signalledAt = performance.now();
    const exited = stop(server.child, 'SIGTERM');
    const { status, body } = await answer;

    expect(answeredAt).toBeGreaterThan(signalledAt);
    expect(status).toBe(200);
    expect(scanReportSchema.parse(body).ingredients.length).toBeGreaterThan(0);
    expect(await exited).toBe(0);
    expect(server.output()).toContain('"message":"shutting down"');
  });
});
