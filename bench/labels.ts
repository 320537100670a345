/**
 * `npm run bench:labels [-- --verbose] [-- --json <file>]`: how right the report is on real published
 * labels (bench/labels/corpus/*.json), per half of bench/labels/split.json and per kind of label.
 *
 * - Every label's text is POSTed as `{ "text": … }` to /api/scan on the local server (the embedded
 *   library, the local embedder), as `bench:text` does, and the answer is scored by bench/lib/label-score.ts.
 * - Only the held-out half counts; it only ever prints totals. `--verbose` lists the development half's
 *   mistakes. Labels not (yet) in split.json are scored as "unsplit", totals only: half of them will be
 *   held out. Without split.json every label is unsplit.
 * - `--corpus <dir>` and `--split <file>` point at another corpus (the synthetic sample in tests/fixtures).
 * - `--variants` prints both halves' totals for every reshaping in bench/lib/label-variants.ts (flattened,
 *   capitals, spaced lines…); `--variant <name>` runs the usual report on one of them.
 * Prints figures; asserts nothing.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { loadLibraryFile } from '../lambdas/src/library/library-file.ts';
import { libraryDatabase } from '../tests/support/databases.ts';
import { libraryDataRuntime, startLocalApi } from '../tests/support/local-api.ts';
import { CorpusError, LABEL_KINDS, type LoadedLabel, readCorpus } from './lib/label-corpus.ts';
import {
  type Figures,
  type LabelScore,
  libraryIndex,
  mistakes,
  type ScanAnswer,
  scoreLabel,
  summarize,
} from './lib/label-score.ts';
import { type Half, halvesOf, labelSplitSchema } from './lib/label-split.ts';
import { LABEL_VARIANTS } from './lib/label-variants.ts';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: path.join('bench', 'labels', 'corpus') },
    split: { type: 'string', default: path.join('bench', 'labels', 'split.json') },
    json: { type: 'string' },
    verbose: { type: 'boolean', default: false },
    variants: { type: 'boolean', default: false },
    variant: { type: 'string', default: 'as printed' },
  },
});

type Group = Half | 'unsplit';
const GROUPS: readonly { group: Group; title: string }[] = [
  { group: 'dev', title: 'Development half' },
  { group: 'heldout', title: 'HELD-OUT half (the figure that counts)' },
  { group: 'unsplit', title: 'Unsplit (not in split.json; totals only)' },
];

function readCorpusOrExit(dir: string): LoadedLabel[] {
  try {
    return readCorpus(dir);
  } catch (error) {
    if (!(error instanceof CorpusError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}

const reportSchema = z.object({
  ingredients: z.array(
    z.object({
      name: z.string(),
      role: z.string().optional(),
      match: z.object({ name: z.string() }).nullable(),
    }),
  ),
  claims: z.array(z.union([z.string(), z.object({ text: z.string() })])).optional(),
  summary: z.object({ overall_risk_level: z.string() }),
  warnings: z.array(z.string()),
});

const labels = readCorpusOrExit(values.corpus);
const half = existsSync(values.split)
  ? halvesOf(labelSplitSchema.parse(JSON.parse(readFileSync(values.split, 'utf8'))))
  : null;
if (half === null) {
  console.log(`No split at ${values.split}: every label is scored as "unsplit", totals only.`);
}
const groupOf = (label: LoadedLabel): Group => half?.get(label.id) ?? 'unsplit';
const library = libraryIndex((await loadLibraryFile()).ingredients);

const data = await libraryDataRuntime();
const api = await startLocalApi(async () => data);
async function scan(text: string): Promise<ScanAnswer> {
  const response = await fetch(`${api.url}/api/scan`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ text }),
  });
  const body: unknown = await response.json();
  return { status: response.status, report: response.status === 200 ? reportSchema.parse(body) : null };
}

if (values.variants) {
  await printVariants();
  await closeAll();
  process.exit(0);
}

const started = performance.now();
const scores: { label: LoadedLabel; score: LabelScore }[] = [];
const reshape = LABEL_VARIANTS.find((variant) => variant.name === values.variant)?.reshape;
if (reshape === undefined) {
  console.error(
    `No variant "${values.variant}": ${LABEL_VARIANTS.map((variant) => variant.name).join(', ')}`,
  );
  process.exit(1);
}
for (const label of labels) {
  scores.push({ label, score: scoreLabel(label, await scan(reshape(label.text)), library) });
}
console.log(
  `${labels.length} labels from ${values.corpus} scanned as text in ${((performance.now() - started) / 1000).toFixed(1)} s`,
);

/**
 * The library's breadth (issue 16): the share of occurrences whose standard name is an entry, and the
 * share identified end to end (reported and matched to that entry), of all and of those the scan reported.
 */
function libraryLine(inGroup: readonly LabelScore[]): string {
  const occurrences = inGroup.flatMap((score) => score.occurrences);
  const reported = occurrences.filter((occurrence) => occurrence.reported !== null);
  const identified = (list: typeof occurrences) =>
    list.filter((occurrence) => occurrence.want !== null && occurrence.outcome === 'right').length;
  const inLibrary = occurrences.filter((occurrence) => occurrence.want !== null).length;
  return (
    `library: ${percent(inLibrary, occurrences.length)} of occurrences name an entry; identified ` +
    `${percent(identified(occurrences), occurrences.length)} of all, ${percent(identified(reported), reported.length)} of those reported`
  );
}

/**
 * Where the missed occurrences are (totals only, so the held-out half can be read without its labels): in
 * labels with nothing aligned (answered 422, nothing reported, or only phantoms reported), or in labels partly
 * read, by the role the label gives them.
 */
function missedLine(inGroup: readonly LabelScore[]): string {
  const missedIn = (scores: readonly LabelScore[]) =>
    scores.flatMap((score) => score.occurrences).filter((occurrence) => occurrence.outcome === 'missed');
  const unread = inGroup.filter((score) =>
    score.occurrences.every((occurrence) => occurrence.reported === null),
  );
  const partly = inGroup.filter((score) => !unread.includes(score));
  const byRole = (role: string) => missedIn(partly).filter((occurrence) => occurrence.role === role).length;
  const answered422 = missedIn(unread.filter((score) => score.status === 422)).length;
  const nothing = missedIn(
    unread.filter((score) => score.status !== 422 && score.phantoms.length === 0),
  ).length;
  const phantomsOnly = missedIn(
    unread.filter((score) => score.status !== 422 && score.phantoms.length > 0),
  ).length;
  return (
    `missed: in ${unread.length} labels with nothing aligned ${missedIn(unread).length} (422 ${answered422}, ` +
    `nothing reported ${nothing}, only phantoms ${phantomsOnly}); in labels partly read ${missedIn(partly).length} ` +
    `(active ${byRole('active')}, inactive ${byRole('inactive')}, ingredient ${byRole('ingredient')})`
  );
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '—' : `${((100 * part) / whole).toFixed(1)}%`;
}
const ratio = (part: number, whole: number) => (whole === 0 ? '—' : `${part}/${whole}`);

function row(label: string, figures: Figures): string {
  const verdicts = ['low', 'caution', 'high'].map((level) => String(figures.verdicts[level] ?? 0)).join('/');
  return [
    label.padEnd(13),
    String(figures.labels).padStart(6),
    String(figures.occurrences).padStart(6),
    percent(figures.right, figures.occurrences).padStart(7),
    String(figures.wrongEntry).padStart(6),
    String(figures.leftUnknown).padStart(7),
    String(figures.missed).padStart(6),
    String(figures.phantoms).padStart(8),
    ratio(figures.roles.right, figures.roles.checked).padStart(8),
    ratio(figures.panels.fullyRead, figures.panels.total).padStart(7),
    ratio(figures.claims.found, figures.claims.expected).padStart(7),
    String(figures.claims.asIngredients).padStart(7),
    String(figures.noIngredients).padStart(4),
    String(Object.values(figures.errors).reduce((sum, count) => sum + count, 0)).padStart(4),
    verdicts.padStart(11),
    String(figures.incomplete).padStart(10),
  ].join(' ');
}

const HEADER = [
  'kind'.padEnd(13),
  'labels'.padStart(6),
  'occur'.padStart(6),
  'right'.padStart(7),
  'wrong'.padStart(6),
  'unknown'.padStart(7),
  'missed'.padStart(6),
  'phantoms'.padStart(8),
  'roles'.padStart(8),
  'panels'.padStart(7),
  'claims'.padStart(7),
  'c-as-i'.padStart(7),
  '422'.padStart(4),
  'err'.padStart(4),
  'low/cau/hi'.padStart(11),
  'incomplete'.padStart(10),
].join(' ');

const results: Record<string, { total: Figures; byKind: Record<string, Figures> }> = {};
for (const { group, title } of GROUPS) {
  const inGroup = scores.filter(({ label }) => groupOf(label) === group).map(({ score }) => score);
  // Before the split exists there are no halves to show; after, only labels added since are unsplit.
  if (inGroup.length === 0 && (group === 'unsplit' || half === null)) continue;
  const kinds = [...LABEL_KINDS, ...new Set(inGroup.map((score) => score.kind))].filter(
    (kind, index, all) => all.indexOf(kind) === index,
  );
  const byKind = Object.fromEntries(
    kinds.map((kind) => [kind, summarize(inGroup.filter((score) => score.kind === kind))]),
  );
  const total = summarize(inGroup);
  results[group] = { total, byKind };
  console.log(`\n${title}: ${total.labels} labels`);
  console.log(`  ${HEADER}`);
  for (const kind of kinds) {
    const figures = byKind[kind];
    if (figures && figures.labels > 0) console.log(`  ${row(kind, figures)}`);
  }
  console.log(`  ${row('all', total)}`);
  const { right, phantoms } = total.spread;
  console.log(
    `  labels by share right: all ${right.all}, half or more ${right.half}, under half ${right.some}, none ${right.none}; by phantoms: none ${phantoms.none}, 1–2 ${phantoms.few}, 3 or more ${phantoms.many}`,
  );
  console.log(`  ${libraryLine(inGroup)}`);
  console.log(`  ${missedLine(inGroup)}`);
  if (total.repeats > 0) {
    console.log(`  (${total.repeats} report items repeat an ingredient already aligned)`);
  }
  const errors = Object.entries(total.errors).map(([status, count]) => `${count} × ${status}`);
  if (errors.length > 0) console.log(`  (other errors: ${errors.join(', ')})`);
  if (group === 'dev' && values.verbose) {
    for (const score of inGroup) {
      const lines = mistakes(score);
      if (lines.length > 0) console.log(`  ${score.id}:\n${lines.map((line) => `      ${line}`).join('\n')}`);
    }
  }
}

console.log(`
  occur     expected ingredient occurrences; right = reported, aligned by name, and matched to the entry
            the expected name is in the library (or unknown where the library has none)
  wrong     aligned, matched to another entry (or to one where the library has none)
  unknown   aligned, left unknown although the library has the entry
  missed    no report item for it (every ingredient of a 422 label is missed)
  phantoms  report items aligned to nothing on the label
  roles     aligned items on labels with actives/inactives reported with their role (none reported: ingredient)
  panels    labels with actives/inactives whose every active and inactive is right with its role
  claims    expected free-from claims found in the report's claims; c-as-i: phantoms taken from a claim
  422/err   answered 422 no_ingredients_found / any other error
  low/cau/hi  overall_risk_level of the reports; incomplete: reports warning list_may_be_incomplete`);

if (values.json) {
  writeFileSync(
    values.json,
    `${JSON.stringify({ corpus: values.corpus, split: values.split, ...results }, null, 2)}\n`,
  );
  console.log(`Figures written to ${values.json}`);
}

await closeAll();

async function closeAll(): Promise<void> {
  await api.close();
  await data.close();
  await (await libraryDatabase()).db.close();
}

/** Each reshaped corpus's totals per half: what the reader loses on shapes the corpus does not print. */
async function printVariants(): Promise<void> {
  console.log('Variants of every label (same expected ingredients, another shape); totals per half:');
  console.log(
    `  ${'variant'.padEnd(14)} ${'dev right'.padStart(9)} ${'phantoms'.padStart(8)}   ${'HELD-OUT right'.padStart(14)} ${'phantoms'.padStart(8)}`,
  );
  for (const variant of LABEL_VARIANTS) {
    const byGroup = new Map<Group, LabelScore[]>();
    for (const label of labels) {
      const score = scoreLabel(label, await scan(variant.reshape(label.text)), library);
      byGroup.set(groupOf(label), [...(byGroup.get(groupOf(label)) ?? []), score]);
    }
    const dev = summarize(byGroup.get('dev') ?? []);
    const heldout = summarize(byGroup.get('heldout') ?? []);
    console.log(
      `  ${variant.name.padEnd(14)} ${percent(dev.right, dev.occurrences).padStart(9)} ${String(dev.phantoms).padStart(8)}   ${percent(heldout.right, heldout.occurrences).padStart(14)} ${String(heldout.phantoms).padStart(8)}   ${variant.description}`,
    );
  }
}
