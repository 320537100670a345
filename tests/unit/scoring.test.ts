import { describe, expect, it } from 'vitest';
import { hasManyUnknowns, summarizeRisk } from '../../lambdas/src/domain/scoring.ts';
import type { ReportedRisk } from '../../lambdas/src/domain/types.ts';

const repeat = (level: ReportedRisk, count: number): ReportedRisk[] =>
  Array.from({ length: count }, () => level);

describe('summarizeRisk', () => {
  it('scores 100 − 8 per high − 4 per medium and counts every level', () => {
    const summary = summarizeRisk(['high', 'medium', 'medium', 'low', 'unknown']);

    expect(summary.risk_score).toBe(100 - 8 - 8);
    expect(summary.counts).toEqual({ high: 1, medium: 2, low: 1, unknown: 1 });
  });

  it.each([
    [[...repeat('low', 5)], 100, 'low'],
    [[...repeat('medium', 7)], 72, 'low'],
    [[...repeat('medium', 8)], 68, 'caution'],
    [[...repeat('medium', 15)], 40, 'high'],
    [[...repeat('high', 4), ...repeat('medium', 2)], 60, 'caution'],
    [[...repeat('high', 8)], 36, 'high'],
  ] as const)('maps %j to score %i and level %s', (levels, score, level) => {
    const summary = summarizeRisk(levels);
    expect(summary.risk_score).toBe(score);
    expect(summary.overall_risk_level).toBe(level);
  });

  it('never goes below 0', () => {
    expect(summarizeRisk(repeat('high', 20)).risk_score).toBe(0);
  });

  it('is never low when a high-risk ingredient is present, even with a score in the low band', () => {
    const summary = summarizeRisk(['high', 'low', 'low']);
    expect(summary.risk_score).toBe(92);
    expect(summary.overall_risk_level).toBe('caution');
  });

  it('is never low when most ingredients are unknown', () => {
    expect(summarizeRisk(['unknown', 'unknown', 'low']).overall_risk_level).toBe('caution');
    expect(summarizeRisk(['unknown', 'low', 'low']).overall_risk_level).toBe('low');
  });

  it('does not count unknown ingredients as low', () => {
    expect(summarizeRisk(['unknown']).counts.low).toBe(0);
  });
});

describe('hasManyUnknowns', () => {
  it('warns from a third of the list, with at least two unknowns', () => {
    expect(hasManyUnknowns(['unknown', 'unknown', 'low', 'low', 'low', 'low'])).toBe(true);
    expect(hasManyUnknowns(['unknown', 'unknown', 'low', 'low', 'low', 'low', 'low'])).toBe(false);
    expect(hasManyUnknowns(['unknown'])).toBe(false);
  });
});
