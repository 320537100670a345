import { readFileSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../lambdas/src/config/config.ts';
import type { ScanLabel } from '../../lambdas/src/use-cases/scan-label.ts';

export interface OcrTypoLabel {
  readonly id: string;
  readonly text: string;
  /** In list order: the name as printed (after cleaning) and the library entry it is, or null if absent. */
  readonly truth: readonly { readonly printed: string; readonly canonical: string | null }[];
}

export function loadOcrTypoLabels(): OcrTypoLabel[] {
  const file = path.join(repoRoot, 'tests', 'fixtures', 'labels', 'ocr-typos.json');
  return JSON.parse(readFileSync(file, 'utf8')) as OcrTypoLabel[];
}

export interface MatchingScore {
  readonly ingredients: number;
  /** Ingredients whose report matches the truth: the right entry, or null for an absent one. */
  readonly correct: number;
  /** Absent ingredients wrongly matched to an entry. */
  readonly falseMatches: number;
  /** Present ingredients left unmatched. */
  readonly missed: number;
  readonly mistakes: readonly string[];
}

/** Scans every label and compares each reported ingredient with the truth, position by position. */
export async function scoreMatching(
  scanLabel: ScanLabel,
  labels: readonly OcrTypoLabel[],
): Promise<MatchingScore> {
  let ingredients = 0;
  let correct = 0;
  let falseMatches = 0;
  let missed = 0;
  const mistakes: string[] = [];
  for (const label of labels) {
    const report = await scanLabel({ source: 'text', text: label.text });
    label.truth.forEach((truth, index) => {
      ingredients++;
      const reported = report.ingredients[index];
      const got = reported?.match?.name ?? null;
      if (got === truth.canonical && reported?.name === truth.printed) {
        correct++;
        return;
      }
      if (truth.canonical === null && got !== null) falseMatches++;
      if (truth.canonical !== null && got === null) missed++;
      mistakes.push(
        `${label.id}: "${truth.printed}" → ${got ?? 'null'} (read "${reported?.name}"), want ${truth.canonical}`,
      );
    });
  }
  return { ingredients, correct, falseMatches, missed, mistakes };
}
