import { CONTAINS_WORD } from './headings.ts';
import { endsWithDosageForm, isDosageForm, SUFFICIENT } from './prose.ts';

/**
 * The "Active ingredient(s)" block of a Drug Facts panel (21 CFR 201.66): each active with its strength, and
 * its purpose in a column beside it ("Miconazole nitrate 2% ........ Vaginal antifungal"), on the next line,
 * or in a "Purpose" block of its own after the actives.
 */

/** One active as printed: its name (still to be cleaned), strength and purpose where the panel gives them. */
export interface ActiveLine {
  readonly name: string;
  readonly strength?: string;
  readonly purpose?: string;
}

/** "mg 20", "g 1,00": the unit printed before the amount, as Italian product summaries print strengths. */
const UNIT_FIRST = String.raw`(?:mg|mcg|µg|g|ml|ui|iu) \d{1,7}(?:[.,]\d{1,4})?(?![\p{L}\p{N}]|[.,]\d)`;

/**
 * A strength: an amount with a unit (international units may set thousands apart by spaces: "100 000 IU";
 * the unit may come first, {@link UNIT_FIRST}), a homeopathic dilution ("3X", "6C", "HPUS"), optionally
 * "w/w" and a note in parentheses ("2% (100 mg in each applicator)").
 */
const STRENGTH = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:${UNIT_FIRST}|(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?= ?(?:iu|ui|u\.i\.|me|units?)(?![\p{L}]))|(?<=(?:^|[:\n]|${CONTAINS_WORD})\s{0,2})\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?= ?(?:mg|g|mcg|µg)(?![\p{L}]))|\d{1,7}(?:[.,]\d{1,4}){0,3}?) ?(?:%|(?:percent|mg|mcg|µg|μg|g|iu|ui|u\.i\.|x|c|ck|lm|мг|мкг|г|мл|мо|од)(?![\p{L}\p{N}]))(?: ?\/ ?(?:\d{1,4}(?:[.,]\d{1,3})? ?)?(?:g|ml|mg)(?![\p{L}]))?(?: ?(?:[wv]\/[wv]|hpus))?(?: ?\([^()\n]{1,60}\))?)`,
  'giu',
);

/**
 * The purposes OTC monographs give intimate-care actives, to tell a purpose from the next name where a
 * panel's two columns were flattened onto one line ("Clotrimazole 2% Vaginal antifungal Clotrimazole 2%").
 */
const KNOWN_PURPOSE =
  /^(?:(?:vaginal|topical|external|local|oral|skin|first[ -]aid)\s+)?(?:anti-?fungal|analgesic|an(?:a)?esthetic|antiseptic|antipruritic|anti-?itch|astringent|protectant|spermicide|vasoconstrictor|antibacterial|antimicrobial|counterirritant|corticosteroid|antihistamine|pain reliever)(?![\p{L}])/iu;

/** Leader dots between a name and its purpose ("........", "…"). */
const LEADER = /(?: ?[.…]){3,} ?|…+ ?/u;

/** A line that is only the purpose column's heading. */
const PURPOSE_HEADING = /^purposes?:?$/iu;

/**
 * Reads the actives of an active-ingredient block, one per line (or several on one line, each after its
 * strength), in printed order. `purposes` are the lines of a separate "Purpose" block, given in the same
 * order as the actives they belong to. Never throws.
 */
export function readActiveLines(block: string, purposes: readonly string[] = []): ActiveLine[] {
  const actives: ActiveLine[] = [];
  const purposeLines: string[] = [];
  // One active per line, or per bullet where a record ran the bullets onto one line.
  // "… 1 200 mg of the active substance\nmiconazole nitrate.": a line that announces the name goes on.
  const joined = block
    .replace(/(?<=(?:\sof|substances?|ingredients?))\n/giu, ' ')
    // "Clotrimazole • USP 2%": a grade set apart from its name belongs to it.
    .replace(/\s*[,•●▪]\s*(?=(?:USP|NF|BP|Ph\.? ?Eur\.?)(?![\p{L}]))/gu, ' ');
  for (const raw of joined.split(/\n|[●•▪](?= )/u)) {
    const line = raw.trim();
    // "veículo q.s.p. 1 g", "excipient q.s.": the base made up to the amount is no active; a line in
    // parentheses restates one ("(Each gram of cream contains 20 mg miconazole nitrate)").
    if (
      line === '' ||
      PURPOSE_HEADING.test(line) ||
      SUFFICIENT.test(line) ||
      MADE_UP_TO_DOSE.test(line) ||
      /^\(.*\)$/u.test(line)
    )
      continue;
    // "GYNO-CANESTEN 2% crema vaginal", "250 mg cream", "Ovuli vaginali da 150 mg": a product's title or a
    // dose of it, no active.
    const onLine = readLine(line);
    const read = onLine.filter(
      (active) =>
        !endsWithDosageForm(active.purpose ?? '') &&
        !isDosageForm(active.name.replace(/\s*\(.*$/u, '').replace(DOSE_PREPOSITION, '')),
    );
    if (onLine.length === 0) purposeLines.push(line);
    actives.push(...read);
  }
  // A panel laid out as "Miconazole nitrate 2%\nVaginal antifungal": lines without a strength, after a
  // line with one, are that active's purpose.
  const pending = [...purposeLines, ...purposes.map((purpose) => purpose.trim()).filter(Boolean)];
  return actives.map((active) =>
    active.purpose === undefined && active.strength !== undefined && pending.length > 0
      ? { ...active, purpose: pending.shift() as string }
      : active,
  );
}

/**
 * "10 mg de cloruro de benzalconio", "500 mg of clotrimazole", "100 mg askorbinske kisline" (a genitive, no
 * preposition): the amount printed before the name.
 */
const AMOUNT_OF_NAME = new RegExp(
  String.raw`^(?<strength>${STRENGTH.source}) (?:(?:of|de|di|du|des|d['’]|von) ?)?(?:the )?(?:active (?:substances?|ingredients?) )?(?<name>[^\d\n][^\n]{1,80}?)\.?$`,
  'iu',
);

/** "Inert ointment base o/w to 1 g.": the base that makes the product up to the dose, not an active. */
export const MADE_UP_TO_DOSE = /(?<![\p{L}])(?:to|ad) \d{1,4}(?:[.,]\d{1,3})? ?(?:g|ml)\.?$/iu;

/**
 * "100 g di crema:", "5 g of cream contain:": the amount of product the strengths are given for, before a
 * colon; not an active's strength.
 */
const DOSE_BASIS = new RegExp(
  String.raw`^(?:${STRENGTH.source}) (?:(?:of|di|de|du|der|van|da) )?[\p{L} ]{1,30}?(?: ${CONTAINS_WORD})? ?: ?`,
  'iu',
);

/** "da", "de", "of" between a dosage form and its strength ("Ovuli vaginali da 150 mg"). */
const DOSE_PREPOSITION = /\s+(?:da|de|di|du|of|à|a|zu)$/iu;

/** The actives on one line; `[]` when the line has no strength (a purpose, or a name alone: see below). */
function readLine(printed: string): ActiveLine[] {
  const line = printed.replace(DOSE_BASIS, '');
  const amountFirst = AMOUNT_OF_NAME.exec(line)?.groups;
  if (amountFirst?.name !== undefined && amountFirst.strength !== undefined) {
    return [{ name: amountFirst.name.trim(), strength: amountFirst.strength.trim() }];
  }
  const [beforeLeader = '', afterLeader] = splitAtLeader(line);
  const strengths = [...beforeLeader.matchAll(STRENGTH)];
  if (strengths.length === 0) {
    if (afterLeader === undefined) return [];
    // Leader dots point at the amount ("nistatina ........ 25.000 UI") or at the purpose.
    const amount = afterLeader.trim();
    if (new RegExp(`^(?:${STRENGTH.source})$`, 'iu').test(amount)) {
      return [{ name: beforeLeader.trim(), strength: amount }];
    }
    return [withPurpose({ name: beforeLeader.trim() }, afterLeader)];
  }
  const actives: ActiveLine[] = [];
  let nameStart = 0;
  strengths.forEach((strength, index) => {
    const strengthStart = strength.index ?? 0;
    const strengthEnd = strengthStart + strength[0].length;
    const next = strengths[index + 1];
    const between = beforeLeader.slice(nameStart, strengthStart).replace(/^[,;\s]+/, '');
    // After a flattened purpose column, the previous active's purpose comes first: it is not the name.
    const previousPurpose = index > 0 ? KNOWN_PURPOSE.exec(between) : null;
    const previous = actives.at(-1);
    if (previousPurpose !== null && previous !== undefined && previous.purpose === undefined) {
      actives[actives.length - 1] = { ...previous, purpose: previousPurpose[0] };
    }
    const name = (previousPurpose === null ? between : between.slice(previousPurpose[0].length)).trim();
    // Between two strengths lies this active's purpose (if any) and the next name: a purpose column
    // flattened onto one line cannot be told apart from a name, so only the last active takes a purpose.
    const tail = next === undefined ? beforeLeader.slice(strengthEnd) : '';
    nameStart = strengthEnd;
    const active: ActiveLine = { name, strength: strength[0].trim() };
    const purpose = afterLeader ?? tail;
    actives.push(next === undefined ? withPurpose(active, purpose) : active);
  });
  return actives.filter((active) => /\p{L}/u.test(active.name));
}

function splitAtLeader(line: string): [string, string?] {
  const leader = LEADER.exec(line);
  if (leader === null) return [line];
  return [line.slice(0, leader.index), line.slice(leader.index + leader[0].length)];
}

/** "… mg 1200 100 ml di lavanda contengono:": what follows an active is the next dose's basis, no purpose. */
const NEXT_DOSE = new RegExp(String.raw`(?:${CONTAINS_WORD}|:)\s*$`, 'iu');

function withPurpose(active: ActiveLine, purpose: string): ActiveLine {
  if (NEXT_DOSE.test(purpose)) return active;
  const cleaned = purpose.replace(/^[\s,;:.…)\-–]+|[\s,;:.…]+$/gu, '');
  return /\p{L}/u.test(cleaned) ? { ...active, purpose: cleaned } : active;
}

/** Whether a line only gives the amount of product the strengths after it are for ("100 g di crema contengono:"). */
export function isDoseBasis(line: string): boolean {
  const trimmed = line.trim();
  return DOSE_BASIS.exec(trimmed)?.[0].length === trimmed.length;
}

/**
 * A Drug Facts active line: a name (and strength), leader dots, a purpose the OTC monographs use. Matched
 * one line at a time, and only on lines short enough to be one: a run of dots thousands long must not make
 * the lazy name and the greedy leader try every split (labels are untrusted input).
 */
const LEADER_LINE = /^[^\n]{3,90}?[ .…]{4,}(?<purpose>[^ .…\n][^\n]{2,60})$/u;
const MAX_LEADER_LINE = 200;

/**
 * The lines of a panel that print an active with leader dots and a known purpose, for a panel whose actives
 * stand under "Purpose" with no "Active ingredient" heading. Empty when there are none.
 */
export function leaderDotActiveLines(text: string): string[] {
  return text.split('\n').filter((line) => {
    if (line.length > MAX_LEADER_LINE || !/[.…]{3}/u.test(line)) return false;
    const purpose = LEADER_LINE.exec(line)?.groups?.purpose;
    return purpose !== undefined && KNOWN_PURPOSE.test(purpose.trim());
  });
}
