import { editDistance } from './edit-distance.ts';
import type { Box, OcrWord } from './ports.ts';

/**
 * Finds where on the photo each ingredient was read: the run of OCR words whose letters spell the name,
 * searched in reading order from where the previous name was found (a name printed twice gets the
 * occurrence that follows the previous ingredient). A name the reader cleaned (a strength or a prefix
 * removed) is a run inside the words; one the OCR repair changed slightly still matches within one edit
 * per word; one hyphenated across a line break spans two words. Names found nowhere get no box.
 * @returns one box per name (the box around its words), or undefined.
 */
export function locateNames(names: readonly string[], words: readonly OcrWord[]): (Box | undefined)[] {
  const keys = words.map((word) => letters(word.text));
  let cursor = 0;
  return names.map((name) => {
    const tokens = name
      .split(/\s+/)
      .map(letters)
      .filter((token) => token !== '');
    if (tokens.length === 0) return undefined;
    const found = search(tokens, keys, cursor) ?? search(tokens, keys, 0);
    if (found === undefined) return undefined;
    cursor = found.end;
    return enclose(words.slice(found.start, found.end).map((word) => word.bbox));
  });
}

function letters(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
}

/** Whether an OCR word spells a name's token (one edit allowed in words of five letters or more). */
function spells(key: string, token: string): boolean {
  if (key === token) return true;
  return token.length >= 5 && Math.abs(key.length - token.length) <= 1 && editDistance(key, token) <= 1;
}

function search(
  tokens: readonly string[],
  keys: readonly string[],
  from: number,
): { start: number; end: number } | undefined {
  for (let start = from; start < keys.length; start++) {
    let at = start;
    let matched = true;
    for (const token of tokens) {
      // Punctuation alone ("–", "•") is skipped: it is not part of any name.
      while (at < keys.length && keys[at] === '' && at > start) at++;
      const key = keys[at];
      if (key !== undefined && spells(key, token)) {
        at++;
      } else if (key !== undefined && at + 1 < keys.length && spells(key + (keys[at + 1] ?? ''), token)) {
        at += 2;
      } else {
        matched = false;
        break;
      }
    }
    if (matched) return { start, end: at };
  }
  return undefined;
}

function enclose(boxes: readonly Box[]): Box {
  const left = Math.min(...boxes.map((box) => box[0]));
  const top = Math.min(...boxes.map((box) => box[1]));
  const right = Math.max(...boxes.map((box) => box[0] + box[2]));
  const bottom = Math.max(...boxes.map((box) => box[1] + box[3]));
  return [left, top, right - left, bottom - top];
}
