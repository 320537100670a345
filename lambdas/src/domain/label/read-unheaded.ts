import { findInlineMaterials, type InlineName } from './inline-lists.ts';
import { startsWithComponent } from './item-labels.ts';
import { isPart } from './item-names.ts';
import { findListBlock } from './list-blocks.ts';
import { splitSection } from './list-items.ts';
import { findMaterialMentions } from './material-mentions.ts';
import { withoutQualifiers } from './qualifiers.ts';
import type { ListRead } from './read-actives.ts';
import type { LabelIngredient } from './read-label.ts';
import { normalizeName } from './text-form.ts';

/**
 * A label read without a heading: the pasted list itself, a table of a pad's parts and their materials, a
 * list printed under paragraphs, or the materials and ingredients a maker's page names in its sentences.
 */

/**
 * Text without any heading: the pasted list itself (the text up to the prose) when it holds a list; else a
 * table of a pad's parts and materials; else whichever names more of a list among the paragraphs and the
 * names a maker's page or regulatory summary gives in sentences ("The lubricant contains water, glycerin…").
 */
export function readHeadlessText(body: string, clean: string): ListRead {
  const { ingredients, leftOver } = splitSection(body);
  const bare = {
    ingredients: ingredients.map((ingredient) => ({ ...ingredient, role: 'ingredient' as const })),
    incomplete: leftOver,
  };
  // A title line before prose ("Material & Environment") is no list: a table of parts and their
  // materials, or names in sentences, are more telling.
  const bareIsAList = bare.ingredients.length >= 3 && !bare.incomplete;
  if (bareIsAList) return bare;
  const table = readComponentTable(body);
  if (table.ingredients.length > 0) return table;
  const inline = readInlineMaterials(clean);
  // A list under paragraphs with no heading ("• Water • Propanediol (…)" after a review): read, but never
  // presented as surely the whole label.
  const block = findListBlock(body);
  if (
    block !== null &&
    block.ingredients.length > Math.max(inline.ingredients.length, bare.ingredients.length)
  ) {
    return {
      ingredients: block.ingredients.map((ingredient) => ({ ...ingredient, role: 'ingredient' as const })),
      incomplete: true,
    };
  }
  return inline.ingredients.length > 0 ? inline : bare;
}

/** Rows of a table of parts and materials ("Topsheet Polypropylene nonwoven"), when at least two are printed. */
const MIN_TABLE_ROWS = 2;

/** A maker's table of a pad's parts and their materials, read without a heading: never the whole for sure. */
function readComponentTable(body: string): ListRead {
  const rows = body.split('\n').filter(startsWithComponent);
  if (rows.length < MIN_TABLE_ROWS) return { ingredients: [], incomplete: false };
  // "Tampon component: Absorbent pledget, overwrap and a withdrawal cord": a table of parts, no materials.
  const materials = splitSection(rows.join('\n')).ingredients.filter(({ name }) => !isPart(name));
  return {
    ingredients: materials.map((ingredient) => ({ ...ingredient, role: 'ingredient' as const })),
    incomplete: true,
  };
}

/**
 * Names read from sentences are never presented as the whole list: the report says it may be incomplete. Once
 * a drug's description names its actives, the other names it gives are its inactive ingredients.
 */
export function readInlineMaterials(clean: string): ListRead {
  const led = findInlineMaterials(clean);
  const mentioned = findMaterialMentions(
    clean,
    led.map(({ name }) => name),
  ).map((name): InlineName => ({ name, role: 'ingredient' }));
  // "made of medical-grade silicone … made of soft silicone": one material, named twice.
  const cores = new Set<string>();
  const names = [...led, ...mentioned].filter(({ name, role }) => {
    const core = `${role}|${normalizeName(withoutQualifiers(name) ?? name)}`;
    if (cores.has(core)) return false;
    cores.add(core);
    return true;
  });
  const actives = new Set(
    names.filter((named) => named.role === 'active').map(({ name }) => normalizeName(name)),
  );
  const hasActives = actives.size > 0;
  const ingredients = names
    // "contains butoconazole nitrate 2%, an imidazole derivative": the active, named again.
    .filter(({ name, role }) => role === 'active' || !actives.has(normalizeName(name)))
    // "consisting of an absorbent pledget, overwrap, a withdrawal cord": parts, not what they are made of.
    .filter(({ name }) => !isPart(name))
    .flatMap(({ name, role, strength }) =>
      splitSection(name).ingredients.map(
        (ingredient): LabelIngredient => ({
          ...ingredient,
          role: hasActives && role === 'ingredient' ? 'inactive' : role,
          ...(role === 'active' && strength !== undefined ? { strength } : {}),
        }),
      ),
    );
  return { ingredients, incomplete: ingredients.length > 0 };
}
