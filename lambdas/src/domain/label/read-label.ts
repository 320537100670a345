import type { IngredientRole, ParsedIngredient } from '../types.ts';
import { leaderDotActiveLines } from './active-ingredients.ts';
import { type Claim, findClaims, withoutClaims } from './claims.ts';
import { unflattenDrugFacts } from './flattened-panel.ts';
import { CONTAINS_WORD, DOSE_COUNT, isHeadingAlone, separateGluedHeadings } from './headings.ts';
import { headlessPanelSections } from './headless-panel.ts';
import { splitSection } from './list-items.ts';
import { endsWithDosageForm, readsAsProse } from './prose.ts';
import { withoutForm, withoutQualifiers } from './qualifiers.ts';
import { isMeasuredComposition, type ListRead, readActives } from './read-actives.ts';
import { readHeadlessText, readInlineMaterials } from './read-unheaded.ts';
import { findIngredientSections, type IngredientSection } from './sections.ts';
import { splitTopLevel } from './separators.ts';
import { normalizeName, sanitizeLabelText } from './text-form.ts';

/** An ingredient as a label prints it, with what the label says of it. */
export interface LabelIngredient extends ParsedIngredient {
  readonly role: IngredientRole;
  /** As printed, for actives ("2%", "100 mg in each applicator", "3X"). */
  readonly strength?: string;
  /** As printed, for actives ("Vaginal antifungal"). */
  readonly purpose?: string;
}

/** Everything read off a label's text. */
export interface LabelReading {
  /**
   * Every section's ingredients, numbered 1..n in printed order; a name printed twice is listed once (an
   * active printed with two strengths, twice).
   */
  readonly ingredients: readonly LabelIngredient[];
  /** Free-from claims: never among the ingredients. */
  readonly claims: readonly Claim[];
  /**
   * Part of the label may not have been read as a list: a heading with nothing readable after it, or names
   * printed after the point where a list was found to end. The report then warns and cannot read "low".
   */
  readonly incomplete: boolean;
  /** How many sections had a heading (0: the whole text was taken as one list; a photo then shows no list). */
  readonly headedSections: number;
}

/** A panel title or a repeated heading run into the next heading ("DRUG FACTS Active Ingredient Active Ingredient Purpose"). */
const FLATTENED_PANEL_HEADINGS =
  /(drug facts|active ingredients?(?: ?\(s\))?) (?=(?:in)?active ingredients?(?![\p{L}]))/giu;

/**
 * A table row as web pages and converted documents print it: "| Ternidazole | 200 mg |", or without the
 * leading bar ("Propylene glycol | 50% |").
 */
const TABLE_ROW = /^\|?([^\n|]{1,200}(?:\|[^\n|]{0,200}){0,8})\|$/gmu;

/** The row's cells, joined as one line of text ("Ternidazole 200 mg"); empty cells dropped. */
function cellsOf(cells: string): string {
  return cells
    .split('|')
    .map((cell) => cell.trim())
    .filter((cell) => cell !== '')
    .join(' ');
}

/** The section names label records print before a panel's own headings ("Otc - Active Ingredient"). */
const OPENFDA_PREFIX = /(^|\n)otc ?[-–] ?/giu;

/**
 * Reads a label: its free-from claims first (so that "no chlorine bleaching" is never an ingredient), then
 * each ingredient section with its role — the actives of a Drug Facts panel with strength and purpose — or,
 * when no section has a heading, the whole text as one list. Never throws.
 */
export function readLabel(text: string): LabelReading {
  const clean = sanitizeLabelText(text);
  const claims = findClaims(clean);
  const body = unflattenDrugFacts(separateGluedHeadings(sanitizeLabelText(withoutClaims(clean, claims))))
    .replace(TABLE_ROW, (_row, cells: string) => cellsOf(cells))
    .replace(OPENFDA_PREFIX, '$1')
    .replace(FLATTENED_PANEL_HEADINGS, '$1\n');
  const headed = withoutRepeatedHeadings(findIngredientSections(body));
  // A Drug Facts panel whose headings a label record left out: its order says which part is which.
  const sections = headed.length > 0 ? headed : headlessPanelSections(body);
  // Actives printed under "Purpose" with leader dots and no "Active ingredient" heading of their own.
  const leaderActives = sections.some((section) => section.role === 'active')
    ? []
    : leaderDotActiveLines(body);
  if (leaderActives.length > 0) {
    sections.unshift({ heading: 'Active ingredient', role: 'active', text: leaderActives.join('\n') });
  }
  const hasActives = sections.some((section) => section.role === 'active');
  const lists: ListRead[] =
    sections.length > 0
      ? sections.map((section) => readSection(section, hasActives, body))
      : [readHeadlessText(body, clean)];
  // A maker's page with headings but no list under them: the materials its sentences name.
  if (lists.every((list) => list.ingredients.length === 0)) lists.push(readInlineMaterials(clean));

  const seen = new Set<string>();
  const ingredients: LabelIngredient[] = [];
  /** Actives read without a strength, by normalised name, at their index in `ingredients`. */
  const unmeasuredActives = new Map<string, number>();
  for (const list of lists) {
    for (const ingredient of list.ingredients) {
      // A combination pack prints one active twice, for the insert and for the external cream: both stay.
      const name = normalizeName(ingredient.name) || ingredient.name.toLowerCase();
      const key = `${name}|${ingredient.strength ?? ''}`;
      if (seen.has(key)) continue;
      seen.add(key);
      // "active substance: X; 1 pessary contains X 85.2 mg": the active named first, its strength after —
      // or named first by its INN and then as the salt measured ("neomycin", then "neomycin sulfate 35,000 IU").
      const named = ingredient.strength === undefined ? undefined : namedBefore(name, unmeasuredActives);
      const found = named === undefined ? undefined : ingredients[named.index];
      if (named !== undefined && found !== undefined) {
        const specific = named.key === name ? found : { ...found, ...ingredient, position: found.position };
        ingredients[named.index] = { ...specific, strength: ingredient.strength };
        unmeasuredActives.delete(named.key);
        continue;
      }
      if (ingredient.role === 'active' && ingredient.strength === undefined) {
        unmeasuredActives.set(name, ingredients.length);
      }
      ingredients.push({ ...withQualifierAlternative(ingredient), position: ingredients.length + 1 });
    }
  }
  return {
    ingredients,
    claims: claims.map(({ text: printed, kind, subject }) => ({ text: printed, kind, subject })),
    incomplete: lists.some((list) => list.incomplete) || listOutside(body, sections, seen),
    headedSections: headed.length,
  };
}

/**
 * The active read earlier without a strength that `name` measures: the same name, or its first words (the
 * INN before its salt or ester: "miconazole" for "miconazole nitrate").
 */
function namedBefore(
  name: string,
  unmeasured: ReadonlyMap<string, number>,
): { key: string; index: number } | undefined {
  const words = name.split(' ');
  for (let count = words.length; count >= 1; count--) {
    const key = words.slice(0, count).join(' ');
    const index = unmeasured.get(key);
    if (index !== undefined) return { key, index };
  }
  return undefined;
}

/** Fewest names on a line outside every section for it to read as a list. */
const MIN_NAMES_OUTSIDE = 3;
/** Most words of a name on such a line. */
const MAX_NAME_WORDS_OUTSIDE = 4;

/**
 * Whether a line outside every section read holds a list of names not read ("Calendula 6X, Hydrastis 12X,
 * Sepia 30C" under a heading that was not found): part of the label may be a list that was not read.
 * `read` holds the keys of the names read (a base's footnote is read apart from its section).
 */
function listOutside(
  body: string,
  sections: readonly IngredientSection[],
  read: ReadonlySet<string>,
): boolean {
  if (sections.length === 0) return false;
  let rest = body;
  for (const section of sections) if (section.text !== '') rest = rest.replace(section.text, '\n');
  return rest.split('\n').some((line) => {
    if (END_OF_PANEL.test(line)) return false;
    const items = splitTopLevel(line, false).map((item) => item.trim());
    const isName = (item: string) =>
      /\p{L}{3}/u.test(item) && item.split(/\s+/u).length <= MAX_NAME_WORDS_OUTSIDE && !readsAsProse(item);
    // "Ingredients | Ingrédients | Ingredienti": the headings of a multilingual pack, chained.
    if (items.every(isHeadingAlone)) return false;
    const unread = items.filter((item) => !read.has(`${normalizeName(item)}|`));
    return items.length >= MIN_NAMES_OUTSIDE && items.every(isName) && unread.length >= MIN_NAMES_OUTSIDE;
  });
}

/** Lines that start a panel's other sections, whose lists are symptoms and directions, not ingredients. */
const END_OF_PANEL =
  /^(?:[-•·*] ?)?(?:uses?|warnings?|directions|indications?|purposes?|other information|questions|do not|stop use|ask a doctor|when using|keep|store|made in|distributed|manufactured|for|apply|use)(?![\p{L}])/iu;

/**
 * ", calculated as 100% chlorhexidine 16 mg", ", equivalent to prednisolone 3 mg": what an amount comes to in
 * another form of the substance, not another ingredient.
 */
const EQUIVALENT =
  /,?\s*\(?(?:calculated as|equivalent to|corresponding to|expressed as|equiv\.)[^,;()\n]{0,80}\)?/giu;

/** Lines that open a section with a question ("… - ¿Qué contiene Gynocanesten?"): a web page's subtitle. */
const LEADING_QUESTIONS = /^(?:[^\n?]{0,200}\?[ \t]*(?:\n|$))+/u;

function readSection(raw: IngredientSection, hasActives: boolean, body: string): ListRead {
  const section = { ...raw, text: raw.text.replace(EQUIVALENT, '').replace(LEADING_QUESTIONS, '') };
  if (section.role === 'active' || isMeasuredComposition(section, hasActives))
    return readActives(section, body);
  // Beside a panel's actives, a list under a plain "Ingredients" heading holds the inactive ones.
  const role = section.role === 'ingredient' && hasActives ? 'inactive' : section.role;
  const { ingredients, leftOver } = splitSection(listOf(section.text));
  // "Ingredients\nSoft gel pessary:\n- Active ingredient: …": a label for the headings after it, no list.
  const labelOnly = /^[^\n:]{1,60}:$/u.test(section.text.trim());
  return {
    ingredients: ingredients.map((ingredient) => ({ ...ingredient, role })),
    // A heading followed by nothing that reads as a list means the list was not read.
    incomplete: leftOver || (ingredients.length === 0 && !labelOnly),
  };
}

/** "Enthält …", "Contains …": the word that opens a list printed as a sentence under its heading. */
const LEADING_CONTAINS = new RegExp(`^(?:${CONTAINS_WORD})\\s+(?=\\p{L})`, 'iu');

/**
 * A section's list without what opens it: the product's title printed first ("Mykofungin 3/-6,
 * Vaginalcreme" above the names) and a leading "contains".
 */
function listOf(text: string): string {
  const lines = text.split('\n');
  while (lines.length > 1 && endsWithDosageForm(lines[0] ?? '')) lines.shift();
  return lines.join('\n').replace(LEADING_CONTAINS, '');
}

/** "Medical grade silicone" is also looked up as "silicone" (tried when the printed name does not match). */
function withQualifierAlternative(ingredient: LabelIngredient): LabelIngredient {
  // "absorbent gel pearls" is looked up as "absorbent gel" (a name of its own) and then as "gel".
  const cores = [withoutForm(ingredient.name), withoutQualifiers(ingredient.name)].filter(
    (core): core is string =>
      core !== null && core !== ingredient.name && !ingredient.alternatives.includes(core),
  );
  return cores.length === 0
    ? ingredient
    : { ...ingredient, alternatives: [...ingredient.alternatives, ...new Set(cores)] };
}

/**
 * A heading printed twice ("ACTIVE INGREDIENT" then "Active ingredients Purpose", as label records print
 * their section name before the panel's own), or a general heading right before the specific ones
 * ("Composition:" then "Excipient ingredients: …"), leaves an empty section before the next: not a list
 * that could not be read.
 */
function withoutRepeatedHeadings(sections: readonly IngredientSection[]): IngredientSection[] {
  return inheritedRoles(sections).filter((section, index, all) => {
    const next = all[index + 1];
    const repeated = next !== undefined && (next.role === section.role || section.role === 'ingredient');
    return !(section.text === '' && repeated);
  });
}

/** "Each gram contains", "1 pessary contains": a heading that counts a dose, whatever it lists. */
const DOSE_HEADING = new RegExp(`^${DOSE_COUNT}\\s`, 'iu');

/**
 * "Excipients: Each gram of cream contains 2 mg benzoic acid …", "EXCIPIENTES\nComposición de …": a dose
 * heading or a general one right after an inactive heading with nothing between them lists inactive
 * ingredients.
 */
function inheritedRoles(sections: readonly IngredientSection[]): IngredientSection[] {
  return sections.map((section, index) => {
    const previous = sections[index - 1];
    const inherits =
      previous !== undefined &&
      previous.text === '' &&
      previous.role === 'inactive' &&
      (DOSE_HEADING.test(section.heading ?? '') || section.role === 'ingredient');
    return inherits ? { ...section, role: 'inactive' as const } : section;
  });
}
