import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { start, stop } from '../support/npm-start.ts';

describe('npm start', () => {
  let dataDir: string;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'lotus-start-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  it('creates, migrates and seeds the data dir, then serves /health, /ready and scans', async () => {
    const server = await start({ LOTUS_DATA_DIR: dataDir });
    try {
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
      expect((await fetch(`${server.url}/ready`)).status).toBe(200);
      const scan = await fetch(`${server.url}/api/scan`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ text: 'Ingredients: Aqua, Glycerin, Parfum' }),
      });
      const report = (await scan.json()) as { ingredients: { match: { name: string } | null }[] };
      expect(report.ingredients.map((item) => item.match?.name)).toEqual(['Water', 'Glycerin', 'Fragrance']);
      expect(server.output()).toMatch(/"migrations_applied":[1-9]/);
    } finally {
      expect(await stop(server.child, 'SIGTERM')).toBe(0);
    }
  });

  it('reopens the same data dir after a SIGINT, intact, without re-seeding', async () => {
    const server = await start({ LOTUS_DATA_DIR: dataDir });
    try {
      const ready = await fetch(`${server.url}/ready`);
      expect(ready.status).toBe(200);
      expect(server.output()).toContain('"migrations_applied":0');
      expect(server.output()).toContain('"seeded":{"inserted":0,"updated":0,"removed":0}');
    } finally {
      expect(await stop(server.child, 'SIGINT')).toBe(0);
    }
  });
});
