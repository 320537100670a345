import type { ReportedRisk } from './types.ts';

export type OverallRiskLevel = 'low' | 'caution' | 'high';

/**
 * What set the band: the worst identified ingredient (`high_ingredient`, `medium_ingredient`), too many
 * unknowns to call the product low (`many_unknown`), a list that may be incomplete (`incomplete_list`), or
 * every identified ingredient low (`all_low`).
 */
export type VerdictBasis =
  | 'high_ingredient'
  | 'medium_ingredient'
  | 'many_unknown'
  | 'incomplete_list'
  | 'all_low';

/** An ingredient that set the band. */
export interface Driver {
  readonly name: string;
  readonly risk_level: ReportedRisk;
  readonly position: number;
}

export interface RiskSummary {
  readonly overall_risk_level: OverallRiskLevel;
  readonly risk_score: number;
  readonly basis: VerdictBasis;
  readonly counts: Readonly<Record<ReportedRisk, number>>;
  readonly drivers: readonly Driver[];
}

/** What the verdict needs of a reported ingredient. */
export interface ScoredIngredient {
  readonly name: string;
  readonly position: number;
  readonly risk_level: ReportedRisk;
}

interface Band {
  readonly level: OverallRiskLevel;
  readonly floor: number;
  readonly ceiling: number;
}

const HIGH: Band = { level: 'high', floor: 0, ceiling: 25 };
const CAUTION: Band = { level: 'caution', floor: 26, ceiling: 50 };
const LOW: Band = { level: 'low', floor: 51, ceiling: 100 };

/**
 * What each ingredient beyond the first driver costs inside its band. Zero for low ingredients, so the
 * score only falls as risk is added: adding a high, medium or unknown ingredient never raises the score or
 * lightens the band, and removing one never lowers or darkens them (property-tested).
 */
const COST: Readonly<Record<ReportedRisk, number>> = { high: 5, medium: 3, unknown: 2, low: 0 };

/**
 * The verdict (DESIGN.md v1.1, "new scoring"): the worst ingredient sets the band — any high-risk
 * ingredient makes the product `high` (0–25), a worst of medium `caution` (26–50), and `low` (51–100)
 * only when every identified ingredient is low, more than two thirds of the list is identified and the
 * list is complete; otherwise `caution`, because an unrecognised or partly read list is not a safe one.
 * Inside its band the score starts at the ceiling and every high, medium and unknown ingredient beyond the
 * first driver costs points, never below the band's floor. `drivers` are the ingredients that set the band
 * (none for `all_low` and `incomplete_list`).
 */
export function summarizeRisk(
  ingredients: readonly ScoredIngredient[],
  { incomplete = false }: { readonly incomplete?: boolean } = {},
): RiskSummary {
  const counts: Record<ReportedRisk, number> = { high: 0, medium: 0, low: 0, unknown: 0 };
  for (const ingredient of ingredients) counts[ingredient.risk_level]++;
  const basis = verdictBasis(counts, ingredients.length, incomplete);
  const band = basis === 'high_ingredient' ? HIGH : basis === 'all_low' ? LOW : CAUTION;
  const driverLevel = DRIVER_LEVEL[basis];
  const drivers = ingredients
    .filter((ingredient) => ingredient.risk_level === driverLevel)
    .map(({ name, risk_level, position }) => ({ name, risk_level, position }));
  // The first driver is what the band already says; the rest each cost their points.
  const spent =
    COST.high * counts.high +
    COST.medium * counts.medium +
    COST.unknown * counts.unknown -
    firstDriverCost(driverLevel);
  const risk_score = Math.min(band.ceiling, Math.max(band.floor, band.ceiling - spent));
  return { overall_risk_level: band.level, risk_score, basis, counts, drivers };
}

const DRIVER_LEVEL: Readonly<Record<VerdictBasis, ReportedRisk | null>> = {
  high_ingredient: 'high',
  medium_ingredient: 'medium',
  many_unknown: 'unknown',
  incomplete_list: null,
  all_low: null,
};

function firstDriverCost(level: ReportedRisk | null): number {
  return level === null ? 0 : COST[level];
}

function verdictBasis(
  counts: Readonly<Record<ReportedRisk, number>>,
  total: number,
  incomplete: boolean,
): VerdictBasis {
  if (counts.high > 0) return 'high_ingredient';
  if (counts.medium > 0) return 'medium_ingredient';
  if (isMostlyUnidentified(counts.unknown, total)) return 'many_unknown';
  if (incomplete) return 'incomplete_list';
  return 'all_low';
}

/** More than a third of the list unknown (or nothing listed): too little is known to call it low. */
function isMostlyUnidentified(unknown: number, total: number): boolean {
  return total === 0 || unknown * 3 > total;
}

/** Warn when at least a third of the list (and at least two ingredients) could not be identified. */
export function hasManyUnknowns(levels: readonly ReportedRisk[]): boolean {
  const unknown = levels.filter((level) => level === 'unknown').length;
  return unknown >= 2 && unknown * 3 >= levels.length;
}
