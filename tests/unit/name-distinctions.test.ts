import { describe, expect, it } from 'vitest';
import {
  acceptMatch,
  type Distinction,
  distinctionBetween,
  nearestTerm,
} from '../../lambdas/src/domain/name-distinctions.ts';
import type { IngredientMatch, MatchMethod } from '../../lambdas/src/domain/types.ts';

function match(name: string, aliases: string[], method: MatchMethod): IngredientMatch {
  return {
    id: 1,
    name,
    aliases,
    category: 'other',
    risk_level: 'low',
    description: `${name}.`,
    sources: [],
    similarity: method === 'fuzzy' || method === 'semantic' ? 0.9 : 1,
    method,
  };
}

/** Pairs per feature: [printed, library term, the feature that tells them apart]. */
const DIFFERENT: Record<Distinction, readonly (readonly [string, string])[]> = {
  counted_prefix: [
    ['Dipropylene Glycol', 'Propylene Glycol'],
    ['Disodium EDTA', 'Tetrasodium EDTA'],
    ['Tetrasodium EDTA', 'Disodium EDTA'],
    ['Trisodium Citrate', 'Sodium Citrate'],
    ['Sodium Cocoamphoacetate', 'Disodium Cocoamphodiacetate'],
    ['Glycol Stearate', 'Glycol Distearate'],
    ['Triethanolamine', 'Diethanolamine'],
    ['Cocamide MEA', 'Cocamide DEA'],
    ['Cocamide EA', 'Cocamide DEA'],
    ['Di-Propylene Glycol', 'Propylene Glycol'],
    ['Disodium Cocoamphoacetate', 'Disodium Cocoamphodiacetate'],
    ['Sodium Lauroamphodiacetate', 'Sodium Lauroamphoacetate'],
  ],
  number: [
    ['Polysorbate 60', 'Polysorbate 20'],
    ['Polysorbate 80', 'Polysorbate 20'],
    ['Polysorbate', 'Polysorbate 80'],
    ['Steareth-20', 'Steareth-2'],
    ['Steareth-30', 'Steareth-21'],
    ['PEG-8', 'PEG-100'],
    ['PEG-100 Stearate', 'PEG-40 Stearate'],
    ['Ceteareth-25', 'Ceteareth-20'],
    ['CI 77491', 'CI 77891'],
    ['E330', 'E325'],
    ['1,2-Propanediol', '1,3-Propanediol'],
    ['Glycereth-26', 'Glycerin'],
  ],
  vitamin: [
    ['Vitamin A', 'Vitamin E'],
    ['Vitamin E', 'Vitamin A'],
    ['Vitamin B3', 'Provitamin B5'],
    ['vitamin b 12', 'Vitamin B6'],
  ],
  isomer: [
    ['Isopropyl Alcohol', 'Propyl Alcohol'],
    ['Propyl Alcohol', 'Isopropyl Alcohol'],
    ['Isobutane', 'Butane'],
    ['n-Butane', 'Isobutane'],
    ['Iso Propyl Myristate', 'Propyl Myristate'],
    ['Isobutylparaben', 'Butylparaben'],
    ['Isostearic Acid', 'Stearic Acid'],
    ['Cyclomethicone', 'Methicone'],
    // The isomer after a counted prefix both names print.
    ['Glyceryl Monoisostearate', 'Glyceryl Monostearate'],
  ],
  salt_or_ester: [
    ['Sodium Acetate', 'Sodium Lactate'],
    ['Sodium Chloride', 'Potassium Chloride'],
    ['Potassium Sorbate', 'Sodium Sorbate'],
    ['Sodium Sulfite', 'Sodium Sulfate'],
    ['Methylparaben', 'Ethylparaben'],
    ['Ethyl Paraben', 'Methylparaben'],
    ['Propylparaben', 'Butylparaben'],
    ['Tocopherol', 'Tocopheryl Acetate'],
    ['Vitamin E', 'Vitamin E Acetate'],
    ['Retinol', 'Retinyl Palmitate'],
    ['Miconazole', 'Miconazole Nitrate'],
    ['Sodium Hyaluronate', 'Hyaluronic Acid'],
    ['Sodium Laureth Sulfate', 'Sodium Lauryl Sulfate'],
    ['Isopropyl Myristate', 'Isopropyl Palmitate'],
    ['Pentylene Glycol', 'Butylene Glycol'],
    ['Cetyl Alcohol', 'Cetearyl Alcohol'],
    ['Dimethyl Phthalate', 'Diethyl Phthalate'],
  ],
  drug_stem: [
    ['Econazole Nitrate', 'Miconazole Nitrate'],
    ['Azotan ekonazolu', 'Azotan mikonazolu'],
    ['Tioconazole', 'Terconazole'],
    ['Lidocaine', 'Dibucaine'],
    ['Metronidazole', 'Tinidazole'],
  ],
  plant_part_or_form: [
    ['Helianthus Annuus Seed Wax', 'Helianthus Annuus Seed Oil'],
    ['Rosa Damascena Flower Water', 'Rosa Damascena Flower Oil'],
    ['Camellia Sinensis Leaf Extract', 'Camellia Sinensis Seed Oil'],
    ['Glycyrrhiza Glabra Root Extract', 'Glycyrrhiza Glabra Leaf Extract'],
  ],
};

/** Misreadings, spellings and grades of one name: [printed, library term]. */
const SAME: readonly (readonly [string, string])[] = [
  ['Glycerln', 'Glycerin'],
  ['Helianthus Annuus Seed 0il', 'Helianthus Annuus Seed Oil'],
  ['Micomazole Nitrate', 'Miconazole Nitrate'],
  ['Aloe Barbadensis Leaves Juice', 'Aloe Barbadensis Leaf Juice'],
  ['Calendula Officinalis Extract', 'Calendula Officinalis Flower Extract'],
  ['Polysorbate 2O', 'Polysorbate 20'],
  ['Ti02', 'TiO2'],
  ['Si02', 'SiO2'],
  ['Po1ysorbate 20', 'Polysorbate 20'],
  ['POLYSORBATE-20', 'Polysorbate 20'],
  ['Polysorbate20', 'Polysorbate 20'],
  ['PEG 100 Stearate', 'PEG-100 Stearate'],
  ['Steareth 21', 'Steareth-21'],
  ['C1 77891', 'CI 77891'],
  ['Carbomer 934P', 'Carbomer'],
  ['CARBOMER 940', 'Carbomer'],
  ['Hydroxyethylcellulose 250 HHR', 'Hydroxyethylcellulose'],
  ['Dimethicorne', 'Dimethicone'],
  ['Phenoxyethano1', 'Phenoxyethanol'],
  ['PEG-40 Hydrogenated Castor 0il', 'PEG-40 Hydrogenated Castor Oil'],
  ['Metronidaz01e', 'Metronidazole'],
  ['Sodium Lauryl Sulfte', 'Sodium Lauryl Sulfate'],
  ['Sodium Laclate', 'Sodium Lactate'],
  ['Sodium Benzoafe', 'Sodium Benzoate'],
  ['Pootasium Sorbate', 'Potassium Sorbate'],
  ['Znc Oxide', 'Zinc Oxide'],
  ['Dlsodium EDTA', 'Disodium EDTA'],
  ['Di-Sodium EDTA', 'Disodium EDTA'],
  ['Glycol Dstearate', 'Glycol Distearate'],
  ['Chlorhexidine igluconate', 'Chlorhexidine Digluconate'],
  ['Ispropyl Myristate', 'Isopropyl Myristate'],
  ['Methylparabcn', 'Methylparaben'],
  ['Etyl Paraben', 'Ethyl Paraben'],
  ['Methyl Paraben', 'Methylparaben'],
  ['Hydroxypropylmethylcellulose', 'Hydroxypropyl Methylcellulose'],
  ['Ethy lhexylglycerin', 'Ethylhexylglycerin'],
  ['Glyceryl Monostearate', 'Glyceryl Stearate'],
  ['Monopropylene Glycol', 'Propylene Glycol'],
  ['n-Butane', 'Butane'],
  ['Hexanediol', '1,2-Hexanediol'],
  ['Vitamin E', 'Vitamin E'],
  ['vitamin e', 'Vitamin-E'],
  ['E 325', 'E325'],
  ['Nylon6', 'Nylon 6'],
];

describe('distinctionBetween', () => {
  for (const [feature, pairs] of Object.entries(DIFFERENT)) {
    it.each(pairs)(`tells "%s" from "%s" by ${feature}`, (printed, term) => {
      expect(distinctionBetween(printed, term)).toBe(feature);
    });
  }

  it.each(SAME)('reads "%s" as "%s" (misreading, spelling or grade)', (printed, term) => {
    expect(distinctionBetween(printed, term)).toBeNull();
  });
});

describe('nearestTerm', () => {
  it('picks the name or alias spelled most like the query, case and punctuation aside', () => {
    expect(nearestTerm('Sodium Acetat', ['Sodium Lactate', 'E325'])).toBe('Sodium Lactate');
    expect(nearestTerm('polysorbate-2O', ['Polysorbate 20', 'Tween 20', 'E432'])).toBe('Polysorbate 20');
    expect(nearestTerm('Vitamin A', ['Tocopherol', 'Vitamin E', 'E306'])).toBe('Vitamin E');
  });
});

describe('acceptMatch', () => {
  it('rejects a fuzzy or semantic match that crosses a distinction with the term it went through', () => {
    const lactate = match('Sodium Lactate', ['E325'], 'fuzzy');
    const propyleneGlycol = match(
      'Propylene Glycol',
      ['1,2-Propanediol', 'Monopropylene Glycol'],
      'semantic',
    );
    const tocopherol = match('Tocopherol', ['Vitamin E', 'Mixed Tocopherols'], 'semantic');

    expect(acceptMatch('Sodium Acetate', lactate)).toBeNull();
    expect(acceptMatch('Dipropylene Glycol', propyleneGlycol)).toBeNull();
    expect(acceptMatch('Vitamin A', tocopherol)).toBeNull();
  });

  it('keeps a fuzzy or semantic match of a misreading, through the name or an alias', () => {
    const glycerin = match('Glycerin', ['Glycerol', 'Glycerine'], 'fuzzy');
    const carbomer = match('Carbomer', ['Carbopol'], 'semantic');

    expect(acceptMatch('Glycerln', glycerin)).toBe(glycerin);
    expect(acceptMatch('Glycero1', glycerin)).toBe(glycerin);
    expect(acceptMatch('Carbomer 934P', carbomer)).toBe(carbomer);
  });

  it('never second-guesses exact and alias matches, nor invents one', () => {
    const miconazole = match('Miconazole Nitrate', ['Miconazole'], 'alias');
    const hydrocortisone = match('Hydrocortisone', ['Hydrocortisone Acetate'], 'alias');

    expect(acceptMatch('Miconazole', miconazole)).toBe(miconazole);
    expect(acceptMatch('Hydrocortisone Acetate', hydrocortisone)).toBe(hydrocortisone);
    expect(acceptMatch('Anything', null)).toBeNull();
  });
});
