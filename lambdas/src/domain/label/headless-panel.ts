import { readActiveLines } from './active-ingredients.ts';
import { splitSection } from './list-items.ts';
import { readsAsProse } from './prose.ts';
import type { IngredientSection } from './sections.ts';

/**
 * A Drug Facts panel with its headings stripped, as label records give each section's text apart (openFDA's
 * `active_ingredient`, `purpose`, …, `inactive_ingredient` fields joined): "Hydrocortisone 1%", "Antipruritic
 * (Anti-itch)", uses, warnings, directions, storage, then "Cetomacrogol 1000, Cetostearyl alcohol, …". The
 * panel's order (21 CFR 201.66) says what each part is: the measured lines before the first warning are the
 * actives with their purposes, and the list the panel ends with holds the inactive ingredients.
 */

/** Sentences every Drug Facts panel prints in its warnings: two of them make a text a panel. */
const PANEL_SENTENCES = [
  /for (?:external|vaginal|rectal|topical) use only/iu,
  /keep (?:this and all drugs )?out of (?:the )?reach of children/iu,
  /stop use and ask a doctor/iu,
  /ask a doctor (?:or pharmacist )?before use/iu,
  /if swallowed,? get medical help/iu,
  /when using this product/iu,
];
const MIN_PANEL_SENTENCES = 2;

/** Lines before the actives: the product's title ("HYDROCORTISONE CREAM"). */
const MAX_TITLE_LINES = 2;
/** A purpose is a few words ("Vaginal antifungal", "Antipruritic (Anti-itch)"). */
const MAX_PURPOSE_WORDS = 5;

/** The headings a headless panel's parts would have printed, or `[]` when the text is not such a panel. */
export function headlessPanelSections(body: string): IngredientSection[] {
  if (PANEL_SENTENCES.filter((sentence) => sentence.test(body)).length < MIN_PANEL_SENTENCES) return [];
  const lines = body
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const actives = activeLines(lines);
  if (actives.length === 0) return [];
  const inactive = closingList(lines);
  return [
    { heading: 'Active ingredient', role: 'active', text: actives.join('\n') },
    ...(inactive === null
      ? []
      : [{ heading: 'Inactive ingredients', role: 'inactive' as const, text: inactive }]),
  ];
}

/** The measured lines the panel opens with (after its title), each with the purpose line under it. */
function activeLines(lines: readonly string[]): string[] {
  const start = lines.findIndex((line, index) => index <= MAX_TITLE_LINES && isMeasured(line));
  if (start === -1) return [];
  const block: string[] = [];
  for (const line of lines.slice(start)) {
    if (isMeasured(line) || (block.length > 0 && isPurpose(line) && isMeasured(block.at(-1) ?? ''))) {
      block.push(line);
    } else {
      break;
    }
  }
  return block;
}

/** "Benzethonium Chloride 0.12%": a name and its strength alone on a line. */
function isMeasured(line: string): boolean {
  const read = readActiveLines(line);
  return (
    read.length > 0 && read.every((active) => active.strength !== undefined && active.purpose === undefined)
  );
}

function isPurpose(line: string): boolean {
  return line.split(/\s+/u).length <= MAX_PURPOSE_WORDS && !/\d/u.test(line) && !readsAsProse(line);
}

/** Lines after the list a panel may close with ("Questions? 1-800-…", a page number). */
const MAX_CLOSING_LINES = 3;

/**
 * The list the panel ends with: the last line that reads as names (not a sentence, not a page number), past
 * at most a few closing lines. `null` when there is none: the panel is then read for its actives only.
 */
function closingList(lines: readonly string[]): string | null {
  const closing = lines
    .filter((line) => /\p{L}{3}/u.test(line))
    .slice(-(MAX_CLOSING_LINES + 1))
    .reverse();
  for (const line of closing) {
    const { ingredients, leftOver } = splitSection(line);
    if (ingredients.length > 0) return leftOver ? null : line;
  }
  return null;
}
