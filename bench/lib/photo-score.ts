/** Scores photo-scan reports against a generated label's truth, per label and per condition. */
import { z } from 'zod';

export const DEFINITIONS = {
  truth: 'distinct canonical names printed on the label (by name or alias)',
  matched: 'distinct library entries the report matched (ingredients[].match.name, non-null)',
  found: 'truth names among the matched names',
  recall: 'Σ found / Σ truth over the condition (a non-200 answer finds nothing)',
  precision: 'Σ found / Σ matched over the condition (wrong = matched entries not on the label)',
  perfect: 'labels whose matched names are exactly the truth',
  unknown: 'names the report read but matched to nothing (OCR garbage or misread names)',
  boxed: 'ingredients read from a photo that carry a bbox, of all ingredients read',
};

export const reportSchema = z.object({
  ingredients: z.array(
    z.object({
      name: z.string(),
      match: z.object({ name: z.string() }).nullable(),
      bbox: z.array(z.number()).length(4).optional(),
    }),
  ),
  ocr: z
    .object({
      text: z.string(),
      confidence: z.number(),
      lines: z.array(z.object({ text: z.string(), bbox: z.array(z.number()).length(4) })).optional(),
    })
    .nullable()
    .optional(),
  warnings: z.array(z.string()).optional(),
  timings_ms: z.record(z.string(), z.number()).optional(),
});
export type Report = z.infer<typeof reportSchema>;
export const errorSchema = z.object({ error: z.object({ code: z.string() }) });

export interface ScanAnswer {
  readonly status: number;
  readonly ms: number;
  readonly report: Report | null;
  readonly errorCode: string | null;
}

export interface Truth {
  readonly file: string;
  readonly condition: string;
  readonly ingredients: readonly string[];
  readonly printed: readonly string[];
}

export interface LabelScore {
  readonly file: string;
  readonly condition: string;
  readonly status: number;
  readonly errorCode: string | null;
  readonly truth: number;
  readonly found: number;
  readonly matched: number;
  readonly read: number;
  readonly boxed: number;
  /** Truth ingredients not matched, with the name the label printed. */
  readonly missed: { canonical: string; printed: string }[];
  /** Matched entries that are not on the label, with the name read. */
  readonly wrong: { read: string; matched: string }[];
  /** Names read that matched nothing. */
  readonly unknown: string[];
  readonly confidence: number | null;
  readonly ms: number;
  readonly ocrText: string | null;
}

export function scoreLabel(label: Truth, answer: ScanAnswer): LabelScore {
  const truth = new Set(label.ingredients);
  const report = answer.report;
  const matched = new Map<string, string>();
  const unknown: string[] = [];
  for (const ingredient of report?.ingredients ?? []) {
    if (ingredient.match === null) unknown.push(ingredient.name);
    else if (!matched.has(ingredient.match.name)) matched.set(ingredient.match.name, ingredient.name);
  }
  const missed = label.ingredients.flatMap((canonical, index) =>
    matched.has(canonical) ? [] : [{ canonical, printed: label.printed[index] ?? canonical }],
  );
  const wrong = [...matched].flatMap(([name, read]) => (truth.has(name) ? [] : [{ read, matched: name }]));
  return {
    file: label.file,
    condition: label.condition,
    status: answer.status,
    errorCode: answer.errorCode,
    truth: truth.size,
    found: truth.size - missed.length,
    matched: matched.size,
    read: report?.ingredients.length ?? 0,
    boxed: report?.ingredients.filter((ingredient) => ingredient.bbox !== undefined).length ?? 0,
    missed,
    wrong,
    unknown,
    confidence: report?.ocr?.confidence ?? null,
    ms: Math.round(answer.ms),
    ocrText: report?.ocr?.text ?? null,
  };
}

export interface Summary {
  readonly labels: number;
  readonly truth: number;
  readonly found: number;
  readonly matched: number;
  readonly wrong: number;
  readonly unknown: number;
  readonly recall: number;
  readonly precision: number;
  readonly perfect: number;
  readonly status422: number;
  readonly status503: number;
  readonly otherNon200: number;
  readonly boxed: number;
  readonly meanConfidence: number | null;
}

export function summarize(scores: readonly LabelScore[]): Summary {
  const sum = (value: (score: LabelScore) => number) =>
    scores.reduce((total, score) => total + value(score), 0);
  const truth = sum((score) => score.truth);
  const found = sum((score) => score.found);
  const matched = sum((score) => score.matched);
  const read = sum((score) => score.read);
  const confidences = scores.flatMap((score) => (score.confidence === null ? [] : [score.confidence]));
  return {
    labels: scores.length,
    truth,
    found,
    matched,
    wrong: sum((score) => score.wrong.length),
    unknown: sum((score) => score.unknown.length),
    recall: truth === 0 ? 0 : found / truth,
    precision: matched === 0 ? 0 : found / matched,
    perfect: scores.filter((score) => score.found === score.truth && score.matched === score.truth).length,
    status422: scores.filter((score) => score.status === 422).length,
    status503: scores.filter((score) => score.status === 503).length,
    otherNon200: scores.filter((score) => ![200, 422, 503].includes(score.status)).length,
    boxed: read === 0 ? 0 : sum((score) => score.boxed) / read,
    meanConfidence:
      confidences.length === 0 ? null : confidences.reduce((a, b) => a + b, 0) / confidences.length,
  };
}

/** One summary per condition, in `conditions` order, and `overall`. */
export function byCondition(
  scores: readonly LabelScore[],
  conditions: readonly string[],
): Record<string, Summary> {
  return Object.fromEntries([
    ...conditions.map((condition) => [
      condition,
      summarize(scores.filter((score) => score.condition === condition)),
    ]),
    ['overall', summarize(scores)],
  ]);
}

const percent = (value: number) => `${(100 * value).toFixed(1)}%`;

export function printTable(title: string, table: Record<string, Summary>): void {
  console.log(title);
  console.log(
    '  condition        labels  truth  found  recall  matched  wrong  precision  perfect  unknown  422  503  other  boxed  conf',
  );
  for (const [condition, row] of Object.entries(table)) {
    console.log(
      `  ${condition.padEnd(16)} ${String(row.labels).padStart(6)} ${String(row.truth).padStart(6)} ${String(row.found).padStart(6)} ${percent(row.recall).padStart(7)} ${String(row.matched).padStart(8)} ${String(row.wrong).padStart(6)} ${percent(row.precision).padStart(10)} ${`${row.perfect}/${row.labels}`.padStart(8)} ${String(row.unknown).padStart(8)} ${String(row.status422).padStart(4)} ${String(row.status503).padStart(4)} ${String(row.otherNon200).padStart(6)} ${percent(row.boxed).padStart(6)} ${(row.meanConfidence === null ? '—' : row.meanConfidence.toFixed(2)).padStart(5)}`,
    );
  }
}

/** Each label that missed, matched wrongly or was refused, with a preview of what OCR read. */
export function printFailures(title: string, scores: readonly LabelScore[], preview = 220): void {
  const failures = scores.filter(
    (score) => score.status !== 200 || score.missed.length + score.wrong.length > 0,
  );
  if (failures.length === 0) return;
  console.log(title);
  for (const score of failures) {
    const head = `  ${score.file.padEnd(22)}`;
    if (score.status !== 200) {
      console.log(`${head}${score.status} ${score.errorCode ?? ''}`);
    } else {
      const missed = score.missed.map((miss) =>
        miss.printed === miss.canonical ? miss.canonical : `${miss.canonical} (printed "${miss.printed}")`,
      );
      const wrong = score.wrong.map((item) => `"${item.read}" → ${item.matched}`);
      const parts = [
        missed.length > 0 ? `missed ${missed.join('; ')}` : '',
        wrong.length > 0 ? `wrong ${wrong.join('; ')}` : '',
        score.unknown.length > 0 ? `unknown read ${score.unknown.map((name) => `"${name}"`).join(', ')}` : '',
      ].filter((part) => part !== '');
      console.log(`${head}${parts.join(' | ')}`);
    }
    if (score.ocrText !== null) {
      const text = score.ocrText.replaceAll(/\s+/g, ' ').slice(0, preview);
      console.log(`  ${''.padEnd(22)}ocr (conf ${score.confidence?.toFixed(2) ?? '?'}): ${text}`);
    }
  }
}
