import { OTHER_PRODUCTS, PACKAGING_SUBJECT } from './inline-lists.ts';
import { MATERIAL, MATERIAL_WORD } from './material-parts.ts';

/**
 * Materials a period product's page names in its sentences without a "made of" lead or a list ("Our cups are
 * medical-grade silicone", "a core of wood cellulose"): the closed vocabulary of materials pads, tampons,
 * cups and period underwear are made of, found in the sentences that speak of this product — not of other
 * products, its packaging, what it is free of or compatible with, or of a material itself.
 */

/** Words that say a page is about a period product (the vocabulary is read only on such pages). */
const PERIOD_PRODUCT =
  /(?<![\p{L}])(?:tampons?|pads?|pantyliners?|panty liners?|liners?|menstrual cups?|cups?|discs?|period underwear|applicators?|binden|slipeinlagen|serviettes?|protège-slips?|compresas?|salvaslips?|assorbenti|coppett[ae])(?![\p{L}])/iu;

/** A sentence that denies, compares, warns or pairs: what it names is not what the product is made of. */
const NOT_MADE_OF =
  /(?<![\p{L}])(?:no|not|without|free|never|instead|unlike|rather than|allerg\p{L}*|sensitiv\p{L}*|type of|such as|n['’]t|compatib\p{L}*|condoms?|diaphragms?|toys?|kein\p{L}*|ohne|sans|sin|senza|geen|zonder)(?![\p{L}])/iu;

/**
 * A sentence about a material itself ("Rayon is commonly chlorine-bleached", "TENCEL Modal is a plant-based
 * textile", "Elastomer (Elastomer), which covers rubbers"): a definition, not what this product is made of.
 */
const ABOUT_MATERIAL = new RegExp(
  String.raw`^[\s\-•·*]*(?:the |a |an )?(?:[\p{L}™®-]+ ){0,2}?${MATERIAL}[™®️]*(?: [\p{L}™®️]+)?(?: \([^)]*\))?,? (?:is|are|was|were|has|have|which|that|comes?|contains?)(?![\p{L}])`,
  'iu',
);

/** What follows a material that a clause describes ("paper is made from", "rayon is a fibre"). */
const DESCRIBED_NEXT = /^ (?:is|are) (?:made|a|an|the|used|produced|derived)(?![\p{L}])/iu;

/** A material, or several words of materials run together ("paraffin wax", "polyurethane laminate"). */
const MENTION = new RegExp(
  String.raw`(?<![\p{L}\p{N}-])${MATERIAL}(?: (?:${MATERIAL_WORD}|laminate|fleece|pulp|fibres?|fibers?))*(?![\p{L}])`,
  'giu',
);

/** A word that is itself a material (not a qualifier such as "organic" or "medical"). */
const MATERIAL_ONLY = new RegExp(`^${MATERIAL_WORD}$`, 'iu');

/** Where the sentences of a page end. */
const SENTENCE_STOP = /(?<!\d)[.!?](?!\d)|\n/u;

/** The lower-case words of a name, without marks ("TENCEL™ Modal" → tencel, modal). */
function wordsOf(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
}

/** Whether a sentence speaks of something else than what this product is made of. */
function speaksOfOtherThings(sentence: string): boolean {
  return (
    OTHER_PRODUCTS.test(sentence) ||
    PACKAGING_SUBJECT.test(sentence) ||
    NOT_MADE_OF.test(sentence) ||
    ABOUT_MATERIAL.test(sentence)
  );
}

/**
 * The materials named in the sentences of `text` about this product, each once, in printed order, leaving
 * out those a name already read carries (`known`). `[]` for a page not about a period product.
 */
export function findMaterialMentions(text: string, known: readonly string[]): string[] {
  if (!PERIOD_PRODUCT.test(text)) return [];
  const seen = new Set(known.flatMap(wordsOf));
  const found: string[] = [];
  // Claims are left in: "dyes that are BPA, latex, and chemical free" speaks of what the product is free of.
  for (const sentence of text.split(SENTENCE_STOP)) {
    if (speaksOfOtherThings(sentence)) continue;
    for (const match of sentence.matchAll(MENTION)) {
      // "the same raw materials paper is made from": the material described, not the product's.
      if (DESCRIBED_NEXT.test(sentence.slice(match.index + match[0].length))) continue;
      const words = wordsOf(match[0].replace(/\s*\([^)]*\)$/u, ''));
      if (words.some((word) => seen.has(word) && MATERIAL_ONLY.test(word))) continue;
      for (const word of words) seen.add(word);
      found.push(match[0]);
    }
  }
  return found;
}
