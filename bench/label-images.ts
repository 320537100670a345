/**
 * Deterministic generator of ingredient-label photos with their truth, for the OCR accuracy benchmark
 * (`npm run bench:accuracy`) and the committed image fixtures (`tests/fixtures/images`).
 *
 * Every label prints a product name, a marketing line, an ingredient heading ("INGREDIENTS:",
 * "Ingredients:" or "Materials:") with a comma-separated list of 6–14 library entries wrapped to the label
 * width (each printed by its canonical name or, about 30% of the time, by one of its aliases), then
 * "Directions: …" / "Warning: …" / "Made in …, Lot 12345" lines. The truth is always the canonical name.
 * Text is rendered by sharp from SVG; three styles:
 * - `clean`: black 20–28 px text on white or off-white, straight, PNG;
 * - `photo`: dark-grey 18–24 px text on a warm paper gradient with a darker corner (uneven light),
 *   rotated ±3°, Gaussian noise σ 8–12, JPEG quality 70;
 * - `hard`: 13–16 px #555-ish text on a #bbb-ish gradient, blur σ 0.6–0.9, noise σ 15–20, rotated ±4°,
 *   JPEG quality 70.
 * Everything (content, layout, noise) comes from a seeded PRNG: the same seed gives the same bytes.
 *
 * CLI:
 *   node --import tsx bench/label-images.ts set <outDir> [--seed N] [--per-style N]
 *   node --import tsx bench/label-images.ts fixtures <outDir> [--seed N]
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';
import { LIBRARY_FILE, loadLibraryFile } from '../lambdas/src/library/library-file.ts';
import { seededRandom } from '../tests/support/ocr-noise.ts';
import { addNoise, grey, parseHex } from './lib/pixels.ts';
import { type PrintableEntry, printableTerms } from './lib/printable-terms.ts';
import { hashSeed, int, pick, type Rng, shuffle, uniform } from './lib/random.ts';

export type LabelStyle = 'clean' | 'photo' | 'hard';
export const STYLES: readonly LabelStyle[] = ['clean', 'photo', 'hard'];

/** One line of truth.json. */
export interface LabelTruth {
  readonly file: string;
  readonly style: LabelStyle;
  /** Canonical library names, in printed order. */
  readonly ingredients: string[];
}

/** What the generator knows about a label beyond truth.json (kept in the manifest). */
export interface GeneratedLabel extends LabelTruth {
  /** The label's text exactly as printed, one rendered line per line. */
  readonly text: string;
  /** How each ingredient was printed (the canonical name or an alias), parallel to `ingredients`. */
  readonly printed: string[];
  readonly width: number;
  readonly height: number;
  readonly fontSize: number;
}

export interface LabelSetOptions {
  /** PRNG seed (default 1). */
  readonly seed?: number;
  /** Images per style (default 14, at least 1). */
  readonly perStyle?: number;
}

/** Bump when the rendering or the content rules change, so cached sets are regenerated. */
const GENERATOR_VERSION = 2;
const MANIFEST = 'manifest.json';
const TRUTH = 'truth.json';
export const DEFAULT_SEED = 1;
export const DEFAULT_PER_STYLE = 14;

interface Manifest {
  readonly generator: number;
  readonly seed: number;
  readonly perStyle: number;
  readonly library: string;
  readonly labels: GeneratedLabel[];
}

/**
 * Writes `perStyle` images of each style and `truth.json` into `outDir`, plus a manifest; does nothing
 * when `outDir` already holds the set of this seed, count, generator version and library file.
 * @returns every label with its printed text.
 */
export async function generateLabelSet(
  outDir: string,
  options: LabelSetOptions = {},
): Promise<GeneratedLabel[]> {
  const seed = options.seed ?? DEFAULT_SEED;
  const perStyle = Math.max(1, Math.floor(options.perStyle ?? DEFAULT_PER_STYLE));
  const libraryHash = createHash('sha256')
    .update(await readFile(LIBRARY_FILE))
    .digest('hex');
  const existing = await readManifest(outDir);
  if (
    existing?.generator === GENERATOR_VERSION &&
    existing.seed === seed &&
    existing.perStyle === perStyle &&
    existing.library === libraryHash &&
    existing.labels.every((label) => existsSync(path.join(outDir, label.file)))
  ) {
    return existing.labels;
  }

  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  const terms = printableTerms((await loadLibraryFile()).ingredients);
  const labels: GeneratedLabel[] = [];
  for (const style of STYLES) {
    for (let index = 1; index <= perStyle; index++) {
      const file = `${style}-${String(index).padStart(2, '0')}.${style === 'clean' ? 'png' : 'jpg'}`;
      const rng = seededRandom(hashSeed(seed, style, index));
      const label = await renderLabel(rng, terms, style, { ingredients: [6, 14], width: [900, 1300] });
      await writeFile(path.join(outDir, file), label.image);
      labels.push({ file, style, ...label.info });
    }
  }
  const truth: LabelTruth[] = labels.map(({ file, style, ingredients }) => ({ file, style, ingredients }));
  await writeFile(path.join(outDir, TRUTH), `${JSON.stringify(truth, null, 2)}\n`);
  const manifest: Manifest = { generator: GENERATOR_VERSION, seed, perStyle, library: libraryHash, labels };
  await writeFile(path.join(outDir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return labels;
}

/**
 * The committed test fixtures: `clean.png`, `photo.jpg`, `hard.jpg` (900–1100 px wide, 6–8 ingredients)
 * and `truth.json`, no manifest.
 */
export async function generateFixtures(outDir: string, seed: number): Promise<GeneratedLabel[]> {
  await mkdir(outDir, { recursive: true });
  const terms = printableTerms((await loadLibraryFile()).ingredients);
  const labels: GeneratedLabel[] = [];
  for (const style of STYLES) {
    const file = `${style}.${style === 'clean' ? 'png' : 'jpg'}`;
    const rng = seededRandom(hashSeed(seed, style, 0));
    // The width range leaves room for the ±4° rotation to stay within 1100 px.
    const label = await renderLabel(rng, terms, style, { ingredients: [6, 8], width: [900, 1040] });
    await writeFile(path.join(outDir, file), label.image);
    labels.push({ file, style, ...label.info });
  }
  const truth: LabelTruth[] = labels.map(({ file, style, ingredients }) => ({ file, style, ingredients }));
  await writeFile(path.join(outDir, TRUTH), `${JSON.stringify(truth, null, 2)}\n`);
  return labels;
}

async function readManifest(outDir: string): Promise<Manifest | null> {
  try {
    return JSON.parse(await readFile(path.join(outDir, MANIFEST), 'utf8')) as Manifest;
  } catch {
    return null;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Content

const BRANDS = [
  'Lotus',
  'Bloomwell',
  'Moonday',
  'Cora Soft',
  'Nuvia',
  'Serenea',
  'Hazel Grove',
  'Fleurine',
  'Tidal',
  'Petalia',
  'Junebug',
  'Velvet Moss',
];
const PRODUCTS = [
  'Ultra Thin Pads with Wings',
  'Overnight Maxi Pads',
  'Organic Cotton Tampons',
  'Daily Panty Liners',
  'Gentle Intimate Wash',
  'Soothing Intimate Cream',
  'Menstrual Cup Cleanser',
  'Feminine Cleansing Wipes',
  'Regular Tampons',
  'Balancing Intimate Gel',
  'Reusable Period Underwear',
  'Super Plus Tampons',
];
const MARKETING = [
  'Gentle, breathable protection for sensitive skin.',
  'Dermatologist tested. pH balanced for everyday comfort.',
  'Soft on skin, tough on leaks - up to 12 hours of comfort.',
  'Designed with gynaecologists for all-day freshness.',
  'Hypoallergenic and kind to your body.',
  'Feel fresh and confident, every day of the month.',
  'Clinically tested for comfort. Free-flowing protection.',
  'Thoughtfully made for your most sensitive moments.',
];
const HEADINGS = ['INGREDIENTS:', 'Ingredients:', 'Materials:'];
const DIRECTIONS = [
  'Directions: Change every 4 to 8 hours. Use the lowest absorbency needed for your flow.',
  'Directions: Apply a small amount to the external intimate area, then rinse well with water.',
  'Directions: Peel off the backing and press firmly onto the centre of your underwear.',
  'Directions: Wash hands before use. Insert gently and change at least every 8 hours.',
];
const WARNINGS = [
  'Warning: Tampons are associated with Toxic Shock Syndrome (TSS), a rare but serious illness.',
  'Warning: For external use only. Stop using and ask a doctor if irritation occurs.',
  'Warning: Keep out of reach of children. Do not flush.',
  'Warning: Do not use if the seal is broken. Store in a cool, dry place.',
];
const COUNTRIES = [
  'Portugal',
  'Germany',
  'Italy',
  'Spain',
  'France',
  'Canada',
  'the USA',
  'Poland',
  'Sweden',
];

// ---------------------------------------------------------------------------------------------------------
// Rendering

const FONTS = ['DejaVu Sans', 'DejaVu Serif', 'DejaVu Sans Condensed'] as const;
type Font = (typeof FONTS)[number];

interface StyleLook {
  readonly background: string;
  /** A darker corner: gradient from `background` to this colour. */
  readonly shade: string | null;
  readonly ink: string;
  readonly fontSize: number;
  readonly angle: number;
  readonly blur: number;
  readonly noise: number;
}

function chooseLook(rng: Rng, style: LabelStyle): StyleLook {
  switch (style) {
    case 'clean':
      return {
        background: pick(rng, ['#ffffff', '#fdfdf8', '#faf8f2', '#f7f7f4']),
        shade: null,
        ink: pick(rng, ['#000000', '#111111', '#1a1a1a']),
        fontSize: int(rng, 20, 28),
        angle: 0,
        blur: 0,
        noise: 0,
      };
    case 'photo':
      return {
        background: grey(rng, [242, 236, 222], 8),
        shade: grey(rng, [190, 176, 150], 14),
        ink: grey(rng, [48, 48, 48], 10),
        fontSize: int(rng, 18, 24),
        angle: uniform(rng, -3, 3),
        blur: 0,
        noise: uniform(rng, 8, 12),
      };
    case 'hard':
      return {
        background: grey(rng, [196, 196, 192], 6),
        shade: grey(rng, [168, 168, 164], 6),
        ink: grey(rng, [85, 85, 85], 6),
        fontSize: int(rng, 13, 16),
        angle: uniform(rng, -4, 4),
        blur: uniform(rng, 0.6, 0.9),
        noise: uniform(rng, 15, 20),
      };
  }
}

interface Line {
  readonly text: string;
  readonly size: number;
  readonly bold: boolean;
  /** Extra space before the line, in line heights. */
  readonly gap: number;
}

interface RenderedLabel {
  readonly image: Buffer;
  readonly info: Omit<GeneratedLabel, 'file' | 'style'>;
}

async function renderLabel(
  rng: Rng,
  terms: readonly PrintableEntry[],
  style: LabelStyle,
  limits: { ingredients: [number, number]; width: [number, number] },
): Promise<RenderedLabel> {
  const look = chooseLook(rng, style);
  const font = pick(rng, FONTS);
  const width = int(rng, limits.width[0], limits.width[1]);
  const margin = int(rng, 40, 70);
  const wrapWidth = width - 2 * margin;

  const chosen = shuffle(rng, terms).slice(0, int(rng, limits.ingredients[0], limits.ingredients[1]));
  const printed = chosen.map((entry) =>
    entry.name === null || (entry.aliases.length > 0 && rng() < 0.3) ? pick(rng, entry.aliases) : entry.name,
  );

  const size = look.fontSize;
  const lines: Line[] = [];
  const add = (text: string, options: Partial<Omit<Line, 'text'>> = {}) => {
    const lineSize = options.size ?? size;
    const bold = options.bold ?? false;
    wrap(text, wrapWidth, lineSize, font, bold).forEach((part, index) => {
      lines.push({ text: part, size: lineSize, bold, gap: index === 0 ? (options.gap ?? 0) : 0 });
    });
  };
  add(`${pick(rng, BRANDS)} ${pick(rng, PRODUCTS)}`, { size: Math.round(size * 1.4), bold: true });
  add(pick(rng, MARKETING));
  const heading = pick(rng, HEADINGS);
  const list = `${printed.join(', ')}.`;
  if (rng() < 0.5) {
    add(heading, { bold: true, gap: 0.6 });
    add(list);
  } else {
    add(`${heading} ${list}`, { gap: 0.6 });
  }
  const tail = shuffle(rng, [pick(rng, DIRECTIONS), pick(rng, WARNINGS)]).slice(0, rng() < 0.3 ? 1 : 2);
  tail.forEach((text, index) => {
    add(text, { gap: index === 0 ? 0.6 : 0.2 });
  });
  add(`Made in ${pick(rng, COUNTRIES)}, Lot ${int(rng, 10000, 99999)}`, { gap: 0.2 });

  const lineHeight = (line: Line) => line.size * 1.4;
  let y = margin;
  const tspans: string[] = [];
  for (const line of lines) {
    y += line.gap * lineHeight(line) + line.size * 1.05;
    tspans.push(
      `<text x="${margin}" y="${y.toFixed(1)}" font-size="${line.size}"${line.bold ? ' font-weight="bold"' : ''}>${escapeXml(line.text)}</text>`,
    );
    y += lineHeight(line) - line.size * 1.05;
  }
  const height = Math.round(y + margin);

  const gradient =
    look.shade === null
      ? ''
      : (() => {
          // The darker corner is one of the four, picked at random: light falls unevenly on the pack.
          const corner = int(rng, 0, 3);
          const [x1, y1, x2, y2] = [
            [0, 0, 1, 1],
            [1, 0, 0, 1],
            [0, 1, 1, 0],
            [1, 1, 0, 0],
          ][corner] ?? [0, 0, 1, 1];
          const mid = uniform(rng, 0.35, 0.6).toFixed(2);
          return `<defs><linearGradient id="light" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}"><stop offset="0" stop-color="${look.background}"/><stop offset="${mid}" stop-color="${look.background}"/><stop offset="1" stop-color="${look.shade}"/></linearGradient></defs>`;
        })();
  const fill = look.shade === null ? look.background : 'url(#light)';
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${gradient}<rect width="100%" height="100%" fill="${fill}"/><g font-family="${font}" fill="${look.ink}">${tspans.join('')}</g></svg>`;

  let pipeline = sharp(Buffer.from(svg));
  if (look.angle !== 0) {
    pipeline = pipeline.rotate(look.angle, { background: edgeColour(look) });
  }
  if (look.blur > 0) pipeline = pipeline.blur(look.blur);
  const { data, info } = await pipeline.removeAlpha().raw().toBuffer({ resolveWithObject: true });
  if (look.noise > 0) addNoise(data, look.noise, seededRandom(Math.floor(rng() * 2 ** 32)));
  // 72 dpi, as phone cameras tag their photos.
  const raw = sharp(data, {
    raw: { width: info.width, height: info.height, channels: info.channels },
  }).withDensity(72);
  const image =
    style === 'clean'
      ? await raw.png({ compressionLevel: 9 }).toBuffer()
      : await raw.jpeg({ quality: 70, chromaSubsampling: '4:2:0' }).toBuffer();

  return {
    image,
    info: {
      ingredients: chosen.map((entry) => entry.canonical),
      printed,
      text: lines.map((line) => line.text).join('\n'),
      width: info.width,
      height: info.height,
      fontSize: size,
    },
  };
}

/** The colour the rotation exposes at the corners: between the light and the dark end of the paper. */
function edgeColour(look: StyleLook): { r: number; g: number; b: number; alpha: number } {
  const a = parseHex(look.background);
  const b = parseHex(look.shade ?? look.background);
  return { r: (a[0] + b[0]) >> 1, g: (a[1] + b[1]) >> 1, b: (a[2] + b[2]) >> 1, alpha: 1 };
}

/**
 * Approximate advance widths of DejaVu Sans, in ems (the font's own metrics rounded up a little), so lines
 * are wrapped to the label without measuring glyphs. Serif is a little wider, Condensed narrower.
 */
function textWidth(text: string, size: number, font: Font, bold: boolean): number {
  let ems = 0;
  for (const char of text) {
    if (char === ' ') ems += 0.32;
    else if ("il.,:;'|!".includes(char)) ems += 0.3;
    else if ('jtfr()-/'.includes(char)) ems += 0.42;
    else if ('mw'.includes(char)) ems += 0.98;
    else if ('MW'.includes(char)) ems += 0.99;
    else if ('I'.includes(char)) ems += 0.3;
    else if (/\p{Lu}/u.test(char)) ems += 0.76;
    else if (/\p{N}/u.test(char)) ems += 0.64;
    else ems += 0.62;
  }
  const face = font === 'DejaVu Serif' ? 1.04 : font === 'DejaVu Sans Condensed' ? 0.9 : 1;
  return ems * size * face * (bold ? 1.12 : 1);
}

/** Greedy word wrap to `maxWidth` pixels. */
function wrap(text: string, maxWidth: number, size: number, font: Font, bold: boolean): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (current !== '' && textWidth(candidate, size, font, bold) > maxWidth) {
      lines.push(current);
      current = word;
    } else {
      current = candidate;
    }
  }
  if (current !== '') lines.push(current);
  return lines;
}

function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

// ---------------------------------------------------------------------------------------------------------
// CLI

async function main(args: string[]): Promise<void> {
  const [command, outDir] = args;
  const option = (name: string) => {
    const index = args.indexOf(name);
    const value = index === -1 ? undefined : Number(args[index + 1]);
    if (value !== undefined && !Number.isInteger(value)) throw new Error(`${name} needs an integer`);
    return value;
  };
  if ((command !== 'set' && command !== 'fixtures') || outDir === undefined) {
    console.error(
      'usage: label-images.ts set <outDir> [--seed N] [--per-style N] | fixtures <outDir> [--seed N]',
    );
    process.exitCode = 2;
    return;
  }
  const labels =
    command === 'set'
      ? await generateLabelSet(outDir, { seed: option('--seed'), perStyle: option('--per-style') })
      : await generateFixtures(outDir, option('--seed') ?? DEFAULT_SEED);
  for (const label of labels) {
    console.log(
      `${label.file.padEnd(14)} ${String(label.width).padStart(5)}×${String(label.height).padEnd(5)} ${String(label.fontSize).padStart(2)} px  ${label.ingredients.length} ingredients`,
    );
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await main(process.argv.slice(2));
}
