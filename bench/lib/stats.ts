/** Median with min/max of a set of runs, in the unit the samples were taken in (rounded to 0.1). */
export interface Spread {
  readonly n: number;
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

/** Median, min and max of `samples`; NaN everywhere when there are none. */
export function spread(samples: readonly number[]): Spread {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const median =
    sorted.length % 2 === 1
      ? (sorted[middle] ?? Number.NaN)
      : ((sorted[middle - 1] ?? Number.NaN) + (sorted[middle] ?? Number.NaN)) / 2;
  return {
    n: sorted.length,
    median: round1(median),
    min: round1(sorted[0] ?? Number.NaN),
    max: round1(sorted.at(-1) ?? Number.NaN),
  };
}

export const round1 = (value: number): number => Math.round(value * 10) / 10;

/** "12.3 (11.9–13.0)": a median and its range, for the printed table. */
export function formatSpread(value: Spread, unit = ''): string {
  return `${value.median}${unit} (${value.min}–${value.max})`;
}

/** A figure held against its target from issue 7. */
export interface TargetCheck {
  readonly target: string;
  readonly met: boolean | null;
  /** Why, when it is not met or could not be measured. */
  readonly note?: string;
}

export function verdict(check: TargetCheck | undefined): string {
  if (check === undefined) return '';
  if (check.met === null) return 'NOT MEASURED';
  return check.met ? 'MET' : 'NOT MET';
}

/** The nearest-rank `p`th percentile of `samples` (NaN when there are none). */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] as number;
}
