import { otsu } from './otsu.ts';
import { toPgm } from './pgm.ts';

/** A rectangle of the prepared image, in pixels. */
export interface Region {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** A gutter is at least this many line heights wide (word spaces are about a third of one). */
const GUTTER_LINES = 0.9;
/** A region is split into columns only when it holds at least this many lines of print. */
const MIN_REGION_LINES = 4;
/** Each side of a gutter holds this many lines of print: a short table row is not a column. */
const MIN_COLUMN_LINES = 3;
/**
 * ...and this many wide: a strip at the photo's edge (the pack's border, a shadow) or the purpose column of
 * a Drug Facts table is not a column of text.
 */
const MIN_COLUMN_WIDTH_LINES = 10;
/** A gutter this many line heights wide separates columns of only two lines. */
const WIDE_GUTTER_LINES = 2;
/** A horizontal cut needs at least this many line heights of blank rows (lines sit closer). */
const MIN_ROW_GAP_LINES = 0.45;
/** Marks lighter than Otsu's level by up to this share of the way to white are faded print. */
const FAINT_SHARE = 0.5;
/** A row of cells inked over this share of its width is solid (a border, a shadow), not a line of text. */
const SOLID_SHARE = 0.97;
/** A stroke down a gutter along this share of the rows of text is a printed rule between columns. */
const GUTTER_RULE_SHARE = 0.75;
/** A row of cells inked over this share of the region's width is a rule across it: it parts rows as a blank would. */
const RULE_SHARE = 0.85;

/**
 * Finds the columns of a label, in reading order, by recursive XY-cut on a grid of ink cells: a region
 * splits at a vertical gutter (blank, or holding only a ruled line) that runs its whole height, with at
 * least three lines of print on each side; where a full-width line (a title, a rule-less heading) stops
 * every gutter, the region is first cut at blank rows, and the cut is kept only where a part below or above
 * then splits into columns. Without columns the whole print is one region. Tesseract's own layout analysis
 * merges columns whose gutter is narrow (a two-column pack came out as lines alternating between them).
 * @param lineHeight the typical text line height in pixels (the preparation enlarges small print to 32).
 */
export function findTextRegions(
  pixels: Uint8Array,
  width: number,
  height: number,
  lineHeight: number,
): Region[] {
  const cell = Math.max(2, Math.round(lineHeight / 6));
  const grid = inkGrid(pixels, width, height, cell);
  const linesInCells = lineHeight / cell;
  const cut = (region: CellRegion): CellRegion[] => {
    const trimmed = trim(grid, region);
    if (trimmed === null) return [];
    const columns = splitColumns(grid, trimmed, linesInCells);
    if (columns) return columns.flatMap(cut);
    const rows = splitRows(grid, trimmed, linesInCells);
    if (rows.length < 2) return [trimmed];
    const parts = rows.map(cut);
    if (parts.every((part) => part.length <= 1)) return [trimmed];
    // Rows that do not split are kept together: tesseract reads a paragraph best whole.
    const merged: CellRegion[] = [];
    let pending: CellRegion | null = null;
    for (const part of parts) {
      if (part.length === 1) {
        pending = pending ? union(pending, part[0] as CellRegion) : (part[0] as CellRegion);
        continue;
      }
      if (pending) merged.push(pending);
      pending = null;
      merged.push(...part);
    }
    if (pending) merged.push(pending);
    return merged;
  };
  const regions = cut({ x0: 0, y0: 0, x1: grid.columns, y1: grid.rows });
  return regions.map(({ x0, y0, x1, y1 }) => {
    const left = Math.max(0, x0 * cell - cell);
    const top = Math.max(0, y0 * cell - cell);
    return {
      left,
      top,
      width: Math.min(width, x1 * cell + cell) - left,
      height: Math.min(height, y1 * cell + cell) - top,
    };
  });
}

/** Cells `[x0, x1) × [y0, y1)` of the grid. */
interface CellRegion {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

interface Grid {
  readonly columns: number;
  readonly rows: number;
  /** 1 where the cell holds print. */
  readonly ink: Uint8Array;
  /**
   * 1 where the cell holds any mark darker than clean paper: print faded by glare still counts, so a
   * washed-out stripe across lines is not taken for a gutter.
   */
  readonly faint: Uint8Array;
}

function inkGrid(pixels: Uint8Array, width: number, height: number, cell: number): Grid {
  const threshold = otsu(pixels, Math.max(1, Math.floor(pixels.length / 300_000)));
  const columns = Math.ceil(width / cell);
  const rows = Math.ceil(height / cell);
  const faintLevel = threshold + (255 - threshold) * FAINT_SHARE;
  const counts = new Uint16Array(columns * rows);
  const faintCounts = new Uint16Array(columns * rows);
  for (let y = 0; y < height; y++) {
    const row = Math.floor(y / cell) * columns;
    for (let x = 0, i = y * width; x < width; x++, i++) {
      const value = pixels[i] as number;
      if (value <= faintLevel) {
        const index = row + Math.floor(x / cell);
        faintCounts[index] = (faintCounts[index] as number) + 1;
        if (value <= threshold) counts[index] = (counts[index] as number) + 1;
      }
    }
  }
  // A few dark pixels make print; one is speckle.
  const ink = new Uint8Array(columns * rows);
  const faint = new Uint8Array(columns * rows);
  const minFaint = Math.max(2, Math.round((cell * cell) / 4));
  for (let i = 0; i < ink.length; i++) {
    ink[i] = (counts[i] as number) >= 2 ? 1 : 0;
    faint[i] = (faintCounts[i] as number) >= minFaint ? 1 : 0;
  }
  return { columns, rows, ink, faint };
}

function trim(grid: Grid, region: CellRegion): CellRegion | null {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = -1;
  let y1 = -1;
  for (let y = region.y0; y < region.y1; y++) {
    for (let x = region.x0; x < region.x1; x++) {
      if (grid.ink[y * grid.columns + x]) {
        x0 = Math.min(x0, x);
        y0 = Math.min(y0, y);
        x1 = Math.max(x1, x + 1);
        y1 = Math.max(y1, y + 1);
      }
    }
  }
  return x1 < 0 ? null : { x0, y0, x1, y1 };
}

const union = (a: CellRegion, b: CellRegion): CellRegion => ({
  x0: Math.min(a.x0, b.x0),
  y0: Math.min(a.y0, b.y0),
  x1: Math.max(a.x1, b.x1),
  y1: Math.max(a.y1, b.y1),
});

/**
 * About how many lines of text columns `[x0, x1)` of `region` hold: rows holding print, in line heights
 * (lines of a paragraph often touch on the grid). Rows inked almost edge to edge are a dark border or a
 * shadow along the photo's edge, not text.
 */
function textLines(grid: Grid, region: CellRegion, x0: number, x1: number, lineCells: number): number {
  let rows = 0;
  for (let y = region.y0; y < region.y1; y++) {
    let inked = 0;
    for (let x = x0; x < x1; x++) inked += grid.ink[y * grid.columns + x] as number;
    if (inked > 0 && inked < SOLID_SHARE * (x1 - x0)) rows++;
  }
  return rows / lineCells;
}

/** The region split at its widest full-height gutter, when both sides are columns of print. */
function splitColumns(grid: Grid, region: CellRegion, lineCells: number): [CellRegion, CellRegion] | null {
  // A few rows (a Drug Facts table: a name and its purpose) are not a page in columns.
  if (textLines(grid, region, region.x0, region.x1, lineCells) < MIN_REGION_LINES) return null;
  const gutter = Math.ceil(GUTTER_LINES * lineCells);
  let best: { start: number; end: number; ruled: boolean } | null = null;
  let start = -1;
  let ruled = false;
  // Rows of text (print that is not a solid band): a rule down a gutter runs along them.
  const textRows: number[] = [];
  for (let y = region.y0; y < region.y1; y++) {
    let inked = 0;
    for (let x = region.x0; x < region.x1; x++) inked += grid.ink[y * grid.columns + x] as number;
    if (inked > 0 && inked < SOLID_SHARE * (region.x1 - region.x0)) textRows.push(y);
  }
  const columnInk = new Uint32Array(region.x1 - region.x0);
  const alongText = new Uint32Array(region.x1 - region.x0);
  for (let x = region.x0; x < region.x1; x++) {
    for (let y = region.y0; y < region.y1; y++) {
      columnInk[x - region.x0] =
        (columnInk[x - region.x0] as number) + (grid.faint[y * grid.columns + x] as number);
    }
    for (const y of textRows) {
      alongText[x - region.x0] =
        (alongText[x - region.x0] as number) + (grid.faint[y * grid.columns + x] as number);
    }
  }
  const clear = (x: number) =>
    x < region.x0 || x >= region.x1 || (columnInk[x - region.x0] as number) <= 0.1 * textRows.length;
  for (let x = region.x0; x <= region.x1; x++) {
    const inked = x < region.x1 ? (columnInk[x - region.x0] as number) : 0;
    // A rule is a thin stroke along the text with clear paper on both sides (dense print is inked along
    // most rows too, but its neighbours are as well).
    const rule =
      inked > 0 &&
      (alongText[x - region.x0] as number) >= GUTTER_RULE_SHARE * textRows.length &&
      clear(x - 2) &&
      clear(x + 2);
    const blank = x < region.x1 && (inked === 0 || rule);
    if (blank && start < 0) {
      start = x;
      ruled = false;
    }
    if (blank && rule) ruled = true;
    if (!blank && start >= 0) {
      // A gutter lies between print: not the region's edge.
      if (
        start > region.x0 &&
        x < region.x1 &&
        x - start >= gutter &&
        (!best || x - start > best.end - best.start)
      ) {
        best = { start, end: x, ruled };
      }
      start = -1;
    }
  }
  if (!best) return null;
  // Each side as far as its print reaches: a stray mark beyond the gutter is no column.
  const left = trim(grid, { ...region, x1: best.start });
  const right = trim(grid, { ...region, x0: best.end });
  if (left === null || right === null) return null;
  // A rule printed in the gutter says "columns" on its own: a column beside it may be a single line; a
  // wide gutter nearly so (a title and one line of directions beside a list).
  const wide = best.end - best.start >= WIDE_GUTTER_LINES * lineCells;
  const minLines = best.ruled ? 1 : wide ? MIN_COLUMN_LINES - 1 : MIN_COLUMN_LINES;
  const column = (part: CellRegion) =>
    part.x1 - part.x0 >= MIN_COLUMN_WIDTH_LINES * lineCells &&
    textLines(grid, region, part.x0, part.x1, lineCells) >= minLines;
  return column(left) && column(right) ? [left, right] : null;
}

/** The region cut at every run of blank rows at least a paragraph gap tall. */
function splitRows(grid: Grid, region: CellRegion, lineCells: number): CellRegion[] {
  const gap = Math.max(1, Math.ceil(MIN_ROW_GAP_LINES * lineCells));
  const width = region.x1 - region.x0;
  const parts: CellRegion[] = [];
  let top = region.y0;
  let blankStart = -1;
  for (let y = region.y0; y < region.y1; y++) {
    let inked = 0;
    for (let x = region.x0; x < region.x1; x++) inked += grid.ink[y * grid.columns + x] as number;
    // A ruled line across the region separates like a blank row.
    const blank = inked === 0 || inked >= RULE_SHARE * width;
    if (blank && blankStart < 0) blankStart = y;
    if (!blank && blankStart >= 0) {
      if (blankStart > top && y - blankStart >= gap) {
        parts.push({ ...region, y0: top, y1: blankStart });
        top = y;
      }
      blankStart = -1;
    }
  }
  parts.push({ ...region, y0: top, y1: region.y1 });
  return parts;
}

/** White pixels added around a cropped region: tesseract misreads print that touches the border. */
export const REGION_PADDING = 16;

/** A region of the prepared image as its own PGM file, padded white; `left`/`top` place its origin. */
export function cropRegion(
  pixels: Uint8Array,
  width: number,
  region: Region,
): { pgm: Buffer; left: number; top: number } {
  const outWidth = region.width + 2 * REGION_PADDING;
  const outHeight = region.height + 2 * REGION_PADDING;
  const out = Buffer.alloc(outWidth * outHeight, 255);
  for (let y = 0; y < region.height; y++) {
    const from = (region.top + y) * width + region.left;
    out.set(pixels.subarray(from, from + region.width), (y + REGION_PADDING) * outWidth + REGION_PADDING);
  }
  return {
    pgm: toPgm(out, outWidth, outHeight),
    left: region.left - REGION_PADDING,
    top: region.top - REGION_PADDING,
  };
}
