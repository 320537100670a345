import { normalizeName } from './label/text-form.ts';
import type { ParsedIngredient } from './types.ts';

/**
 * What drug and homeopathic labels print around a substance's name without naming another substance:
 * - pharmacopoeia marks after the name: "Purified Water USP", "Sorbic Acid NF", "Glycerin USP/NF",
 *   "… Ph. Eur.", "Acidum Boricum 6X HPUS";
 * - homeopathic potencies after the name: "Calendula Officinalis 3X", "… 30C", "… 200CK", "… 1M";
 * - water of crystallisation anywhere: "Citric Acid Monohydrate", "Anhydrous Citric Acid", "Sodium Citrate
 *   Dihydrate", "Edetate Disodium Anhydrous";
 * - the FDA substance register's ", unspecified form" ("Lactic Acid, Unspecified Form");
 * - the pharmacopoeia's solution of a substance ("Sorbitol Solution").
 * Synonyms proper (Edetate Disodium, Hypromellose, Carbomer 940) are library aliases, not rules.
 */
const PHARMACOPOEIA = String.raw`(?:USP|NF|BP|EP|JP|FCC|HPUS|Ph\.?\s?Eur\.?)(?:\s*grade)?`;
const TRAILING_MARKS = new RegExp(
  String.raw`(?:[\s,;(]+(?:${PHARMACOPOEIA}(?:\s*[/-]\s*${PHARMACOPOEIA})*|\d+\s?(?:X|C|CH|CK|DH|LM|M))\)?)+$`,
  'i',
);
const HYDRATE =
  /\b(?:an)?hydrous\b|\b(?:mono|di|tri|tetra|penta|hexa|hepta|octa|deca|dodeca|hemi|sesqui)?hydrate\b/gi;
const UNSPECIFIED = /,?\s*\bunspecified(?:\s+form)?\s*$/i;
/** The pharmacopoeia's solution of a substance ("Sorbitol Solution", "Lactic Acid Solution 90%"). */
const SOLUTION = /\s+solution(?:\s+\d{1,3}(?:[.,]\d{1,2})?\s?%)?\s*$/i;

/**
 * The substance's name without the marks above, or null when the name carries none (or nothing else).
 * Never throws.
 */
export function plainSubstanceName(name: string): string | null {
  const plain = name
    .replace(UNSPECIFIED, '')
    .replace(SOLUTION, '')
    .replace(HYDRATE, ' ')
    .replace(TRAILING_MARKS, '')
    .replace(/\s*,\s*$/, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
  const key = normalizeName(plain);
  return key === '' || key === normalizeName(name) ? null : plain;
}

/** Salt abbreviations drug labels print ("Lidocaine HCl", "Dextromethorphan HBr"), spelled out. */
const SALT_ABBREVIATIONS: readonly (readonly [RegExp, string])[] = [
  [/\bHCl\b/g, 'Hydrochloride'],
  [/\bHBr\b/g, 'Hydrobromide'],
];

/** The name with its salt abbreviations spelled out, or null when it has none. */
export function spelledOutSalt(name: string): string | null {
  let spelled = name;
  for (const [abbreviation, salt] of SALT_ABBREVIATIONS) spelled = spelled.replace(abbreviation, salt);
  return spelled === name ? null : spelled;
}

/**
 * The ingredient with the plain forms of its printed names ({@link plainSubstanceName}), salt
 * abbreviations spelled out, as further names to look up; the name it is reported under stays as printed.
 */
export function withPlainNames<T extends ParsedIngredient>(ingredient: T): T {
  const printed = [ingredient.name, ...ingredient.alternatives];
  const plain = printed
    .flatMap((name) => {
      const spelled = spelledOutSalt(name);
      const plainName = plainSubstanceName(name);
      return spelled === null ? [plainName] : [spelled, plainSubstanceName(spelled), plainName];
    })
    .filter((name): name is string => name !== null && !printed.includes(name));
  return plain.length === 0
    ? ingredient
    : { ...ingredient, alternatives: [...ingredient.alternatives, ...new Set(plain)] };
}
