import { AMOUNT, isComponent, TRAILING_AMOUNT } from './item-names.ts';
import { endsWithDosageForm } from './prose.ts';

/** The short labels printed before a list's names: a pad's parts, a pack's products, "less than 1% of:". */

/** "Topsheet:", "Absorbent core:", "May contain (+/-):" — a short label before a colon. */
const LABEL = /^[ \-–•·*]{0,3}(\p{L}[\p{L}\p{M}'’\- ]{0,40}?)(?: ?\([^()]{0,12}\))? ?[:：]/u;

const MAX_LABEL_WORDS = 4;

/** A label naming one product of a pack, with its strength and form, before a colon. */
const PRODUCT_LABEL = /^[ \-–•·*]{0,3}([^\n:：,;()]{3,60}?) ?[:：]/u;

/** "Contains less than 1% of:", "2% or less of:". */
const MINOR_AMOUNT_LABEL =
  /^ ?(?:contains )?(?:less than |under |< ?)?\d{1,3}(?:[.,]\d{1,3})? ?%(?: or less)?(?: of)? ?:/iu;

export function stripLabels(raw: string): string {
  let body = raw;
  for (let round = 0; round < 3; round++) {
    const length = labelLength(body) || MINOR_AMOUNT_LABEL.exec(body)?.[0].length || 0;
    const rest = body.slice(length);
    // "Cotton: 95%": the label is the ingredient when only an amount follows it — never a product's label
    // ("Soft gel pessary:").
    if (length === 0 || (!/\p{L}/u.test(rest.replace(AMOUNT, '')) && productLabelLength(body) === 0)) break;
    body = rest;
  }
  return body;
}

/**
 * The length of a leading label naming one of a pack's products ("GYNO-CANESTEN 2% crema vaginal: …",
 * "Vaginal tablets:", "Crema vaginale 1%:"), or 0.
 */
function productLabelLength(text: string): number {
  const product = PRODUCT_LABEL.exec(text);
  return product !== null && endsWithDosageForm((product[1] ?? '').replace(TRAILING_AMOUNT, ''))
    ? product[0].length
    : 0;
}

/** Length of a leading short label such as "Absorbent core:", "Topsheet - " or "Backsheet " (a table row), or 0. */
export function labelLength(text: string): number {
  const product = productLabelLength(text);
  if (product > 0) return product;
  const match = LABEL.exec(text);
  if (match === null) return componentLabelLength(text);
  const words = (match[1] ?? '').trim().split(' ').length;
  return words <= MAX_LABEL_WORDS ? match[0].length : 0;
}

/** Whether a line starts with a part of a pad, tampon or cup ("Topsheet:", "Absorbent core - ", "Backsheet "). */
export function startsWithComponent(line: string): boolean {
  const label = LABEL.exec(line)?.[1];
  return componentLabelLength(line) > 0 || (label !== undefined && isComponent(label.trim()));
}

/**
 * A part of a pad, tampon or cup printed before its material without a colon, as a table row or a dashed
 * line reads ("Topsheet Polypropylene nonwoven", "Core - cellulose pulp"): the shortest leading words that
 * name a part.
 */
function componentLabelLength(text: string): number {
  const words = text.trimStart().split(' ');
  const lead = text.length - text.trimStart().length;
  for (let count = 1; count <= 3 && count < words.length; count++) {
    const label = words.slice(0, count).join(' ');
    if (!isComponent(label)) continue;
    const after = text.slice(lead + label.length);
    const delimiter = /^(?: ?[-–—] | )(?=[\p{L}\p{N}])/u.exec(after);
    if (delimiter !== null) return lead + label.length + delimiter[0].length;
  }
  return 0;
}
