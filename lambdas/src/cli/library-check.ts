import { checkLibrary } from '../library/library-check.ts';
import { LIBRARY_FILE, loadLibraryFile } from '../library/library-file.ts';
import { describeError } from '../shared/describe-error.ts';

/**
 * `npm run library:check`: validates the library file (schema: sources, one owner per name and alias) and
 * reports near-homonyms, restated reasons and dangling `distinct_from`; exits 1 on any problem.
 */
async function main(): Promise<void> {
  const { ingredients } = await loadLibraryFile();
  const problems = checkLibrary(ingredients);
  for (const problem of problems) console.log(`${problem.kind}: ${problem.entry}: ${problem.message}`);
  const sources = ingredients.reduce((sum, entry) => sum + entry.sources.length, 0);
  console.log(
    `${LIBRARY_FILE}: ${ingredients.length} entries, ${(sources / ingredients.length).toFixed(2)} sources per entry, ` +
      `${problems.length} problem(s)`,
  );
  if (problems.length > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(describeError(error));
  process.exitCode = 1;
});
