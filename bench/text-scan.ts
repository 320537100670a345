/**
 * `npm run bench:text`: matching accuracy on the OCR-typo label set and the warm latency of text scans
 * through the local server over HTTP (the embedded library, the local embedder). Prints figures; asserts
 * nothing (the accuracy floor is asserted by tests/integration/matching-accuracy.test.ts).
 */
import { readFileSync } from 'node:fs';
import { loadLibraryFile } from '../lambdas/src/library/library-file.ts';
import { MIN_FUZZY_SIMILARITY } from '../lambdas/src/use-cases/scan-label.ts';
import { libraryDatabase } from '../tests/support/databases.ts';
import { libraryDataRuntime, startLocalApi } from '../tests/support/local-api.ts';
import { measureRobustness } from '../tests/support/ocr-noise.ts';
import { loadOcrTypoLabels, scoreMatching } from '../tests/support/ocr-typo-fixtures.ts';

const ROUNDS = 5;

const labels = loadOcrTypoLabels();
const data = await libraryDataRuntime();

const score = await scoreMatching(data.scanLabel, labels);
const present = labels.flatMap((label) => label.truth).filter((truth) => truth.canonical !== null).length;
console.log(
  `OCR-typo label set: ${labels.length} labels, ${score.ingredients} ingredients (${present} in the library)`,
);
console.log(
  `  ingredient match   ${(score.correct / score.ingredients).toFixed(3)} (${score.correct}/${score.ingredients})`,
);
console.log(`  false matches      ${score.falseMatches} (absent ingredients matched to an entry)`);
console.log(`  missed             ${score.missed} (present ingredients left unknown)`);
for (const mistake of score.mistakes) console.log(`    ${mistake}`);

const matchAt = (minFuzzySimilarity: number) => async (names: string[]) =>
  data.store.matchIngredients({
    names,
    embeddings: await data.embedder.embed(names),
    embeddingModel: data.embedder.model,
    minFuzzySimilarity,
    minSemanticSimilarity: data.embedder.minSemanticSimilarity,
  });
const match = matchAt(MIN_FUZZY_SIMILARITY);
const { ingredients } = await loadLibraryFile();
console.log(`Every name and alias of the library (${ingredients.length} entries), corrupted once (seed 42):`);
console.log('  corruption   queries   found    other entry');
for (const row of await measureRobustness(ingredients, match)) {
  const found = ((100 * row.matched) / row.queries).toFixed(1);
  console.log(
    `  ${row.kind.padEnd(11)} ${String(row.queries).padStart(8)}   ${found.padStart(5)}%   ${row.wrong.length}`,
  );
  for (const wrong of row.wrong) console.log(`      ${wrong}`);
}
const absent = (
  JSON.parse(readFileSync('tests/fixtures/labels/absent-ingredients.json', 'utf8')) as { names: string[] }
).names;
const absentMatches = await match(absent);
const falseMatches = absent.flatMap((name, index) => {
  const found = absentMatches[index];
  return found ? [`${name} → ${found.name} (${found.method} ${found.similarity})`] : [];
});
console.log(
  `Real ingredients absent from the library: ${absent.length}, matched to an entry: ${falseMatches.length}`,
);
for (const line of falseMatches) console.log(`    ${line}`);

console.log('Fuzzy threshold sweep (min_fuzzy_similarity; one edit in 5+ characters is always accepted):');
console.log('  threshold   one change found   two changes found   wrong entry   absent matched (of 81)');
for (const threshold of [0.75, 0.8, 0.85, 0.9, 0.95]) {
  const rows = await measureRobustness(ingredients, matchAt(threshold));
  const one = rows.filter((row) => row.kind !== 'two');
  const two = rows.find((row) => row.kind === 'two');
  const rate = (found: number, queries: number) => `${((100 * found) / queries).toFixed(1)}%`;
  const oneRate = rate(
    one.reduce((sum, row) => sum + row.matched, 0),
    one.reduce((sum, row) => sum + row.queries, 0),
  );
  const twoRate = rate(two?.matched ?? 0, two?.queries ?? 1);
  const wrong = rows.reduce((sum, row) => sum + row.wrong.length, 0);
  const absentFound = (await matchAt(threshold)(absent)).filter((found) => found !== null).length;
  const marker = threshold === MIN_FUZZY_SIMILARITY ? '  ← chosen' : '';
  console.log(
    `  ${threshold.toFixed(2).padEnd(9)}   ${oneRate.padStart(16)}   ${twoRate.padStart(17)}   ${String(wrong).padStart(11)}   ${String(absentFound).padStart(6)}${marker}`,
  );
}

const api = await startLocalApi(async () => data);
const bodies = labels.map((label) => JSON.stringify({ text: label.text }));
const post = async (body: string) => {
  const response = await fetch(`${api.url}/api/scan`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body,
  });
  if (response.status !== 200) throw new Error(`scan answered ${response.status}`);
  await response.arrayBuffer();
};
for (const body of bodies) await post(body);

const durations: number[] = [];
for (let round = 0; round < ROUNDS; round++) {
  for (const body of bodies) {
    const started = performance.now();
    await post(body);
    durations.push(performance.now() - started);
  }
}
durations.sort((a, b) => a - b);
const at = (q: number) =>
  durations[Math.min(durations.length - 1, Math.floor(q * durations.length))] ?? Number.NaN;
const names = labels.reduce((sum, label) => sum + label.truth.length, 0) / labels.length;
console.log(
  `Warm text scans over HTTP: ${durations.length} requests (${names.toFixed(1)} names per label on average)`,
);
console.log(`  p50 ${at(0.5).toFixed(1)} ms   p95 ${at(0.95).toFixed(1)} ms   max ${at(1).toFixed(1)} ms`);

await api.close();
await (await libraryDatabase()).db.close();
