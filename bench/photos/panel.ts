/**
 * Lays a label out flat, as printed: paragraphs set by Pango in the label's typeface and wrapped to their
 * column, in one, two or three columns, or inside a ruled Drug Facts box, with coloured panels behind
 * paragraphs. The camera (camera.ts) then turns the flat print into a photo.
 */
import sharp, { type OverlayOptions } from 'sharp';
import { pangoFont, type Typeface } from './fonts.ts';

export interface Paragraph {
  readonly text: string;
  /** Printed bold before the text (a heading), on its own line when `leadOwnLine`. */
  readonly lead?: string;
  readonly leadOwnLine?: boolean;
  /** Font size in px, as a factor of the label's body size. @default 1 */
  readonly scale?: number;
  readonly bold?: boolean;
  /** Space before the paragraph, in body sizes. @default 0.5 */
  readonly gap?: number;
  readonly align?: 'left' | 'centre';
  /** Printed light on a coloured panel. */
  readonly panel?: { readonly background: string; readonly ink: string };
}

export interface Look {
  readonly typeface: Typeface;
  /** Body text size, px. */
  readonly size: number;
  readonly paper: string;
  readonly ink: string;
}

export interface FlatLabel {
  /** RGB pixels, row by row. */
  readonly pixels: Buffer;
  readonly width: number;
  readonly height: number;
  /** The text as a reader would take it in: column after column, top to bottom. */
  readonly text: string;
}

interface Block {
  readonly data: Buffer;
  readonly width: number;
  readonly height: number;
}

const escapeMarkup = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

function caps(look: Look, text: string): string {
  return look.typeface.allCaps ? text.toUpperCase() : text;
}

/** One paragraph set in `width` px: RGBA pixels, as wide as its longest line. */
async function setParagraph(look: Look, paragraph: Paragraph, width: number): Promise<Block> {
  const size = Math.round(look.size * (paragraph.scale ?? 1));
  const ink = paragraph.panel?.ink ?? look.ink;
  const lead =
    paragraph.lead === undefined
      ? ''
      : `<b>${escapeMarkup(caps(look, paragraph.lead))}</b>${paragraph.leadOwnLine ? '\n' : ' '}`;
  const markup = `<span foreground="${ink}">${lead}${escapeMarkup(caps(look, paragraph.text))}</span>`;
  const { data, info } = await sharp({
    text: {
      text: markup,
      font: pangoFont(look.typeface, size, paragraph.bold ?? look.typeface.bold),
      width,
      dpi: 72,
      rgba: true,
      wrap: 'word',
      align: paragraph.align === 'centre' ? 'centre' : 'left',
      spacing: Math.round(size * 0.25),
    },
  })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Places paragraphs down a column from `top`; returns the overlays, shapes and the bottom edge. */
async function setColumn(
  look: Look,
  paragraphs: readonly Paragraph[],
  left: number,
  top: number,
  width: number,
): Promise<{ overlays: OverlayOptions[]; shapes: string[]; bottom: number }> {
  const overlays: OverlayOptions[] = [];
  const shapes: string[] = [];
  let y = top;
  for (const [index, paragraph] of paragraphs.entries()) {
    // The first paragraph starts the column; the others keep at least a third of a line apart.
    if (index > 0) y += Math.round(Math.max(0.35, paragraph.gap ?? 0.5) * look.size);
    const pad = paragraph.panel ? Math.round(look.size * 0.6) : 0;
    const block = await setParagraph(look, paragraph, width - 2 * pad);
    if (paragraph.panel) {
      shapes.push(
        `<rect x="${left}" y="${y}" width="${width}" height="${block.height + 2 * pad}" rx="${pad}" fill="${paragraph.panel.background}"/>`,
      );
    }
    const x = paragraph.align === 'centre' ? left + Math.round((width - block.width) / 2) : left + pad;
    overlays.push({
      input: block.data,
      raw: { width: block.width, height: block.height, channels: 4 },
      left: x,
      top: y + pad,
    });
    y += block.height + 2 * pad;
  }
  return { overlays, shapes, bottom: y };
}

async function compose(
  look: Look,
  width: number,
  height: number,
  shapes: readonly string[],
  overlays: readonly OverlayOptions[],
): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${look.paper}"/>${shapes.join('')}</svg>`;
  return sharp(Buffer.from(svg))
    .composite([...overlays])
    .removeAlpha()
    .raw()
    .toBuffer();
}

const plain = (paragraphs: readonly Paragraph[]) =>
  paragraphs
    .map((paragraph) =>
      paragraph.lead === undefined
        ? paragraph.text
        : `${paragraph.lead}${paragraph.leadOwnLine ? '\n' : ' '}${paragraph.text}`,
    )
    .join('\n');

/**
 * Columns side by side, each `fractions[i]` of the text width, with `gutter` px between them and a thin
 * rule in the gutter when `rules`.
 */
export async function layColumns(
  look: Look,
  columns: readonly (readonly Paragraph[])[],
  options: { width: number; margin: number; gutter: number; fractions?: readonly number[]; rules?: boolean },
): Promise<FlatLabel> {
  const { width, margin, gutter } = options;
  const textWidth = width - 2 * margin - gutter * (columns.length - 1);
  const fractions = options.fractions ?? columns.map(() => 1 / columns.length);
  const overlays: OverlayOptions[] = [];
  const shapes: string[] = [];
  let left = margin;
  let bottom = margin;
  const edges: number[] = [];
  for (const [index, column] of columns.entries()) {
    const columnWidth = Math.round(textWidth * (fractions[index] ?? 0));
    const set = await setColumn(look, column, left, margin, columnWidth);
    overlays.push(...set.overlays);
    shapes.push(...set.shapes);
    bottom = Math.max(bottom, set.bottom);
    left += columnWidth + gutter;
    edges.push(left - Math.round(gutter / 2));
  }
  const height = bottom + margin;
  if (options.rules) {
    for (const x of edges.slice(0, -1)) {
      shapes.push(
        `<line x1="${x}" y1="${margin}" x2="${x}" y2="${height - margin}" stroke="${look.ink}" stroke-width="1.5"/>`,
      );
    }
  }
  return {
    pixels: await compose(look, width, height, shapes, overlays),
    width,
    height,
    text: columns.map(plain).join('\n'),
  };
}

/** One row of a Drug Facts panel. */
export type DrugFactsRow =
  | { readonly kind: 'title'; readonly text: string }
  | { readonly kind: 'rule'; readonly weight: number }
  | { readonly kind: 'paragraph'; readonly paragraph: Paragraph }
  /** A name on the left, its purpose on the right, dot leaders between (the actives table). */
  | { readonly kind: 'pair'; readonly left: string; readonly right: string; readonly bold?: boolean };

/** A Drug Facts panel: a ruled box, rows separated by rules of the given weight. */
export async function layDrugFacts(
  look: Look,
  rows: readonly DrugFactsRow[],
  options: { width: number; margin: number },
): Promise<FlatLabel> {
  const { width, margin } = options;
  const inset = Math.round(look.size * 0.6);
  const inner = width - 2 * margin - 2 * inset;
  const overlays: OverlayOptions[] = [];
  const shapes: string[] = [];
  const lines: string[] = [];
  let y = margin + inset;
  const place = (block: Block, x: number) => {
    overlays.push({
      input: block.data,
      raw: { width: block.width, height: block.height, channels: 4 },
      left: x,
      top: y,
    });
  };
  for (const row of rows) {
    if (row.kind === 'rule') {
      y += Math.round(look.size * 0.25);
      shapes.push(
        `<rect x="${margin}" y="${y}" width="${width - 2 * margin}" height="${row.weight}" fill="${look.ink}"/>`,
      );
      y += row.weight + Math.round(look.size * 0.2);
    } else if (row.kind === 'title') {
      const block = await setParagraph(look, { text: row.text, scale: 1.7, bold: true }, inner);
      place(block, margin + inset);
      y += block.height;
      lines.push(row.text);
    } else if (row.kind === 'paragraph') {
      const block = await setParagraph(look, row.paragraph, inner);
      place(block, margin + inset);
      y += block.height + Math.round(look.size * 0.15);
      lines.push(plain([row.paragraph]));
    } else {
      const left = await setParagraph(look, { text: row.left, bold: row.bold }, Math.round(inner * 0.7));
      const right = await setParagraph(look, { text: row.right, bold: row.bold }, Math.round(inner * 0.3));
      place(left, margin + inset);
      place(right, width - margin - inset - right.width);
      const gap = inner - left.width - right.width - look.size;
      if (!row.bold && gap > look.size * 2) {
        const dots = await setParagraph(look, { text: '.'.repeat(Math.floor(gap / (look.size * 0.3))) }, gap);
        place(dots, margin + inset + left.width + Math.round(look.size / 2));
      }
      y += Math.max(left.height, right.height) + Math.round(look.size * 0.15);
      lines.push(`${row.left} ${row.right}`);
    }
  }
  y += inset;
  const stroke = Math.max(2, Math.round(look.size / 7));
  shapes.push(
    `<rect x="${margin}" y="${margin}" width="${width - 2 * margin}" height="${y - margin}" fill="none" stroke="${look.ink}" stroke-width="${stroke}"/>`,
  );
  const height = y + margin;
  return {
    pixels: await compose(look, width, height, shapes, overlays),
    width,
    height,
    text: lines.join('\n'),
  };
}
