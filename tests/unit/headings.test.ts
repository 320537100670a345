import { describe, expect, it } from 'vitest';
import { HEADING, roleOf } from '../../lambdas/src/domain/label/headings.ts';
import { readLabel } from '../../lambdas/src/domain/label/read-label.ts';

// One heading per language and role, as leaflets and packs print them.
const CASES: ReadonlyArray<readonly [string, 'active' | 'inactive' | 'ingredient']> = [
  ['Active ingredient', 'active'],
  ['Inactive ingredients', 'inactive'],
  ['Ingredients', 'ingredient'],
  ['Also contains', 'inactive'],
  ['Each gram contains', 'active'],
  ['List of excipients', 'inactive'],
  ['Qualitative and quantitative composition', 'active'],
  ['Medicinal ingredients', 'active'],
  ['Non-medicinal ingredients', 'inactive'],
  ['Ingrédients', 'ingredient'],
  ['Principio activo', 'active'],
  ['Excipientes', 'inactive'],
  ['Principi attivi', 'active'],
  ['Eccipienti', 'inactive'],
  ['Wirkstoff', 'active'],
  ['Sonstige Bestandteile', 'inactive'],
  ['Werkzame stof', 'active'],
  ['Hulpstoffen', 'inactive'],
  ['Léčivé látky', 'active'],
  ['Pomocné látky', 'inactive'],
  ['Substancja czynna', 'active'],
  ['Substancje pomocnicze', 'inactive'],
  ['Hatóanyag', 'active'],
  ['Segédanyagok', 'inactive'],
  ['Substanța activă', 'active'],
  ['Excipienți', 'inactive'],
  ['Δραστική ουσία', 'active'],
  ['Έκδοχα', 'inactive'],
  ['Zdravilna učinkovina', 'active'],
  ['Pomožne snovi', 'inactive'],
  ['Діюча речовина', 'active'],
  ['Допоміжні речовини', 'inactive'],
  ['Vaikuttava aine', 'active'],
  ['Apuaineet', 'inactive'],
  ['Materials', 'ingredient'],
  ['Ingr.', 'ingredient'],
];

describe('headings', () => {
  it.each(CASES)('finds "%s:" and gives its list the %s role', (heading, role) => {
    const match = [...`${heading}: x, y`.matchAll(HEADING)][0];
    expect(match?.groups?.name?.replace(/\s+/gu, ' ')).toBe(heading);
    expect(roleOf(heading)).toBe(role);
  });

  it('takes a heading that wraps onto the next line, and never one inside a word or a highlight', () => {
    expect([...'Inactive\ningredients: water'.matchAll(HEADING)][0]?.groups?.name).toBe(
      'Inactive\ningredients',
    );
    expect([...'Key ingredients: aloe'.matchAll(HEADING)]).toEqual([]);
    expect([...'Reingredients: x'.matchAll(HEADING)]).toEqual([]);
  });

  it('takes a maker’s question heading ("What’s in it?") before its list', () => {
    expect(
      readLabel('What’s in it?\nWater, Glycerin, Lactic Acid').ingredients.map(({ name }) => name),
    ).toEqual(['Water', 'Glycerin', 'Lactic Acid']);
  });

  it('reads a multilingual pack’s chained headings as headings, not as an unread list', () => {
    const reading = readLabel('Ingredients | Ingrédients | Ingredienti\nAqua (Water), Glycerin, Lactic Acid');
    expect(reading.ingredients.map(({ name }) => name)).toEqual(['Aqua', 'Glycerin', 'Lactic Acid']);
    expect(reading.incomplete).toBe(false);
  });
});
