import { type LabelIngredient, type LabelReading, readLabel } from '../domain/label/read-label.ts';
import { plainLetters } from '../domain/label/text-form.ts';
import { repairOcrText } from '../domain/ocr-text.ts';
import type { OcrResult } from '../domain/ports.ts';
import { withPlainNames } from '../domain/substance-name.ts';
import { withTranslatedNames } from '../domain/translated-name.ts';
import type { ParsedIngredient } from '../domain/types.ts';

/** Which of the given names the library knows (by name, alias or a close spelling), in order. */
export type KnownNames = (names: readonly string[]) => Promise<readonly boolean[]>;

/** A label's text and the ingredients it lists, parsed as the scan parses them. */
export interface ListedText {
  readonly reading: LabelReading;
  readonly parsed: LabelIngredient[];
  readonly text: string;
}

/**
 * Parses a label's text. Styled letters (𝐂𝐨𝐭𝐭𝐨𝐧, Ｃｏｔｔｏｎ) are read as plain ones first, for pasted text and
 * photo readings alike. A photo's text is then repaired, and lists nothing without a heading (it is the
 * front of a box or a blur, whose words are not ingredients); a pasted text may be the bare list.
 */
export function listedIngredients(text: string, source: 'text' | 'image'): ListedText {
  const plain = plainLetters(text);
  const clean = source === 'image' ? repairOcrText(plain) : plain;
  const reading = readLabel(clean);
  const headless = source === 'image' && reading.headedSections === 0;
  const parsed = headless ? [] : reading.ingredients.map(withTranslatedNames).map(withPlainNames);
  return { reading, parsed, text: clean };
}

/**
 * Of the readings of one photo, the one that makes the most sense of its label: the most ingredients the
 * library knows, then one that found a list at all (a list of unknown names is reported, with a warning,
 * rather than answered 422), then the fewest unknown; ties keep the engine's order. One library lookup
 * ranks all. The reading returned carries no alternatives; its text comes parsed.
 */
export async function mostLegibleReading(
  ocr: OcrResult,
  known: KnownNames,
): Promise<{ readonly ocr: OcrResult; readonly listed: ListedText }> {
  const { alternatives = [], ...first } = ocr;
  const readings = [first, ...alternatives.map(({ alternatives: _, ...reading }) => reading)];
  const listed = readings.map((reading) => listedIngredients(reading.text, 'image'));
  const chosen = (index: number) => ({
    ocr: readings[index] as OcrResult,
    listed: listed[index] as ListedText,
  });
  const names = [...new Set(listed.flatMap(({ parsed }) => parsed.flatMap(namesOf)))];
  if (readings.length === 1 || names.length === 0) return chosen(0);
  const isKnown = await known(names);
  const knownNames = new Set(names.filter((_, index) => isKnown[index] === true));
  const scores = listed.map(({ parsed }) => {
    const identified = parsed.filter((ingredient) =>
      namesOf(ingredient).some((name) => knownNames.has(name)),
    );
    return [identified.length, parsed.length > 0 ? 1 : 0, identified.length - parsed.length];
  });
  let best = 0;
  scores.forEach((score, index) => {
    if (isAhead(score, scores[best] as number[])) best = index;
  });
  return chosen(best);
}

/** Whether score `a` beats `b`, compared element by element. */
function isAhead(a: readonly number[], b: readonly number[]): boolean {
  for (let index = 0; index < a.length; index++) {
    const difference = (a[index] as number) - (b[index] as number);
    if (difference !== 0) return difference > 0;
  }
  return false;
}

function namesOf(ingredient: ParsedIngredient): string[] {
  return [ingredient.name, ...ingredient.alternatives];
}
