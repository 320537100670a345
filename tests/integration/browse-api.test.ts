import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { catalogIngredientSchema, catalogPageSchema, errorSchema } from '../../lambdas/src/http/schemas.ts';
import { loadLibraryFile } from '../../lambdas/src/library/library-file.ts';
import { type LocalApi, libraryDataRuntime, startLocalApi } from '../support/local-api.ts';

describe('the browse API over the embedded library', () => {
  let api: LocalApi;
  let librarySize: number;

  beforeAll(async () => {
    const data = await libraryDataRuntime();
    api = await startLocalApi(async () => data);
    librarySize = (await loadLibraryFile()).ingredients.length;
  });
  afterAll(() => api.close());

  async function page(query: string) {
    const response = await fetch(`${api.url}/api/ingredients${query}`);
    expect(response.status, await response.clone().text()).toBe(200);
    return catalogPageSchema.parse(await response.json());
  }

  async function badRequest(path: string) {
    const response = await fetch(`${api.url}${path}`);
    expect(response.status).toBe(400);
    return errorSchema.parse(await response.json()).error;
  }

  it('lists the library 20 at a time, ordered by name, with the total', async () => {
    const first = await page('');

    expect(first.total).toBe(librarySize);
    expect(first.items).toHaveLength(20);
    expect(first).toMatchObject({ limit: 20, offset: 0 });
    const names = first.items.map((item) => item.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('pages without gaps or overlaps, and answers an empty page past the end with the total', async () => {
    const one = await page('?limit=7&offset=0');
    const two = await page('?limit=7&offset=7');
    const both = await page('?limit=14&offset=0');
    const past = await page(`?offset=${librarySize + 10}`);

    expect([...one.items, ...two.items].map((item) => item.id)).toEqual(both.items.map((item) => item.id));
    expect(past).toMatchObject({ items: [], total: librarySize });
  });

  it('filters by risk level and category', async () => {
    const high = await page('?risk_level=high&limit=100');
    const preservatives = await page('?category=preservative&limit=100');

    expect(high.total).toBeGreaterThan(0);
    expect(high.items.every((item) => item.risk_level === 'high')).toBe(true);
    expect(preservatives.items.every((item) => item.category === 'preservative')).toBe(true);
    expect(preservatives.items.map((item) => item.name)).toContain('Phenoxyethanol');
  });

  it('searches names and aliases, ignoring case and punctuation', async () => {
    expect((await page('?q=AQUA')).items.map((item) => item.name)).toContain('Water');
    expect((await page('?q=ci%2077891')).items.map((item) => item.name)).toEqual(['Titanium Dioxide']);
    expect((await page('?q=paraben&limit=100')).items.map((item) => item.name)).toEqual(
      expect.arrayContaining(['Methylparaben', 'Propylparaben', 'Butylparaben', 'Ethylparaben']),
    );
    expect(await page('?q=%25%25_')).toMatchObject({ total: librarySize });
  });

  it('shows one entry with its sources', async () => {
    const { items } = await page('?q=Talc');
    const talc = items.find((item) => item.name === 'Talc');

    const response = await fetch(`${api.url}/api/ingredients/${talc?.id}`);

    expect(response.status).toBe(200);
    const entry = catalogIngredientSchema.parse(await response.json());
    expect(entry.name).toBe('Talc');
    expect(entry.sources.length).toBeGreaterThan(0);
  });

  it('answers 404 for an id that does not exist', async () => {
    const response = await fetch(`${api.url}/api/ingredients/987654`);
    expect(response.status).toBe(404);
    expect(errorSchema.parse(await response.json()).error.code).toBe('not_found');
  });

  it.each([
    ['a word', '/api/ingredients/abc'],
    ['a fraction', '/api/ingredients/1.5'],
    ['zero', '/api/ingredients/0'],
    ['a huge number', '/api/ingredients/99999999999999999999'],
  ])('answers 400 for an id that is %s', async (_, path) => {
    expect((await badRequest(path)).code).toBe('invalid_request');
  });

  it.each([
    ['an unknown risk level', '?risk_level=extreme', 'risk_level'],
    ['an unknown category', '?category=magic', 'category'],
    ['limit 0', '?limit=0', 'limit'],
    ['limit over 100', '?limit=101', 'limit'],
    ['a negative offset', '?offset=-1', 'offset'],
    ['an unknown parameter', '?sort=name', 'sort'],
    ['a repeated parameter', '?limit=5&limit=6', 'limit'],
  ])('answers 400 naming the parameter for %s', async (_, query, name) => {
    const error = await badRequest(`/api/ingredients${query}`);
    expect(error.message).toContain(`"${name}"`);
  });
});
