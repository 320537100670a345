/**
 * The field-photo set: `perCondition` photos of each condition (conditions.ts) from one seed, with their
 * truth, for `npm run bench:accuracy`. Two seeds are committed in seeds.json: `dev`, which may be tuned on,
 * and `heldOut`, whose figures are read and whose failures are not.
 *
 * CLI: node --import tsx bench/photos/field-set.ts <outDir> [--seed dev|heldOut|N] [--per-condition N]
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { LIBRARY_FILE, loadLibraryFile } from '../../lambdas/src/library/library-file.ts';
import { seededRandom } from '../../tests/support/ocr-noise.ts';
import { printableTerms } from '../lib/printable-terms.ts';
import { hashSeed } from '../lib/random.ts';
import { CONDITIONS, type Condition, type RenderedPhoto, renderPhoto } from './conditions.ts';
import { useProjectFonts } from './fonts.ts';

/** A photo of the set as the manifest keeps it: what was rendered, without the bytes, and its file. */
export interface FieldPhoto extends Omit<RenderedPhoto, 'image' | 'format'> {
  readonly file: string;
  readonly condition: Condition;
}

export const SEEDS = JSON.parse(readFileSync(new URL('./seeds.json', import.meta.url), 'utf8')) as {
  readonly dev: number;
  readonly heldOut: number;
};
export const DEFAULT_PER_CONDITION = 6;
/** Bump when rendering or content changes, so cached sets are drawn again. */
const GENERATOR_VERSION = 1;
const MANIFEST = 'manifest.json';

interface Manifest {
  readonly generator: number;
  readonly seed: number;
  readonly perCondition: number;
  readonly library: string;
  readonly photos: FieldPhoto[];
}

/**
 * Writes the set of `seed` into `outDir` (images and manifest.json), unless it is already there for this
 * seed, count, generator version and library.
 */
export async function generateFieldSet(
  outDir: string,
  seed: number,
  perCondition = DEFAULT_PER_CONDITION,
): Promise<FieldPhoto[]> {
  const library = createHash('sha256')
    .update(await readFile(LIBRARY_FILE))
    .digest('hex');
  const existing = await readFile(path.join(outDir, MANIFEST), 'utf8')
    .then((text) => JSON.parse(text) as Manifest)
    .catch(() => null);
  if (
    existing?.generator === GENERATOR_VERSION &&
    existing.seed === seed &&
    existing.perCondition === perCondition &&
    existing.library === library &&
    existing.photos.every((photo) => existsSync(path.join(outDir, photo.file)))
  ) {
    return existing.photos;
  }
  await useProjectFonts();
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const terms = printableTerms((await loadLibraryFile()).ingredients);
  const photos: FieldPhoto[] = [];
  for (const condition of CONDITIONS) {
    for (let index = 1; index <= perCondition; index++) {
      const rng = seededRandom(hashSeed(seed, condition, index));
      const photo = await renderPhoto(condition, rng, terms);
      const file = `${condition}-${String(index).padStart(2, '0')}.${photo.format === 'png' ? 'png' : 'jpg'}`;
      await writeFile(path.join(outDir, file), photo.image);
      const { image: _image, format: _format, ...truth } = photo;
      photos.push({ file, condition, ...truth });
    }
  }
  const manifest: Manifest = { generator: GENERATOR_VERSION, seed, perCondition, library, photos };
  await writeFile(path.join(outDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return photos;
}

async function main(args: string[]): Promise<void> {
  const [outDir] = args;
  const value = (name: string) => {
    const index = args.indexOf(name);
    return index === -1 ? undefined : args[index + 1];
  };
  if (outDir === undefined) {
    console.error('usage: field-set.ts <outDir> [--seed dev|heldOut|N] [--per-condition N]');
    process.exitCode = 2;
    return;
  }
  const seedName = value('--seed') ?? 'dev';
  const seed = seedName === 'dev' || seedName === 'heldOut' ? SEEDS[seedName] : Number(seedName);
  const photos = await generateFieldSet(
    outDir,
    seed,
    Number(value('--per-condition') ?? DEFAULT_PER_CONDITION),
  );
  for (const photo of photos) {
    console.log(
      `${photo.file.padEnd(22)} ${String(photo.width).padStart(5)}×${String(photo.height).padEnd(5)} ${photo.font.padEnd(34)} ${photo.ingredients.length} ingredients`,
    );
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2));
}
