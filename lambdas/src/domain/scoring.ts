import type { ReportedRisk } from './types.ts';

export type OverallRiskLevel = 'low' | 'caution' | 'high';

export interface RiskSummary {
  readonly overall_risk_level: OverallRiskLevel;
  readonly risk_score: number;
  readonly counts: Readonly<Record<ReportedRisk, number>>;
}

/**
 * The documented scoring rule (DESIGN.md): score = clamp(100 − 8·high − 4·medium, 0, 100); level `low`
 * for 71–100, `caution` for 41–70, `high` for 0–40. Two guards keep a report from sounding safer than
 * what we know: never `low` when any high-risk ingredient is present, and never `low` when more than
 * half of the ingredients are unknown (an unrecognised list is not a safe list); nor when the list may be
 * incomplete (`incomplete`: part of the label could not be read as a list).
 */
export function summarizeRisk(
  levels: readonly ReportedRisk[],
  { incomplete = false }: { readonly incomplete?: boolean } = {},
): RiskSummary {
  const counts: Record<ReportedRisk, number> = { high: 0, medium: 0, low: 0, unknown: 0 };
  for (const level of levels) counts[level]++;
  const risk_score = Math.min(100, Math.max(0, 100 - 8 * counts.high - 4 * counts.medium));
  let overall_risk_level: OverallRiskLevel = risk_score >= 71 ? 'low' : risk_score >= 41 ? 'caution' : 'high';
  const mostlyUnknown = levels.length > 0 && counts.unknown * 2 > levels.length;
  if (overall_risk_level === 'low' && (counts.high > 0 || mostlyUnknown || incomplete)) {
    overall_risk_level = 'caution';
  }
  return { overall_risk_level, risk_score, counts };
}

/** Warn when at least a third of the list (and at least two ingredients) could not be identified. */
export function hasManyUnknowns(levels: readonly ReportedRisk[]): boolean {
  const unknown = levels.filter((level) => level === 'unknown').length;
  return unknown >= 2 && unknown * 3 >= levels.length;
}
