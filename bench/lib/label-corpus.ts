import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** The real-label corpus's label format (bench/labels/README.md). Unknown keys are tolerated and dropped. */
export const corpusLabelSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'id must be kebab-case'),
  product: z.string().min(1),
  brand: z.string().optional(),
  kind: z.enum(['drug_facts', 'inci', 'materials', 'multilingual']),
  category: z.string().optional(),
  source: z.string().min(1),
  text: z.string().min(1),
  ingredients: z.array(
    z.object({
      printed: z.string().min(1),
      name: z.string().min(1),
      role: z.enum(['active', 'inactive', 'ingredient']),
      strength: z.string().optional(),
      purpose: z.string().optional(),
    }),
  ),
  claims: z.array(z.string().min(1)).optional(),
});

export type CorpusLabel = z.infer<typeof corpusLabelSchema>;
export type LabelKind = CorpusLabel['kind'];
export type ExpectedIngredient = CorpusLabel['ingredients'][number];

/** Every kind, in the order the figures print them. */
export const LABEL_KINDS: readonly LabelKind[] = corpusLabelSchema.shape.kind.options;

/** A label with the collection file it came from, for messages. */
export interface LoadedLabel extends CorpusLabel {
  readonly file: string;
}

/** The corpus is malformed: a file that does not parse, a label that breaks the format, a duplicate id. */
export class CorpusError extends Error {
  override readonly name = 'CorpusError';
}

/**
 * Reads every `*.json` in `dir` (each an array of labels), validates each label and checks that no id
 * appears twice across the corpus.
 * @throws {CorpusError} listing every problem found.
 */
export function readCorpus(dir: string): LoadedLabel[] {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort();
  const labels: LoadedLabel[] = [];
  const problems: string[] = [];
  for (const file of files) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
    } catch (error) {
      problems.push(`${file}: not JSON (${(error as Error).message})`);
      continue;
    }
    if (!Array.isArray(raw)) {
      problems.push(`${file}: not an array of labels`);
      continue;
    }
    raw.forEach((item: unknown, index) => {
      const parsed = corpusLabelSchema.safeParse(item);
      if (parsed.success) {
        labels.push({ ...parsed.data, file });
        return;
      }
      const id = (item as { id?: unknown } | null)?.id;
      const where = `${file}[${index}]${typeof id === 'string' ? ` (${id})` : ''}`;
      for (const issue of parsed.error.issues) {
        problems.push(`${where} ${issue.path.join('.')}: ${issue.message}`);
      }
    });
  }
  problems.push(...duplicateIds(labels));
  if (problems.length > 0) {
    throw new CorpusError(`the label corpus in ${dir} is invalid:\n  ${problems.join('\n  ')}`);
  }
  return labels;
}

/** One message per id that more than one label carries, naming the files it is in. */
export function duplicateIds(labels: readonly { id: string; file: string }[]): string[] {
  const files = new Map<string, string[]>();
  for (const label of labels) files.set(label.id, [...(files.get(label.id) ?? []), label.file]);
  return [...files].flatMap(([id, where]) =>
    where.length > 1 ? [`id "${id}" appears ${where.length} times (${where.join(', ')})`] : [],
  );
}
