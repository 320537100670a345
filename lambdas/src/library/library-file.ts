import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { repoRoot } from '../config/config.ts';
import { normalizeName } from '../domain/label/text-form.ts';
import { CATEGORIES } from './categories.ts';

/** The reviewed data file the library is seeded from. */
export const LIBRARY_FILE = path.join(repoRoot, 'lambdas', 'library', 'ingredients.json');

const nonBlank = z.string().trim().min(1);

export const libraryEntrySchema = z.strictObject({
  name: nonBlank.max(200),
  aliases: z.array(nonBlank.max(200)),
  category: z.enum(CATEGORIES),
  risk_level: z.enum(['low', 'medium', 'high']),
  // One sentence in our own words: a second sentence ("…. It …") belongs in the same sentence or nowhere.
  description: nonBlank
    .max(400)
    .refine((text) => !/[.!?]\s+\p{Lu}/u.test(text), 'description must be one sentence'),
  sources: z.array(z.strictObject({ title: nonBlank, url: z.url({ protocol: /^https$/ }) })).min(1),
  // Entries reviewed as different substances although a name of each is within the fuzzy step's reach of
  // the other (Malic vs Maleic Acid); `npm run library:check` reports such pairs unless listed here.
  distinct_from: z.array(nonBlank).optional(),
});

export type LibraryEntry = z.infer<typeof libraryEntrySchema>;

/**
 * The whole file. Beyond each entry's shape it enforces what makes matching unambiguous: every name and
 * alias, once normalised, belongs to exactly one entry.
 */
export const libraryFileSchema = z
  .strictObject({ version: z.literal(1), ingredients: z.array(libraryEntrySchema).min(1) })
  .superRefine((file, ctx) => {
    const owner = new Map<string, string>();
    file.ingredients.forEach((entry, index) => {
      for (const [kind, term] of [
        ['name', entry.name],
        ...entry.aliases.map((alias) => ['alias', alias]),
      ] as const) {
        const key = normalizeName(term);
        const previous = owner.get(key);
        if (key === '') {
          ctx.addIssue({
            code: 'custom',
            path: ['ingredients', index],
            message: `${kind} "${term}" is empty`,
          });
        } else if (previous !== undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['ingredients', index],
            message:
              previous === entry.name
                ? `"${entry.name}" lists "${term}" twice (as name or alias)`
                : `${kind} "${term}" of "${entry.name}" is already a name or alias of "${previous}"`,
          });
        } else {
          owner.set(key, entry.name);
        }
      }
    });
  });

export type LibraryFile = z.infer<typeof libraryFileSchema>;

/**
 * Reads and validates the library file.
 * @throws {Error} listing every problem in the file.
 */
export async function loadLibraryFile(file = LIBRARY_FILE): Promise<LibraryFile> {
  const raw: unknown = JSON.parse(await readFile(file, 'utf8'));
  const result = libraryFileSchema.safeParse(raw);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`${path.basename(file)} is invalid:\n${problems.join('\n')}`);
  }
  return result.data;
}

/** Hash of everything reviewed about an entry; a change re-embeds and rewrites that one row. */
export function contentHash(entry: LibraryEntry): string {
  const canonical = JSON.stringify([
    entry.name,
    entry.aliases,
    entry.category,
    entry.risk_level,
    entry.description,
    entry.sources,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** The text embedded for a row: the same kind of text as a query (names), so similarities compare. */
export function embeddingText(entry: Pick<LibraryEntry, 'name' | 'aliases'>): string {
  return [entry.name, ...entry.aliases].join(', ');
}
