/**
 * The typefaces of the field-photo set: nine OFL families from npm (`@expo-google-fonts/*`, TTF files), so
 * the set renders the same on every machine that ran `npm ci` — none of them is the DejaVu Sans the older
 * bench (label-images.ts) and the committed fixtures use. Rendering goes through librsvg/Pango, which find
 * fonts with fontconfig: {@link useProjectFonts} points fontconfig at the npm folder before the first text
 * is drawn.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';

export interface Face {
  readonly family: string;
  /** What kind of print it stands for on a pack. */
  readonly kind: 'condensed' | 'narrow' | 'serif' | 'sans' | 'display';
  readonly italic: boolean;
}

export const FACES: readonly Face[] = [
  { family: 'Roboto Condensed', kind: 'condensed', italic: true },
  { family: 'Barlow Condensed', kind: 'condensed', italic: true },
  { family: 'Oswald', kind: 'display', italic: false },
  { family: 'Archivo Narrow', kind: 'narrow', italic: true },
  { family: 'PT Sans Narrow', kind: 'narrow', italic: false },
  { family: 'Lora', kind: 'serif', italic: true },
  { family: 'Libre Baskerville', kind: 'serif', italic: true },
  { family: 'Open Sans', kind: 'sans', italic: true },
  { family: 'Montserrat', kind: 'sans', italic: true },
];

const PACKAGES = [
  'roboto-condensed',
  'barlow-condensed',
  'oswald',
  'archivo-narrow',
  'pt-sans-narrow',
  'lora',
  'libre-baskerville',
  'open-sans',
  'montserrat',
];

/** How a label sets its text. */
export interface Typeface {
  readonly face: Face;
  readonly bold: boolean;
  readonly italic: boolean;
  /** Every letter printed as a capital (the truth keeps the library's spelling). */
  readonly allCaps: boolean;
}

/** A Pango font description of `typeface` at `px` pixels (the renderer runs at 72 dpi: 1 pt = 1 px). */
export function pangoFont(typeface: Typeface, px: number, bold = typeface.bold): string {
  return [typeface.face.family, bold ? 'Bold' : '', typeface.italic ? 'Italic' : '', String(px)]
    .filter((part) => part !== '')
    .join(' ');
}

let configured = false;

/**
 * Writes a fontconfig file that adds the npm fonts to the system's and points `FONTCONFIG_FILE` at it.
 * Must run before anything in the process draws text (fontconfig reads its configuration once).
 * @throws {Error} when a family still falls back to another font: the set would silently not be what it
 *   says.
 */
export async function useProjectFonts(): Promise<void> {
  if (configured) return;
  const require = createRequire(import.meta.url);
  const dirs = PACKAGES.map((name) =>
    path.dirname(require.resolve(`@expo-google-fonts/${name}/package.json`)),
  );
  const folder = path.join('bench', '.fonts');
  mkdirSync(folder, { recursive: true });
  const file = path.resolve(folder, 'fonts.conf');
  writeFileSync(
    file,
    [
      '<?xml version="1.0"?>',
      '<!DOCTYPE fontconfig SYSTEM "fonts.dtd">',
      '<fontconfig>',
      '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>',
      ...dirs.map((dir) => `  <dir>${dir}</dir>`),
      `  <cachedir>${path.resolve(folder, 'cache')}</cachedir>`,
      '</fontconfig>',
      '',
    ].join('\n'),
  );
  process.env.FONTCONFIG_FILE = file;
  configured = true;
  const fallback = await inkWidth('No Such Family');
  for (const face of FACES) {
    if ((await inkWidth(face.family)) === fallback) {
      throw new Error(`The font family "${face.family}" is not installed (npm ci installs it).`);
    }
  }
}

async function inkWidth(family: string): Promise<number> {
  const { info } = await sharp({ text: { text: 'Hamburgefonstiv 0123', font: `${family} 40`, dpi: 72 } })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return info.width;
}
