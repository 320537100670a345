/**
 * `npm run bench:labels:split [-- --corpus <dir> --split <file>]`: places every label of the real-label
 * corpus (bench/labels/corpus/*.json) in the development or the held-out half, at random, and writes
 * bench/labels/split.json.
 *
 * - The seed is 128 random bits from the OS (crypto), printed and recorded with the draw; the draw is
 *   stratified by `kind`, about half of each kind in each half.
 * - Labels already in split.json never move: only labels that are not yet placed are drawn, with a new
 *   seed recorded under `additions`. Nothing is written when every label is placed.
 * - Fails, writing nothing, when the corpus is invalid or an id appears in it twice.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { CorpusError, readCorpus } from '../lib/label-corpus.ts';
import { drawSplit, halvesOf, labelSplitSchema, SplitError } from '../lib/label-split.ts';

const { values } = parseArgs({
  options: {
    corpus: { type: 'string', default: path.join('bench', 'labels', 'corpus') },
    split: { type: 'string', default: path.join('bench', 'labels', 'split.json') },
  },
});
const corpusDir = values.corpus;
const splitFile = values.split;

try {
  draw();
} catch (error) {
  if (!(error instanceof CorpusError || error instanceof SplitError)) throw error;
  console.error(`${error.message}\nNothing written.`);
  process.exitCode = 1;
}

function draw(): void {
  const labels = readCorpus(corpusDir);
  if (labels.length === 0) throw new CorpusError(`no labels in ${corpusDir}`);
  const existing = existsSync(splitFile)
    ? labelSplitSchema.parse(JSON.parse(readFileSync(splitFile, 'utf8')))
    : null;

  const seed = randomBytes(16).toString('hex');
  const { split, drawn, orphans } = drawSplit({ labels, existing, seed, now: new Date().toISOString() });

  for (const id of orphans)
    console.warn(`warning: ${id} is in ${splitFile} but no longer in the corpus (kept)`);
  const placedNow = drawn.dev.length + drawn.heldout.length;
  if (placedNow === 0) {
    console.log(`Every one of the ${labels.length} labels is already placed in ${splitFile}; nothing drawn.`);
  } else {
    writeFileSync(splitFile, `${JSON.stringify(split, null, 2)}\n`);
    console.log(
      `Seed ${seed}: placed ${placedNow} new label(s) (${existing === null ? 'first draw' : 'labels already placed kept their half'}): ${drawn.dev.length} dev, ${drawn.heldout.length} held-out.`,
    );
  }

  const half = halvesOf(split);
  console.log('  kind            dev   held-out');
  const kinds = [...new Set(labels.map((label) => label.kind))].sort();
  for (const kind of kinds) {
    const ofKind = labels.filter((label) => label.kind === kind);
    const dev = ofKind.filter((label) => half.get(label.id) === 'dev').length;
    const heldout = ofKind.length - dev;
    const note = dev === 0 || heldout === 0 ? '   (one half has none of this kind)' : '';
    console.log(`  ${kind.padEnd(14)} ${String(dev).padStart(4)}   ${String(heldout).padStart(8)}${note}`);
  }
  console.log(
    `  ${'all'.padEnd(14)} ${String(split.dev.length).padStart(4)}   ${String(split.heldout.length).padStart(8)}`,
  );
  if (placedNow > 0) console.log(`Written to ${splitFile}: commit it before tuning anything on the corpus.`);
}
