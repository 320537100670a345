import type { LabelIngredient } from '../domain/label/read-label.ts';
import { readLabel } from '../domain/label/read-label.ts';
import { repairOcrText } from '../domain/ocr-text.ts';
import type { OcrResult } from '../domain/ports.ts';
import { withPlainNames } from '../domain/substance-name.ts';
import { withTranslatedNames } from '../domain/translated-name.ts';
import type { ParsedIngredient } from '../domain/types.ts';

/** Which of the given names the library knows (by name, alias or a close spelling), in order. */
export type KnownNames = (names: readonly string[]) => Promise<readonly boolean[]>;

/** The ingredients a photo's text lists, parsed as the scan parses them (none without a heading). */
export function listedIngredients(ocrText: string): {
  readonly reading: ReturnType<typeof readLabel>;
  readonly parsed: LabelIngredient[];
  readonly text: string;
} {
  const text = repairOcrText(ocrText);
  const reading = readLabel(text);
  // A photo without a heading is the front of a box or a blur, whose words are not ingredients.
  const parsed =
    reading.headedSections === 0 ? [] : reading.ingredients.map(withTranslatedNames).map(withPlainNames);
  return { reading, parsed, text };
}

/**
 * Of the readings of one photo, the one that makes the most sense of its label: the most ingredients the
 * library knows, then one that found a list at all (a list of unknown names is reported, with a warning,
 * rather than answered 422), then the fewest unknown; ties keep the engine's order. One library lookup
 * ranks all.
 * The result carries no alternatives.
 */
export async function mostLegibleReading(ocr: OcrResult, known: KnownNames): Promise<OcrResult> {
  const { alternatives = [], ...first } = ocr;
  if (alternatives.length === 0) return first;
  const readings = [first, ...alternatives.map(({ alternatives: _, ...reading }) => reading)];
  const lists = readings.map((reading) => listedIngredients(reading.text).parsed);
  const names = [...new Set(lists.flatMap((list) => list.flatMap(namesOf)))];
  if (names.length === 0) return first;
  const isKnown = await known(names);
  const knownNames = new Set(names.filter((_, index) => isKnown[index] === true));
  const scores = lists.map((list) => {
    const identified = list.filter((ingredient) => namesOf(ingredient).some((name) => knownNames.has(name)));
    return [identified.length, list.length > 0 ? 1 : 0, identified.length - list.length];
  });
  let best = 0;
  scores.forEach((score, index) => {
    if (isAhead(score, scores[best] as number[])) best = index;
  });
  return readings[best] as OcrResult;
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
