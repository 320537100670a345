import type { LibraryEntry } from '../../lambdas/src/library/library-file.ts';

/** A library entry with the names it may be printed by. */
export interface PrintableEntry {
  readonly canonical: string;
  /** Printable canonical name, or null when only aliases can be printed. */
  readonly name: string | null;
  readonly aliases: readonly string[];
}

/**
 * Names a label can print in a comma-separated list such that the text pipeline, given the exact text,
 * still finds the entry: the benchmark measures reading, not these known parser limits (README, findings).
 * - "(20)" / "Di(2-ethylhexyl)" / "2-(2,4-dichlorophenoxy)": a parenthesis is read as an alternative name;
 * - "L. acidophilus": the period closes a group of materials;
 * - " And ": splits the name in two;
 * - a pad component ("Release Paper"): dropped as a component label.
 */
const UNPRINTABLE = [/\(\d/, /[\p{L}\p{N}-]\(/u, /^\p{L}\. /u, / and /i, /^release paper$/i];

function printable(term: string): boolean {
  return !UNPRINTABLE.some((pattern) => pattern.test(term));
}

export function printableTerms(entries: readonly LibraryEntry[]): PrintableEntry[] {
  return entries
    .map((entry) => ({
      canonical: entry.name,
      name: printable(entry.name) ? entry.name : null,
      aliases: entry.aliases.filter(printable),
    }))
    .filter((entry) => entry.name !== null || entry.aliases.length > 0);
}
