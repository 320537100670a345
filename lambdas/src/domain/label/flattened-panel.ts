/**
 * A Drug Facts panel (21 CFR 201.66) run onto one line, as label records and web scrapes flatten it:
 * "Active ingredient (in each gram) Miconazole nitrate 2% Purpose Antifungal Uses … Inactive ingredients …".
 * Its headings are what say where the actives, their purposes and the inactive list begin and end; put back
 * on lines of their own, the panel reads as printed.
 */

/** The panel's headings, as printed: a capital initial or all in capitals, never a word inside a sentence. */
const PANEL_HEADING = new RegExp(
  String.raw`(?<=^|[ \t])(?:` +
    [
      String.raw`(?<active>(?:Active|ACTIVE) (?:[Ii]ngredients?|INGREDIENTS?)(?: ?\([sS]\))?(?: ?\([^()\n]{1,60}\))?:?)`,
      '(?<inactive>(?:Inactive|INACTIVE) (?:[Ii]ngredients?|INGREDIENTS?):?)',
      '(?<purpose>(?:Purposes?|PURPOSES?):?)',
      '(?<uses>(?:Uses?|USES?):?)',
      '(?<warnings>(?:Warnings?|WARNINGS?):?)',
      '(?<directions>(?:Directions|DIRECTIONS):?)',
      '(?<other>(?:Other information|OTHER INFORMATION):?)',
      String.raw`(?<questions>(?:Questions|QUESTIONS)(?: or comments| OR COMMENTS)?\??:?)`,
    ].join('|') +
    String.raw`)(?=[ \t]+\S)`,
  'gu',
);

/** Distinct headings a line must hold, one of them an ingredients heading, to be a flattened panel. */
const MIN_HEADINGS = 3;

/** The text with each flattened panel's headings on lines of their own; other lines unchanged. */
export function unflattenDrugFacts(text: string): string {
  return text
    .split('\n')
    .map((line) => unflattenLine(line))
    .join('\n');
}

function unflattenLine(line: string): string {
  const found = [...line.matchAll(PANEL_HEADING)];
  const kinds = new Set(found.map((match) => headingKind(match.groups ?? {})));
  if (kinds.size < MIN_HEADINGS || !(kinds.has('active') || kinds.has('inactive'))) return line;
  let result = '';
  let from = 0;
  let previous = '';
  for (const match of found) {
    const start = match.index ?? 0;
    const kind = headingKind(match.groups ?? {});
    const before = line.slice(from, start).trim();
    // "Active ingredients Purpose": the two column headings of the actives' table stay on one line.
    const columnHeadings = kind === 'purpose' && previous === 'active' && before === '';
    const joint = result === '' || result.endsWith('\n') ? '' : ' ';
    if (columnHeadings) result = `${result.trimEnd()} `;
    else if (before !== '') result += `${joint}${before}\n`;
    else if (result !== '' && !result.endsWith('\n')) result += '\n';
    result += match[0];
    from = start + match[0].length;
    // The actives' heading (with the purpose column's) ends its line: the first active follows below.
    if (kind === 'active' || columnHeadings) {
      result += '\n';
      from += /^[ \t]+/.exec(line.slice(from))?.[0].length ?? 0;
    }
    previous = kind;
  }
  const rest = line.slice(from).trim();
  return rest === '' ? result : `${result}${result.endsWith('\n') ? '' : ' '}${rest}`;
}

function headingKind(groups: Record<string, string | undefined>): string {
  return Object.entries(groups).find(([, value]) => value !== undefined)?.[0] ?? 'other';
}
