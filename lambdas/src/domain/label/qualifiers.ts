/**
 * Words printed before a material or substance that describe its grade, origin or treatment, not what it is:
 * "medical-grade silicone" is silicone, "certified organic cotton" cotton, "100% Bio-Baumwolle" Baumwolle.
 * Only leading words are taken off, so "White Soft Paraffin" (a name of its own) stays whole.
 */
const QUALIFIER =
  /^(?:\d{1,3}(?:[.,]\d)? ?(?:%|percent|prozent)|(?:medical|healthcare|health[- ]care|food|pharmaceutical|pharma|cosmetic|surgical|premium|high|highest)[- ](?:grade|quality)|grade|quality|medical|platinum(?:[- ]cured)?|soft|flexible|premium|pure|natural|certified|organic|bio|unbleached|undyed|absorbent|super[- ]?absorbent|recycled|biodegradable|compostable|plant[- ]based|ethically[- ]sourced|sustainably[- ]sourced|gots[- ]certified|hypoallergenic|refined|deionized|deionised|demineralized|demineralised|distilled|purified|supima|pima|egyptian|wood|d\.?i\.?(?= water))(?:[- ]|$)/iu;

/** At most this many qualifiers are taken off one name. */
const MAX_QUALIFIERS = 5;

/** The form a material takes, printed after it ("polypropylene yarn", "cellulose fibers"). */
export const FORM =
  /\s+(?:yarn|thread|fib(?:er|re)s?|film|fabric|sheet|foam|fleece|nonwoven|non-woven|pearls|beads|granules|particles)$/iu;

/** The name without the form word after it ("absorbent gel pearls" → "absorbent gel"), or null when it has none. */
export function withoutForm(name: string): string | null {
  const rest = name.trim().replace(FORM, '');
  return rest === name.trim() ? null : rest;
}

/** "Lidocaine base", "lidocaína base": a drug as its free base, not a salt; the drug's name is looked up. */
const FREE_BASE = /(?<=\p{L}{4})\s+(?:free\s+)?base$/iu;

/**
 * The name without its leading qualifiers (and the form word after a material), or `null` when it has none
 * or nothing would be left.
 * "Soft medical grade silicone" → "silicone"; "Cotton" → null.
 */
export function withoutQualifiers(name: string): string | null {
  let rest = name.trim().replace(FORM, '').replace(FREE_BASE, '');
  for (let round = 0; round < MAX_QUALIFIERS; round++) {
    const match = QUALIFIER.exec(rest);
    if (match === null) break;
    rest = rest.slice(match[0].length).trim();
  }
  return rest === name.trim() || !/\p{L}{2}/u.test(rest) ? null : rest;
}
