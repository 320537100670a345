import { describe, expect, it } from 'vitest';
import {
  alignByEntry,
  alignIngredients,
  closeness,
  type Expected,
  type ExpectedLabel,
  expectedEntry,
  isCoreOf,
  libraryIndex,
  normalizeLabelName,
  panelFullyRead,
  type ReportItem,
  type ReportView,
  scoreLabel,
  summarize,
} from '../../bench/lib/label-score.ts';

// A synthetic library and synthetic labels: these examples test the scorer, not the scan.
const library = libraryIndex([
  { name: 'Water', aliases: ['Aqua', 'Purified Water'] },
  { name: 'Glycerin', aliases: ['Glycerol'] },
  { name: 'Sodium Lactate', aliases: [] },
  { name: 'Miconazole Nitrate', aliases: [] },
  { name: 'Benzoic Acid', aliases: [] },
  { name: 'Chlorine Bleaching', aliases: [] },
]);

const expected = (printed: string, name = printed, role: Expected['role'] = 'ingredient'): Expected => ({
  printed,
  name,
  role,
});
const item = (name: string, entry: string | null, role?: string): ReportItem => ({
  name,
  match: entry === null ? null : { name: entry },
  ...(role === undefined ? {} : { role }),
});
const report = (ingredients: ReportItem[], extra: Partial<ReportView> = {}): ReportView => ({
  ingredients,
  summary: { overall_risk_level: 'low' },
  warnings: [],
  ...extra,
});
const label = (ingredients: Expected[], claims?: string[]): ExpectedLabel => ({
  id: 'synthetic',
  kind: 'inci',
  ingredients,
  ...(claims ? { claims } : {}),
});
const score = (
  ingredients: Expected[],
  items: ReportItem[],
  extra: Partial<ReportView> = {},
  claims?: string[],
) => scoreLabel(label(ingredients, claims), { status: 200, report: report(items, extra) }, library);

describe('normalizeLabelName', () => {
  it('drops case, accents, punctuation, strengths and pharmacopoeia marks', () => {
    expect(normalizeLabelName('Miconazole Nitrate 2% w/w, USP')).toBe('miconazole nitrate');
    expect(normalizeLabelName('Glycérine (100 mg/g)')).toBe('glycerine');
    expect(normalizeLabelName('Polysorbate 20')).toBe('polysorbate 20');
  });

  it('keeps the letters of every script, so that a Cyrillic name aligns with itself', () => {
    expect(normalizeLabelName('Вода очищенная')).toBe('вода очищенная');
    expect(normalizeLabelName('Προπυλενογλυκόλη 5%')).toBe('προπυλενογλυκολη');
  });
});

describe('expectedEntry', () => {
  it('finds the entry of a standard name, or of either half of "name (synonym)"', () => {
    expect(expectedEntry('Glycerol', library)).toBe('Glycerin');
    expect(expectedEntry('Water (aqua)', library)).toBe('Water');
    expect(expectedEntry('Polyamide (Glycerin)', library)).toBe('Glycerin');
    expect(expectedEntry('Nylon (polyamide)', library)).toBeNull();
  });
});

describe('closeness', () => {
  it('accepts equal names, a few edits in a long name, and a containment covering 80%', () => {
    expect(closeness('sodium laureth sulfate', 'sodium laureth sulfate')).toBe(0);
    expect(closeness('sodium laureth sulfate', 'sodium laureth sulphate')).toBe(1);
    expect(closeness('sodium hyaluronate', 'sodium hyaluronate gel')).toBe(2);
  });

  it('keeps short names and small containments apart', () => {
    expect(closeness('pp', 'pe')).toBeNull();
    expect(closeness('water', 'purified water')).toBeNull();
    expect(closeness('glycerin', 'glycerin rinse well after use')).toBeNull();
  });
});

describe('scoreLabel', () => {
  it('counts an aligned item matched to its library entry as right, by alias and by a parenthesised name', () => {
    const result = score(
      [expected('Aqua (Water)', 'Water'), expected('glycerin', 'Glycerin')],
      [item('Aqua', 'Water'), item('Glycerin', 'Glycerin')],
    );

    expect(result.occurrences.map((occurrence) => occurrence.outcome)).toEqual(['right', 'right']);
    expect(result.phantoms).toEqual([]);
  });

  it('counts an item matched to another entry as a wrong entry', () => {
    const result = score([expected('Sodium Lactate')], [item('Sodium Lactate', 'Glycerin')]);

    expect(result.occurrences[0]?.outcome).toBe('wrong_entry');
  });

  it('counts unknown as right where the library lacks the ingredient, and a match there as a wrong entry', () => {
    const unknown = score([expected('Sodium Acetate')], [item('Sodium Acetate', null)]);
    const crossed = score([expected('Sodium Acetate')], [item('Sodium Acetate', 'Sodium Lactate')]);

    expect(unknown.occurrences[0]?.outcome).toBe('right');
    expect(crossed.occurrences[0]?.outcome).toBe('wrong_entry');
  });

  it('counts unknown as left unknown where the library has the ingredient', () => {
    const result = score([expected('Glycerin')], [item('Glycerin', null)]);

    expect(result.occurrences[0]?.outcome).toBe('left_unknown');
  });

  it('counts an expected ingredient without a report item as missed, and a report item off the label as a phantom', () => {
    const result = score(
      [expected('Water'), expected('Glycerin')],
      [item('Water', 'Water'), item('Dermatologically tested', null)],
    );

    expect(result.occurrences.map((occurrence) => occurrence.outcome)).toEqual(['right', 'missed']);
    expect(result.phantoms).toEqual(['Dermatologically tested']);
  });

  it('misses every ingredient of a label answered 422 or with another error, and counts each by status', () => {
    const none = scoreLabel(label([expected('Water')]), { status: 422, report: null }, library);
    const tooLong = scoreLabel(label([expected('Water')]), { status: 413, report: null }, library);

    expect([none, tooLong].map((result) => result.occurrences[0]?.outcome)).toEqual(['missed', 'missed']);
    expect(summarize([none, tooLong])).toMatchObject({ noIngredients: 1, errors: { 413: 1 }, missed: 2 });
  });

  it('checks roles on a Drug Facts panel, reading a missing role as ingredient', () => {
    const panel = [
      expected('Miconazole nitrate 2%', 'Miconazole Nitrate', 'active'),
      expected('benzoic acid', 'Benzoic Acid', 'inactive'),
    ];
    const withRoles = score(panel, [
      item('Miconazole nitrate', 'Miconazole Nitrate', 'active'),
      item('benzoic acid', 'Benzoic Acid', 'inactive'),
    ]);
    const withoutRoles = score(panel, [
      item('Miconazole nitrate', 'Miconazole Nitrate'),
      item('benzoic acid', 'Benzoic Acid', 'inactive'),
    ]);

    expect(panelFullyRead(withRoles)).toBe(true);
    expect(panelFullyRead(withoutRoles)).toBe(false);
    expect(summarize([withoutRoles]).roles).toEqual({ checked: 2, right: 1 });
    expect(withoutRoles.occurrences.map((occurrence) => occurrence.outcome)).toEqual(['right', 'right']);
  });

  it('does not read a panel whose inactive ingredients were dropped as fully read', () => {
    const result = score(
      [
        expected('Miconazole nitrate', 'Miconazole Nitrate', 'active'),
        expected('benzoic acid', 'Benzoic Acid', 'inactive'),
      ],
      [item('Miconazole nitrate', 'Miconazole Nitrate', 'active')],
    );

    expect(panelFullyRead(result)).toBe(false);
  });

  it('checks no roles on a label without actives or inactives', () => {
    const result = score([expected('Water')], [item('Water', 'Water', 'inactive')]);

    expect(summarize([result]).roles).toEqual({ checked: 0, right: 0 });
    expect(summarize([result]).panels).toEqual({ total: 0, fullyRead: 0 });
  });

  it('finds expected claims among the reported claims and counts claims reported as ingredients', () => {
    const claims = ['No chlorine bleaching', 'BPA-free'];
    const reported = score(
      [expected('Cotton')],
      [item('Cotton', null)],
      { claims: [{ text: 'no chlorine bleaching' }] },
      claims,
    );
    const asIngredients = score(
      [expected('Cotton')],
      [item('Cotton', null), item('Chlorine Bleaching', 'Chlorine Bleaching'), item('BPA', null)],
      {},
      claims,
    );

    expect(reported.claims.found).toEqual(['No chlorine bleaching']);
    expect(asIngredients.claims.found).toEqual([]);
    expect(asIngredients.claims.asIngredients).toEqual(['Chlorine Bleaching', 'BPA']);
    expect(asIngredients.phantoms).toHaveLength(2);
  });

  it('counts the verdict and the list_may_be_incomplete warning', () => {
    const figures = summarize([
      score([expected('Water')], [item('Water', 'Water')], {
        summary: { overall_risk_level: 'caution' },
        warnings: ['list_may_be_incomplete'],
      }),
      score([expected('Water')], [item('Water', 'Water')]),
    ]);

    expect(figures.verdicts).toEqual({ caution: 1, low: 1 });
    expect(figures.incomplete).toBe(1);
  });
});

describe('alignIngredients', () => {
  it('pairs one to one in list order and treats a repeated name as a repeat, not a phantom', () => {
    const alignment = alignIngredients(
      [expected('Polypropylene'), expected('Cellulose')],
      [item('Polypropylene', null), item('Cellulose', null), item('Polypropylene', null)],
    );

    expect(alignment.itemOf).toEqual([0, 1]);
    expect(alignment.repeats).toEqual([2]);
    expect(alignment.phantoms).toEqual([]);
  });

  it('prefers the exact name over a close one', () => {
    const alignment = alignIngredients(
      [expected('Steareth-21'), expected('Steareth-2')],
      [item('Steareth-2', null), item('Steareth-21', null)],
    );

    expect(alignment.itemOf).toEqual([1, 0]);
  });
});

describe('isCoreOf (loosest alignment)', () => {
  it('aligns a name read without some of its printed qualifiers, same head noun, same word order', () => {
    expect(isCoreOf('medical grade silicone', 'dye free medical grade silicone')).toBe(true);
    expect(isCoreOf('organic cotton', 'certified organic 100 cotton')).toBe(true);
  });

  it('never aligns another head noun, another order, or the whole name (that is closeness, not a core)', () => {
    expect(isCoreOf('cotton fleece', 'organic cotton')).toBe(false);
    expect(isCoreOf('cotton organic', 'organic cotton')).toBe(false);
    expect(isCoreOf('organic cotton', 'organic cotton')).toBe(false);
  });
});

describe('alignByEntry (last pass)', () => {
  const library = libraryIndex([{ name: 'Xanthan Gum', aliases: [] }]);
  it('pairs a missed ingredient with a phantom matched to exactly its entry', () => {
    const expected = [{ printed: 'xanthan gum', name: 'Xanthan Gum', role: 'ingredient' as const }];
    const items = [{ name: 'Keltrol CG', match: { name: 'Xanthan Gum' } }];
    const byName = alignIngredients(expected, items);
    expect(byName.itemOf).toEqual([null]);
    expect(alignByEntry(expected, items, byName, library)).toEqual({ itemOf: [0], phantoms: [] });
  });

  it('never pairs an ingredient the library lacks, nor a phantom matched to another entry', () => {
    const expected = [
      { printed: 'Tremella extract', name: 'Tremella Fuciformis Extract', role: 'ingredient' as const },
    ];
    const items = [{ name: 'Keltrol CG', match: { name: 'Xanthan Gum' } }];
    const byName = alignIngredients(expected, items);
    expect(alignByEntry(expected, items, byName, library)).toEqual({ itemOf: [null], phantoms: [0] });
  });
});
