/**
 * The conditions of the field-photo set: how the label is laid out (one to three columns, a Drug Facts
 * box, a coloured panel) and how it was photographed (light, angle, distance, camera). Each condition is a
 * recipe over panel.ts and camera.ts; all choices come from the caller's seeded generator.
 */

import { grey } from '../lib/pixels.ts';
import type { PrintableEntry } from '../lib/printable-terms.ts';
import { int, pick, type Rng, shuffle, uniform } from '../lib/random.ts';
import * as camera from './camera.ts';
import {
  BRANDS,
  chooseActives,
  chooseIngredients,
  claimLine,
  DRUG_SECTIONS,
  LIST_HEADINGS,
  makerLine,
  PRODUCTS,
  QUESTIONS,
  TAILS,
} from './content.ts';
import { FACES, type Typeface } from './fonts.ts';
import {
  type DrugFactsRow,
  type FlatLabel,
  type Look,
  layColumns,
  layDrugFacts,
  type Paragraph,
} from './panel.ts';

export const CONDITIONS = [
  'clean',
  'photo',
  'hard',
  'small-print',
  'two-column',
  'three-column',
  'drug-facts',
  'inverted',
  'small-in-frame',
  'low-light',
  'curved-glare',
  'angled',
] as const;
export type Condition = (typeof CONDITIONS)[number];

export interface RenderedPhoto {
  readonly image: Buffer;
  readonly format: 'png' | 'jpeg';
  /** Canonical names of every ingredient printed (actives first on a Drug Facts panel). */
  readonly ingredients: string[];
  /** How each was printed, parallel to `ingredients`. */
  readonly printed: string[];
  /** The label's text in reading order (the text pipeline's ceiling). */
  readonly text: string;
  readonly width: number;
  readonly height: number;
  /** Typeface and body size, e.g. "Oswald Bold caps 18px". */
  readonly font: string;
}

/** Light print on a coloured panel. */
const PANELS = ['#1f3a5f', '#3b2a63', '#0f5c55', '#7a1f4b', '#2e4a1f', '#5a2d0c'];
const LIGHT_INKS = ['#ffffff', '#f6f1e4', '#fdf6d8'];

function chooseTypeface(rng: Rng): Typeface {
  const face = pick(rng, FACES);
  return { face, bold: rng() < 0.25, italic: face.italic && rng() < 0.15, allCaps: rng() < 0.15 };
}

function describe(look: Look): string {
  const { face, bold, italic, allCaps } = look.typeface;
  return [face.family, bold ? 'Bold' : '', italic ? 'Italic' : '', allCaps ? 'caps' : '', `${look.size}px`]
    .filter((part) => part !== '')
    .join(' ');
}

/** Paper and ink of a printed pack photographed indoors. */
function printedLook(rng: Rng, typeface: Typeface, size: number): Look {
  return { typeface, size, paper: grey(rng, [244, 240, 230], 8), ink: grey(rng, [40, 40, 44], 12) };
}

interface Sections {
  readonly title: Paragraph;
  readonly claim: Paragraph;
  readonly list: Paragraph;
  readonly tails: Paragraph[];
  readonly maker: Paragraph;
}

function packSections(rng: Rng, printed: readonly string[], heading = pick(rng, LIST_HEADINGS)): Sections {
  return {
    title: {
      text: `${pick(rng, BRANDS)} ${pick(rng, PRODUCTS)}`,
      scale: 1.4,
      bold: true,
      gap: 0,
      align: rng() < 0.3 ? 'centre' : 'left',
    },
    claim: { text: claimLine(rng) },
    list: { lead: heading, leadOwnLine: rng() < 0.4, text: `${printed.join(', ')}.`, gap: 0.8 },
    tails: shuffle(rng, TAILS.en ?? [])
      .slice(0, int(rng, 1, 2))
      .map((text) => ({ text, gap: 0.5 })),
    maker: { text: makerLine(rng), scale: 0.85 },
  };
}

const single = (sections: Sections): Paragraph[] => [
  sections.title,
  sections.claim,
  sections.list,
  ...sections.tails,
  sections.maker,
];

async function layOut(condition: Condition, rng: Rng, look: Look, sections: Sections): Promise<FlatLabel> {
  const margin = int(rng, 30, 60);
  switch (condition) {
    case 'two-column': {
      const left = [sections.title, sections.claim, ...sections.tails];
      const right = [{ ...sections.list, gap: 0 }, sections.maker];
      const listFirst = rng() < 0.3;
      const share = uniform(rng, 0.38, 0.5);
      return layColumns(look, listFirst ? [right, left] : [left, right], {
        width: int(rng, 1300, 1700),
        margin,
        gutter: int(rng, 30, 60),
        fractions: listFirst ? [1 - share, share] : [share, 1 - share],
        rules: rng() < 0.4,
      });
    }
    case 'three-column': {
      const languages = shuffle(rng, ['fr', 'de', 'es', 'it']).slice(0, 2);
      const columns: Paragraph[][] = [
        [sections.title, ...sections.tails],
        ...languages.map((language) => (TAILS[language] ?? []).map((text) => ({ text, gap: 0.5 }))),
      ];
      const at = int(rng, 0, 2);
      columns[at] = [{ ...sections.list, gap: 0 }, ...(columns[at] ?? [])];
      return layColumns(look, columns, {
        width: int(rng, 1500, 1900),
        margin,
        gutter: int(rng, 28, 48),
        rules: rng() < 0.5,
      });
    }
    default:
      return layColumns(look, [single(sections)], { width: int(rng, 900, 1300), margin, gutter: 0 });
  }
}

async function drugFactsPanel(
  rng: Rng,
  look: Look,
  terms: readonly PrintableEntry[],
): Promise<{ flat: FlatLabel; ingredients: string[]; printed: string[] }> {
  const actives = chooseActives(rng, terms);
  const activeNames = new Set(actives.map((active) => active.canonical));
  const inactive = chooseIngredients(
    rng,
    terms.filter((entry) => !activeNames.has(entry.canonical)),
    int(rng, 5, 12),
  );
  const rows: DrugFactsRow[] = [
    { kind: 'title', text: 'Drug Facts' },
    { kind: 'rule', weight: 4 },
    {
      kind: 'pair',
      left: actives.length > 1 ? 'Active ingredients' : 'Active ingredient',
      right: 'Purpose',
      bold: true,
    },
    ...actives.map((active) => ({
      kind: 'pair' as const,
      left: `${active.printed} ${active.strength}`,
      right: active.purpose,
    })),
  ];
  for (const section of DRUG_SECTIONS) {
    rows.push(
      { kind: 'rule', weight: 2 },
      { kind: 'paragraph', paragraph: { lead: section.heading, text: section.lines.join(' '), gap: 0 } },
    );
  }
  rows.push(
    { kind: 'rule', weight: 2 },
    {
      kind: 'paragraph',
      paragraph: { lead: 'Inactive ingredients', text: inactive.printed.join(', '), gap: 0 },
    },
    { kind: 'rule', weight: 2 },
    { kind: 'paragraph', paragraph: { text: QUESTIONS, gap: 0 } },
  );
  const flat = await layDrugFacts(look, rows, { width: int(rng, 800, 1100), margin: int(rng, 24, 48) });
  return {
    flat,
    ingredients: [...actives.map((active) => active.canonical), ...inactive.canonical],
    printed: [...actives.map((active) => active.printed), ...inactive.printed],
  };
}

/** Body text size (px) of each condition: what its print measures in a phone photo. */
function bodySize(condition: Condition, rng: Rng): number {
  switch (condition) {
    case 'clean':
      return int(rng, 18, 26);
    case 'hard':
      return int(rng, 13, 16);
    case 'small-print':
      return int(rng, 10, 12);
    case 'three-column':
    case 'drug-facts':
      return int(rng, 14, 18);
    default:
      return int(rng, 16, 23);
  }
}

/** Renders one label of `condition`. */
export async function renderPhoto(
  condition: Condition,
  rng: Rng,
  terms: readonly PrintableEntry[],
): Promise<RenderedPhoto> {
  const typeface = chooseTypeface(rng);
  const size = bodySize(condition, rng);
  let look = printedLook(rng, typeface, size);
  if (condition === 'hard')
    look = { ...look, paper: grey(rng, [196, 196, 192], 6), ink: grey(rng, [85, 85, 85], 6) };
  if (condition === 'clean') look = { ...look, paper: pick(rng, ['#ffffff', '#fbfaf6']), ink: '#111111' };

  let flat: FlatLabel;
  let ingredients: string[];
  let printed: string[];
  if (condition === 'drug-facts') {
    ({ flat, ingredients, printed } = await drugFactsPanel(rng, look, terms));
  } else {
    ({ canonical: ingredients, printed } = chooseIngredients(rng, terms, int(rng, 6, 14)));
    let sections = packSections(rng, printed);
    if (condition === 'inverted') {
      const panel = { background: pick(rng, PANELS), ink: pick(rng, LIGHT_INKS) };
      if (rng() < 0.5) look = { ...look, paper: panel.background, ink: panel.ink };
      else sections = { ...sections, list: { ...sections.list, panel } };
    }
    flat = await layOut(condition, rng, look, sections);
  }

  const photo = await photograph(condition, rng, flat, look);
  const format = condition === 'clean' ? 'png' : 'jpeg';
  return {
    image: await camera.encode(photo, format, int(rng, 70, 88)),
    format,
    ingredients,
    printed,
    text: flat.text,
    width: photo.width,
    height: photo.height,
    font: describe(look),
  };
}

/** How `condition` was photographed. */
async function photograph(
  condition: Condition,
  rng: Rng,
  flat: FlatLabel,
  look: Look,
): Promise<camera.Picture> {
  let picture: camera.Picture = flat;
  const surround = grey(rng, [110, 96, 80], 20);
  switch (condition) {
    case 'clean':
      return picture;
    case 'hard':
      picture = camera.shade(picture, uniform(rng, 0.8, 0.9), rng);
      picture = await camera.rotate(picture, uniform(rng, -4, 4), look.paper);
      picture = await camera.blur(picture, uniform(rng, 0.6, 0.9));
      return camera.noise(picture, uniform(rng, 15, 20), rng);
    case 'small-print':
      picture = await camera.rotate(picture, uniform(rng, -2, 2), look.paper);
      picture = await camera.blur(picture, uniform(rng, 0.4, 0.6));
      return camera.noise(picture, uniform(rng, 4, 7), rng);
    case 'small-in-frame': {
      picture = await camera.rotate(picture, uniform(rng, -3, 3), surround);
      const frame = Math.min(4032, Math.max(3000, Math.round(picture.width / uniform(rng, 0.25, 0.42))));
      picture = await camera.inFrame(picture, frame, rng);
      picture = camera.shade(picture, uniform(rng, 0.7, 0.85), rng);
      return camera.noise(picture, uniform(rng, 4, 8), rng);
    }
    case 'low-light':
      picture = await camera.rotate(picture, uniform(rng, -2, 2), look.paper);
      picture = camera.shade(picture, uniform(rng, 0.6, 0.8), rng);
      picture = camera.darken(picture, uniform(rng, 0.25, 0.4));
      picture = await camera.motionBlur(picture, int(rng, 4, 9), uniform(rng, 0, 180));
      return camera.noise(picture, uniform(rng, 7, 12), rng);
    case 'curved-glare':
      picture = camera.cylinder(picture, uniform(rng, 1.5, 2.3), uniform(rng, 6, 18), surround);
      picture = camera.glare(picture, rng);
      return camera.noise(picture, uniform(rng, 4, 8), rng);
    case 'angled':
      picture = camera.perspective(picture, uniform(rng, 0.12, 0.25), surround, rng);
      picture = await camera.rotate(picture, uniform(rng, -4, 4), surround);
      picture = camera.shade(picture, uniform(rng, 0.75, 0.9), rng);
      return camera.noise(picture, uniform(rng, 4, 8), rng);
    default:
      // photo, small print's neighbours and the layouts: a pack on a counter under room light.
      picture = camera.shade(picture, uniform(rng, 0.7, 0.88), rng);
      picture = await camera.rotate(picture, uniform(rng, -3, 3), look.paper);
      return camera.noise(picture, uniform(rng, 6, 10), rng);
  }
}
