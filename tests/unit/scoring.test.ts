import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  hasManyUnknowns,
  type OverallRiskLevel,
  type RiskSummary,
  type ScoredIngredient,
  summarizeRisk,
} from '../../lambdas/src/domain/scoring.ts';
import type { ReportedRisk } from '../../lambdas/src/domain/types.ts';

/** One ingredient per level, named after its level and position. */
const list = (...levels: ReportedRisk[]): ScoredIngredient[] =>
  levels.map((risk_level, index) => ({
    name: `${risk_level} ${index + 1}`,
    position: index + 1,
    risk_level,
  }));

const repeat = (level: ReportedRisk, count: number): ReportedRisk[] =>
  Array.from({ length: count }, () => level);

describe('summarizeRisk: the worst ingredient sets the band', () => {
  it('counts every level and names the drivers with their positions', () => {
    const summary = summarizeRisk(list('low', 'high', 'medium', 'high', 'unknown'));

    expect(summary.counts).toEqual({ high: 2, medium: 1, low: 1, unknown: 1 });
    expect(summary.overall_risk_level).toBe('high');
    expect(summary.basis).toBe('high_ingredient');
    expect(summary.drivers).toEqual([
      { name: 'high 2', risk_level: 'high', position: 2 },
      { name: 'high 4', risk_level: 'high', position: 4 },
    ]);
  });

  it.each([
    // The example: two high-risk ingredients among lows read "caution" (84) under the old rule.
    [['high', 'high', ...repeat('low', 8)], 'high', 20],
    [['high', ...repeat('low', 20)], 'high', 25],
    [repeat('high', 12), 'high', 0],
    [['medium', ...repeat('low', 9)], 'caution', 50],
    [['medium', 'medium', 'unknown', ...repeat('low', 9)], 'caution', 45],
    [repeat('medium', 30), 'caution', 26],
    [repeat('low', 5), 'low', 100],
    [['unknown', ...repeat('low', 5)], 'low', 98],
  ] as const)('%j → %s, score %i', (levels, level, score) => {
    const summary = summarizeRisk(list(...levels));
    expect(summary.overall_risk_level).toBe(level);
    expect(summary.risk_score).toBe(score);
  });

  it('gives the worked examples of the README', () => {
    const pad = list('low', 'low', 'medium', 'low', 'low');
    expect(summarizeRisk(pad)).toMatchObject({ overall_risk_level: 'caution', risk_score: 50 });
    expect(summarizeRisk([...pad, ...list('high')])).toMatchObject({
      overall_risk_level: 'high',
      risk_score: 22,
    });
    expect(summarizeRisk(list('low', 'unknown'))).toMatchObject({
      overall_risk_level: 'caution',
      risk_score: 50,
    });
    expect(summarizeRisk(list('low', 'unknown', 'low', 'low', 'low'))).toMatchObject({
      overall_risk_level: 'low',
      risk_score: 98,
    });
  });

  it('is never low with more than a third unknown: caution, driven by the unknowns', () => {
    const summary = summarizeRisk(list('unknown', 'low', 'unknown', 'low', 'low'));

    expect(summary).toMatchObject({ overall_risk_level: 'caution', basis: 'many_unknown', risk_score: 48 });
    expect(summary.drivers.map((driver) => driver.position)).toEqual([1, 3]);
    // Exactly a third is not more than a third.
    expect(summarizeRisk(list('unknown', 'low', 'low')).overall_risk_level).toBe('low');
    expect(summarizeRisk(list('unknown')).overall_risk_level).toBe('caution');
  });

  it('is never low when the list may be incomplete, and names no driver then', () => {
    const summary = summarizeRisk(list('low', 'low'), { incomplete: true });
    expect(summary).toMatchObject({
      overall_risk_level: 'caution',
      basis: 'incomplete_list',
      risk_score: 50,
    });
    expect(summary.drivers).toEqual([]);
    // A worse band is kept: incompleteness never lightens a verdict.
    expect(summarizeRisk(list('high'), { incomplete: true }).overall_risk_level).toBe('high');
  });

  it('calls an empty list caution, never low', () => {
    expect(summarizeRisk([]).overall_risk_level).toBe('caution');
  });

  it('keeps every score inside its band', () => {
    fc.assert(
      fc.property(levelsArbitrary, fc.boolean(), (levels, incomplete) => {
        const { overall_risk_level, risk_score } = summarizeRisk(list(...levels), { incomplete });
        const [floor, ceiling] = BANDS[overall_risk_level];
        expect(risk_score).toBeGreaterThanOrEqual(floor);
        expect(risk_score).toBeLessThanOrEqual(ceiling);
      }),
    );
  });
});

describe('summarizeRisk properties', () => {
  const risky = fc.constantFrom<ReportedRisk>('high', 'medium', 'unknown');

  it('adding a high, medium or unknown ingredient never improves the verdict', () => {
    fc.assert(
      fc.property(levelsArbitrary, risky, fc.nat(), fc.boolean(), (levels, added, at, incomplete) => {
        const index = at % (levels.length + 1);
        const withIt = [...levels.slice(0, index), added, ...levels.slice(index)];
        expectNoBetter(
          summarizeRisk(list(...withIt), { incomplete }),
          summarizeRisk(list(...levels), { incomplete }),
        );
      }),
    );
  });

  it('removing a high, medium or unknown ingredient never worsens the verdict', () => {
    fc.assert(
      fc.property(levelsArbitrary, fc.nat(), fc.boolean(), (levels, at, incomplete) => {
        const risks = levels.flatMap((level, index) => (level === 'low' ? [] : [index]));
        fc.pre(risks.length > 0);
        const index = risks[at % risks.length] as number;
        const without = levels.filter((_, i) => i !== index);
        expectNoBetter(
          summarizeRisk(list(...levels), { incomplete }),
          summarizeRisk(list(...without), { incomplete }),
        );
      }),
    );
  });

  it('a high-risk ingredient always makes the product high, whatever else is listed', () => {
    fc.assert(
      fc.property(levelsArbitrary, fc.boolean(), (levels, incomplete) => {
        expect(summarizeRisk(list(...levels, 'high'), { incomplete }).overall_risk_level).toBe('high');
      }),
    );
  });
});

describe('hasManyUnknowns', () => {
  it('warns from a third of the list, with at least two unknowns', () => {
    expect(hasManyUnknowns(['unknown', 'unknown', 'low', 'low', 'low', 'low'])).toBe(true);
    expect(hasManyUnknowns(['unknown', 'unknown', 'low', 'low', 'low', 'low', 'low'])).toBe(false);
    expect(hasManyUnknowns(['unknown'])).toBe(false);
  });
});

const levelsArbitrary = fc.array(fc.constantFrom<ReportedRisk>('high', 'medium', 'low', 'unknown'), {
  maxLength: 40,
});

const BANDS: Readonly<Record<OverallRiskLevel, readonly [number, number]>> = {
  high: [0, 25],
  caution: [26, 50],
  low: [51, 100],
};

const SEVERITY: Readonly<Record<OverallRiskLevel, number>> = { low: 0, caution: 1, high: 2 };

/** `worse` is at least as severe as `better`, and scores no higher. */
function expectNoBetter(worse: RiskSummary, better: RiskSummary): void {
  expect(SEVERITY[worse.overall_risk_level]).toBeGreaterThanOrEqual(SEVERITY[better.overall_risk_level]);
  expect(worse.risk_score).toBeLessThanOrEqual(better.risk_score);
}
