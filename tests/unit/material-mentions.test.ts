import { describe, expect, it } from 'vitest';
import { findMaterialMentions } from '../../lambdas/src/domain/label/material-mentions.ts';
import { readLabel } from '../../lambdas/src/domain/label/read-label.ts';

// Sentences written for these tests after the shapes of makers' pages and device summaries.

describe('findMaterialMentions', () => {
  it('finds the materials a period product’s page names in sentences about the product', () => {
    expect(
      findMaterialMentions(
        'Our tampons give you peace of mind. Every tampon is 100% organic cotton with a paraffin wax coated string.',
        [],
      ),
    ).toEqual(['organic cotton', 'paraffin wax']);
  });

  it('leaves out other products, packaging, what the product is free of, compatibility and definitions', () => {
    const page = [
      'Our cup is medical-grade silicone.',
      'Most tampons are made of rayon.',
      'The box is recycled cardboard.',
      'It contains no latex.',
      'Safe to use with polyurethane condoms.',
      'Polyester is a synthetic fibre.',
      'The fibres are the same raw materials paper is made from.',
    ].join(' ');
    expect(findMaterialMentions(page, [])).toEqual(['medical-grade silicone']);
  });

  it('reads nothing on a page that is not about a period product, and nothing already read', () => {
    expect(
      findMaterialMentions('This lubricant is water based. Store below 25°C in its plastic tube.', []),
    ).toEqual([]);
    expect(findMaterialMentions('Our pads have a cotton top sheet.', ['organic cotton'])).toEqual([]);
  });
});

describe('readLabel: materials named in a page’s sentences', () => {
  it('reports them with the list-may-be-incomplete warning', () => {
    const reading = readLabel(
      'Why choose our pads?\nOur pads have a soft bamboo top layer and a wood cellulose core.',
    );
    expect(reading.ingredients.map(({ name }) => name)).toEqual(['bamboo', 'cellulose']);
    expect(reading.incomplete).toBe(true);
  });
});
