import { describe, expect, it } from 'vitest';
import { unflattenDrugFacts } from '../../lambdas/src/domain/label/flattened-panel.ts';
import { readLabel } from '../../lambdas/src/domain/label/read-label.ts';

/** A Drug Facts panel as label records and web scrapes give it: every heading run onto one line. */
const FLATTENED =
  'Drug Facts Active ingredient (in each gram) Miconazole nitrate 2% Purpose Vaginal antifungal Uses ' +
  'treats vaginal yeast infections Warnings For vaginal use only. Do not use if you have never had a ' +
  'vaginal yeast infection Directions use one applicatorful at bedtime Other information store at room ' +
  'temperature Inactive ingredients benzoic acid, cetyl alcohol, mineral oil, purified water Questions? 1-800-000-0000';

const read = (text: string) =>
  readLabel(text).ingredients.map((item) => ({
    name: item.name,
    role: item.role,
    ...(item.strength ? { strength: item.strength } : {}),
    ...(item.purpose ? { purpose: item.purpose } : {}),
  }));

describe('a flattened Drug Facts panel', () => {
  it('puts each heading back on a line of its own, the actives’ heading alone on its line', () => {
    expect(unflattenDrugFacts(FLATTENED).split('\n')).toEqual([
      'Drug Facts',
      'Active ingredient (in each gram)',
      'Miconazole nitrate 2%',
      'Purpose Vaginal antifungal',
      'Uses treats vaginal yeast infections',
      'Warnings For vaginal use only. Do not use if you have never had a vaginal yeast infection',
      'Directions use one applicatorful at bedtime',
      'Other information store at room temperature',
      'Inactive ingredients benzoic acid, cetyl alcohol, mineral oil, purified water',
      'Questions? 1-800-000-0000',
    ]);
  });

  it('reads its active with strength and purpose, and its whole inactive list', () => {
    expect(read(FLATTENED)).toEqual([
      { name: 'Miconazole nitrate', role: 'active', strength: '2%', purpose: 'Vaginal antifungal' },
      { name: 'benzoic acid', role: 'inactive' },
      { name: 'cetyl alcohol', role: 'inactive' },
      { name: 'mineral oil', role: 'inactive' },
      { name: 'purified water', role: 'inactive' },
    ]);
  });

  it('keeps the actives’ table headings "Active ingredients Purpose" together', () => {
    const text =
      'Active ingredients Purpose Clotrimazole 1% Vaginal antifungal Uses treats yeast infections ' +
      'Inactive ingredients benzyl alcohol, cetostearyl alcohol, water';
    expect(unflattenDrugFacts(text).split('\n').slice(0, 2)).toEqual([
      'Active ingredients Purpose',
      'Clotrimazole 1% Vaginal antifungal',
    ]);
    expect(read(text).map((item) => [item.name, item.role])).toEqual([
      ['Clotrimazole', 'active'],
      ['benzyl alcohol', 'inactive'],
      ['cetostearyl alcohol', 'inactive'],
      ['water', 'inactive'],
    ]);
  });

  it('leaves lines alone that are not a panel: fewer than three headings, or words inside a sentence', () => {
    const prose = 'Directions: Use daily. Warnings keep away from eyes. Ingredients: Aqua, Glycerin.';
    expect(unflattenDrugFacts(prose)).toBe(prose);
    const lowercase =
      'Do not use more than directed; uses and warnings are on the box. Active ingredient list below.';
    expect(unflattenDrugFacts(lowercase)).toBe(lowercase);
  });
});
