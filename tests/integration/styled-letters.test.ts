import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scanReportSchema } from '../../lambdas/src/http/schemas.ts';
import { type LocalApi, libraryDataRuntime, startLocalApi } from '../support/local-api.ts';

/** Text pasted from a "fancy text" generator or a CJK keyboard: the same letters in other code points. */
const STYLED_LABEL = 'Ingredients: 𝐂𝐨𝐭𝐭𝐨𝐧, Ｐｏｌｙｐｒｏｐｙｌｅｎｅ';

describe('a label printed in styled letters, scanned over the embedded library', () => {
  let api: LocalApi;

  beforeAll(async () => {
    const data = await libraryDataRuntime();
    api = await startLocalApi(async () => data);
  });
  afterAll(() => api.close());

  it('reads mathematical bold and full-width names as the plain names and identifies both', async () => {
    const response = await fetch(`${api.url}/api/scan`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: STYLED_LABEL }),
    });

    expect(response.status).toBe(200);
    const report = scanReportSchema.parse(await response.json());
    expect(report.ingredients.map((item) => [item.name, item.match?.name])).toEqual([
      ['Cotton', 'Cotton'],
      ['Polypropylene', 'Polypropylene'],
    ]);
    expect(report.summary.counts.unknown).toBe(0);
  });
});
