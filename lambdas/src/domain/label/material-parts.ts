/**
 * Materials named as what a part of a product is made of, the way device summaries and makers' pages describe
 * pads, tampons and cups: "a cotton withdrawal cord", "a nylon body and a thermoplastic polyurethane (TPU)
 * tip", "a reusable silicone menstrual cup", "a flushable paper applicator". The material is a word of a
 * closed vocabulary, printed right before the part (with at most one word describing the part between them).
 */

/** One word of the materials vocabulary. */
export const MATERIAL_WORD =
  '(?:cotton|rayon|viscose|non-?woven(?: fabric)?|polyester|polyethylene|polypropylene|polyurethane|nylon|silicone|latex|rubber|paper|cardboard|plastic|cellulose|bamboo|modal|lyocell|tencel|spandex|elastane|wool|silk|paraffin|wax|elastomer|tpe|tpu|ldpe|hdpe|pla|adhesives?|glue|polyolefins?|polyamide|lycra|pbat|bioplastic|polyacrylate)';

/** The materials pads, liners, tampons, cups and their packaging are made of. */
export const MATERIAL =
  '(?:organic |recycled |bleached |unbleached |medical[- ]grade |food[- ]grade |thermoplastic |biodegradable |plant[- ]based ){0,3}' +
  MATERIAL_WORD +
  '(?: \\([A-Z]{2,5}\\))?';

/** Parts of a pad, tampon or cup, and the product itself. */
const PART =
  '(?:cords?|strings?|body|tips?|applicators?|cups?|discs?|overwraps?|wrappers?|wraps?|topsheets?|backsheets?|cores?|layers?|covers?|coatings?|tubes?|pledgets?|stems?|pads?|tampons?|liners?|gussets?|linings?|plungers?|barrels?|pushers?)';

/** A word that says which part or what it does ("withdrawal cord", "menstrual cup", "inner tube"). */
const PART_WORD = '(?:[\\p{L}-]{3,20} )?';

/** A phrase that ends with one of those materials ("moisture-proof plastic", "medical-grade silicone"). */
export const ENDS_WITH_MATERIAL = new RegExp(`(?<![\\p{L}\\p{N}])${MATERIAL}$`, 'iu');

/** "rayon-polyester blend", "cotton/viscose": two materials blended into one part. */
const BLEND = `${MATERIAL}(?:[-/]${MATERIAL_WORD})*(?: blend)?`;

const MATERIAL_OF_PART = new RegExp(
  `(?<![\\p{L}\\p{N}-])(?<material>${BLEND}) ${PART_WORD}${PART}(?![\\p{L}])`,
  'giu',
);

/** "the cotton used to make our tampons", "rayon which is used in": a material said to make the product. */
const MATERIAL_USED = new RegExp(
  `(?<![\\p{L}\\p{N}-])(?<material>${MATERIAL}) (?:that is |which is )?used (?:to make|in|for) (?:our|the|its|their|these|this)(?![\\p{L}])`,
  'giu',
);

/** A material named before a part, and where it was printed. */
export interface MaterialOfPart {
  readonly name: string;
  readonly index: number;
}

/** The materials named before parts in `text`, in printed order, each once (as first printed). */
export function findMaterialsOfParts(text: string): MaterialOfPart[] {
  const found = new Map<string, MaterialOfPart>();
  const matches = [...text.matchAll(MATERIAL_OF_PART), ...text.matchAll(MATERIAL_USED)].sort(
    (a, b) => a.index - b.index,
  );
  for (const match of matches) {
    const blend = match.groups?.material ?? '';
    // "a non-woven polyolefin cover": the fabric's make before the material, which is read on its own.
    const describesAnother = match[0].slice(blend.length).trim().includes(' ');
    if (/^non-?woven$/iu.test(blend) && describesAnother) continue;
    for (const material of blendedMaterials(blend)) {
      const key = material.toLowerCase();
      if (material !== '' && !found.has(key)) found.set(key, { name: material, index: match.index });
    }
  }
  return [...found.values()];
}

/**
 * The materials of a blend ("rayon-polyester blend", "polyethylene/polyester": each a material of the
 * vocabulary; "non-woven" is one word), or the name itself when it is no such blend ("silicone-coated paper").
 */
export function blendedMaterials(name: string): string[] {
  const parts = name.replace(/ blend$/iu, '').split(/(?<!non)[-/]/iu);
  return parts.length > 1 && parts.every((part) => ONE_MATERIAL.test(part)) ? parts : [name];
}

/** A material of the vocabulary and nothing else ("organic cotton"; not "coated paper"). */
const ONE_MATERIAL = new RegExp(`^${MATERIAL}$`, 'iu');
