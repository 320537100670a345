import { isDoseBasis, MADE_UP_TO_DOSE, readActiveLines } from './active-ingredients.ts';
import { splitSection } from './list-items.ts';
import { endsWithDosageForm } from './prose.ts';
import type { LabelIngredient } from './read-label.ts';
import type { IngredientSection } from './sections.ts';

/**
 * A drug's actives section: each active with its strength and purpose (a Drug Facts panel's "Purpose" block
 * printed apart is matched in order), the base a leaflet makes the dose up with when a footnote lists it,
 * and the compositions package inserts print by weighing every name.
 */

/** What a section yields: its ingredients, and whether its list may not have been read whole. */
export interface ListRead {
  readonly ingredients: readonly LabelIngredient[];
  readonly incomplete: boolean;
}

/** The "Purpose" block of a Drug Facts panel printed apart from the actives, up to the next heading. */
const NEXT_HEADING = String.raw`(?!(?:uses?|warnings?|directions|other information|inactive ingredients?|questions|indications)(?![\p{L}]))`;
const PURPOSE_BLOCK = new RegExp(
  String.raw`(?:^|\n)purposes?:?[ \n]${NEXT_HEADING}(?<body>[^\n]{1,120}(?:\n${NEXT_HEADING}[^\n]{1,120}){0,5})`,
  'iu',
);

/** "clotrimazol …… 10 mg excipiente q.s.p. …… 1 g": the base's line run onto the active's. */
const RUN_IN_BASE_LINE =
  /(?<=\S) (?=(?:excipientes?|excipients?|ve[ií]culo|vehicle|base)\*? ?(?:q\.? ?s|c\.? ?b))/giu;
/** Where a footnote listing the base starts on the actives' line ("… 1 g *álcool cetoestearílico, …"). */
const RUN_IN_FOOTNOTE = / \*(?=\p{Ll})/u;

/** "E.F.G." (equivalente farmacéutico genérico): the mark Spanish generics carry after their title. */
const GENERIC_MARK = /\s*\bE\.?F\.?G\.?$/u;

/** A note that says a measured ingredient is there to preserve the product. */
const PRESERVATIVE_NOTE =
  /(?<![\p{L}])(?:as (?:a )?)?(?:preservatives?|conservantes?|conservateurs?|conservanti|konservierungsmittel)(?![\p{L}])/iu;

/** An amount weighed or counted, as a drug's dose is ("10 mg", "1 g", "100 000 IU"). */
const DOSE_AMOUNT = /\d ?(?:mg|mcg|µg|μg|g|iu|ui)(?![\p{L}])/iu;

/** A drug leaflet's composition heading, with no actives heading of its own. */
const COMPOSITION_HEADING =
  /^(?:composition|composici[oó]n|composi[cç][aã]o|composizione|zusammensetzung|samenstelling)$/iu;

/**
 * "COMPOSITION:\nClotrimazole 10 mg\nBenzyl Alcohol 1% (as preservative)": a composition that measures every
 * name lists a drug's actives (and what preserves them), as package inserts print it.
 */
export function isMeasuredComposition(section: IngredientSection, hasActives: boolean): boolean {
  if (hasActives || section.role !== 'ingredient' || !COMPOSITION_HEADING.test(section.heading ?? ''))
    return false;
  // Every line measures its name (or makes the product up to the dose): a plain list after a measured
  // line is not read as actives.
  const lines = section.text.split('\n').filter((line) => line.trim() !== '');
  // A drug's amounts are weighed or counted ("10 mg"); a fabric's composition is only percentages.
  return (
    DOSE_AMOUNT.test(section.text) &&
    lines.every((line) => {
      const read = readActiveLines(line);
      return read.length === 0
        ? MADE_UP_TO_DOSE.test(line.trim())
        : read.every((active) => active.strength !== undefined);
    })
  );
}

/**
 * The actives of a section, each with its strength and purpose where printed (a preservative measured
 * beside them is inactive), then the base its footnote lists; a block without any strength is read as a
 * plain list of actives.
 */
export function readActives(section: IngredientSection, body: string): ListRead {
  const purposes = PURPOSE_BLOCK.exec(body)?.groups?.body?.split('\n') ?? [];
  const block = section.text.split(RUN_IN_FOOTNOTE)[0]?.replace(RUN_IN_BASE_LINE, '\n') ?? '';
  const ingredients: LabelIngredient[] = [];
  const lines = readActiveLines(block, purposes);
  for (const line of lines) {
    const [named] = splitSection(line.name).ingredients;
    if (named === undefined) continue;
    // "Benzyl Alcohol 1% (as preservative)": measured beside the actives, but an inactive ingredient.
    if (PRESERVATIVE_NOTE.test(`${line.strength ?? ''} ${line.purpose ?? ''}`)) {
      ingredients.push({ ...named, role: 'inactive' });
      continue;
    }
    ingredients.push({
      ...named,
      role: 'active',
      ...(line.strength === undefined ? {} : { strength: line.strength }),
      ...(line.purpose === undefined ? {} : { purpose: line.purpose }),
    });
  }
  // Lines with a strength whose names are not ingredients ("250 mg cream") leave nothing to read plainly.
  if (lines.some((line) => line.strength !== undefined) || ingredients.length > 0)
    return { ingredients: [...ingredients, ...vehicleOf(section, body)], incomplete: false };
  // No strength anywhere: read the block as a plain list of actives — unless it only says what amount of
  // product the actives under the next heading are measured in ("100 g di crema contengono:").
  const text = section.text
    .split('\n')
    .filter((line) => !isDoseBasis(line))
    .join('\n');
  if (text.trim() === '' && section.text.trim() !== '') return { ingredients: [], incomplete: false };
  const plain = splitSection(text);
  // "CLOTRIMAZOL BAYHEALTH crema vaginal E.F.G.": a product's title names no active.
  const named = plain.ingredients.filter(
    (ingredient) => !endsWithDosageForm(ingredient.name.replace(GENERIC_MARK, '')),
  );
  return {
    ingredients: named.map((ingredient) => ({ ...ingredient, role: 'active' as const })),
    incomplete: plain.leftOver || plain.ingredients.length === 0,
  };
}

/**
 * A base line marked for a footnote ("veículo* q.s.p.", "excipientes* qsp", "vehicle*"), or made up to the
 * dose with the footnote's mark on the list alone ("excipiente q.s.p. 1 g *álcool …").
 */
const MARKED_VEHICLE =
  /(?:ve[ií]culo|excipientes?|excipients?|vehicle|base)(?:\s?\*|\s(?:q\.? ?s|c\.? ?b)[^\n*]{0,40}\*\s?\p{L})/iu;
/**
 * The footnote that lists the base: a "*" before lower-case names (or a list in Title Case), up to the next
 * line in capitals.
 */
const VEHICLE_FOOTNOTE =
  /(?:^|\s)\*\s?(?<list>(?:\p{Ll}|\p{Lu}(?=[^\n]{2,400},))[^\n]{2,400}(?:\n(?!\p{Lu}{3})[^\n]{1,200}){0,3})/u;
/**
 * The same footnote on a label printed in capitals, where case cannot tell the list from a heading: its
 * lines go on only after a separator or a joining word ("METABISSULFITO DE\nSÓDIO").
 */
const CAPITAL_VEHICLE_FOOTNOTE =
  /(?:^|\s)\*\s?(?<list>\p{Lu}[^\n]{2,400}(?:(?<=[,;-]|\s(?:DE|DI|DO|DA|E|Y))\n[^\n]{1,200}){0,3})/u;

/**
 * The inactive ingredients of a leaflet whose actives end with the base made up to the dose, its
 * components in a footnote ("veículo* q.s.p. 1 g … *metilparabeno, propilenoglicol e água purificada").
 */
function vehicleOf(section: IngredientSection, body: string): LabelIngredient[] {
  if (!MARKED_VEHICLE.test(section.text)) return [];
  const footnote = /\p{Ll}/u.test(body) ? VEHICLE_FOOTNOTE : CAPITAL_VEHICLE_FOOTNOTE;
  const list = footnote.exec(body.slice(Math.max(0, body.indexOf(section.text))))?.groups?.list;
  if (list === undefined) return [];
  // The footnote ends with its sentence ("… e água purificada.\nII- INFORMAÇÕES").
  return splitSection(list.split(/\.(?:\n|$)/u)[0] ?? '').ingredients.map((ingredient) => ({
    ...ingredient,
    role: 'inactive' as const,
  }));
}
