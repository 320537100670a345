import { beforeAll, describe, expect, it } from 'vitest';
import type { DataRuntime } from '../../lambdas/src/runtime.ts';
import { MIN_FUZZY_SIMILARITY } from '../../lambdas/src/use-cases/scan-label.ts';
import { libraryDataRuntime } from '../support/local-api.ts';

/** Names as labels print them, per naming system, and the library entry each one is. */
const NAMING_SYSTEMS: Record<string, readonly (readonly [string, string])[]> = {
  'USP/NF': [
    ['Purified Water USP', 'Water'],
    ['Light Mineral Oil NF', 'Mineral Oil'],
    ['White Wax NF', 'Beeswax'],
    ['Hypromellose 2910', 'Hydroxypropyl Methylcellulose'],
    ['Edetate Disodium', 'Disodium EDTA'],
    ['Carbomer Homopolymer Type C', 'Carbomer'],
    ['Glacial Acetic Acid', 'Acetic Acid'],
    ['Trolamine', 'Triethanolamine'],
    ['Cetostearyl Alcohol', 'Cetearyl Alcohol'],
    ['Sorbic Acid NF', 'Sorbic Acid'],
  ],
  'FDA substance register (SPL)': [
    ['Hyaluronate Sodium', 'Sodium Hyaluronate'],
    ['Hamamelis Virginiana Top Water', 'Hamamelis Virginiana Water'],
    ['Aloe Vera Leaf', 'Aloe Barbadensis Leaf Juice'],
    ['Calendula Officinalis Flowering Top', 'Calendula Officinalis Flower Extract'],
    ['Methylchloroisothiazolinone/Methylisothiazolinone Mixture', 'Methylchloroisothiazolinone'],
    ['Alpha-Tocopherol Acetate', 'Tocopheryl Acetate'],
    ['Edetate Disodium Anhydrous', 'Disodium EDTA'],
  ],
  'Ph. Eur., BP and INN names, EU spelling': [
    ['Aqua Purificata', 'Water'],
    ['Light Liquid Paraffin', 'Mineral Oil'],
    ['Propyl Parahydroxybenzoate', 'Propylparaben'],
    ['Methyl Hydroxybenzoate', 'Methylparaben'],
    ['Sodium Laurilsulfate', 'Sodium Lauryl Sulfate'],
    ['Dimeticone', 'Dimethicone'],
    ['Racementhol', 'Menthol'],
    ['Disodium Laureth Sulphosuccinate', 'Disodium Laureth Sulfosuccinate'],
    ['Glycerol', 'Glycerin'],
  ],
  'common and trade names': [
    ['Vitamin E', 'Tocopherol'],
    ['Aloe Vera Leaf Juice', 'Aloe Barbadensis Leaf Juice'],
    ['Calendula', 'Calendula Officinalis Flower Extract'],
    ['Sugar of Milk', 'Lactose'],
    ['Witch Hazel', 'Hamamelis Virginiana Water'],
    ['Carbopol', 'Carbomer'],
  ],
  'hydrates and grades': [
    ['Carbomer 934P', 'Carbomer'],
    ['Carbomer 980', 'Carbomer'],
    ['Citric Acid Monohydrate', 'Citric Acid'],
    ['Anhydrous Citric Acid', 'Citric Acid'],
    ['Trisodium Citrate Dihydrate', 'Sodium Citrate'],
    ['Dextrose Monohydrate', 'Glucose'],
    ['Lactose Monohydrate NF', 'Lactose'],
  ],
  'homeopathic Latin': [
    ['Acidum Boricum 6X', 'Boric Acid'],
    ['Boricum Acidum 3X HPUS', 'Boric Acid'],
    ['Natrum Muriaticum 6X', 'Sodium Chloride'],
    ['Calcarea Carbonica 12C', 'Calcium Carbonate'],
    ['Zincum Oxydatum 4X', 'Zinc Oxide'],
    ['Calendula Officinalis 1X HPUS', 'Calendula Officinalis Flower Extract'],
    ['Chamomilla 6C', 'Chamomilla Recutita Flower Extract'],
    ['Saccharum Lactis', 'Lactose'],
    ['Argentum Metallicum 6X', 'Silver'],
  ],
};

describe('names as labels print them, through the real matching', () => {
  let data: DataRuntime;

  beforeAll(async () => {
    data = await libraryDataRuntime();
  });

  const matchedName = async (text: string) =>
    (await data.scanLabel({ source: 'text', text })).ingredients.map((item) => item.match?.name ?? null);

  for (const [system, names] of Object.entries(NAMING_SYSTEMS)) {
    it(`reads ${system} names as their library entry`, async () => {
      const wrong: string[] = [];
      for (const [printed, entry] of names) {
        const [got] = await matchedName(`Ingredients: ${printed}`);
        if (got !== entry) wrong.push(`${printed} → ${got}, want ${entry}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it('reads a Drug Facts inactive list printed in USP/NF names whole', async () => {
    const got = await matchedName(
      'Inactive ingredients: purified water USP, carbomer 934P, edetate disodium, glycerin USP, ' +
        'propyl parahydroxybenzoate, citric acid monohydrate, sodium hydroxide',
    );

    expect(got).toEqual([
      'Water',
      'Carbomer',
      'Disodium EDTA',
      'Glycerin',
      'Propylparaben',
      'Citric Acid',
      'Sodium Hydroxide',
    ]);
  });

  it('leaves near-homonyms the trigram step would cross unknown, and still reads misreadings', async () => {
    const names = ['Calcium Acetate', 'Potassium Ascorbate', 'Calcium Sulfite'];
    const store = await data.store.matchIngredients({
      names,
      embeddings: await data.embedder.embed(names),
      embeddingModel: data.embedder.model,
      minFuzzySimilarity: MIN_FUZZY_SIMILARITY,
      minSemanticSimilarity: data.embedder.minSemanticSimilarity,
    });

    const got = await matchedName(
      `Ingredients: ${names.join(', ')}, Glycerln, Dimethicorne, Methylparabcn, Calcium Lactate, Potassium Sorbate`,
    );

    // What the store alone answers: a different ingredient, one or two letters away.
    expect(store.map((match) => [match?.name, match?.method])).toEqual([
      ['Calcium Lactate', 'fuzzy'],
      ['Potassium Sorbate', 'fuzzy'],
      ['Calcium Sulfate', 'fuzzy'],
    ]);
    expect(got).toEqual([
      null,
      null,
      null,
      'Glycerin',
      'Dimethicone',
      'Methylparaben',
      'Calcium Lactate',
      'Potassium Sorbate',
    ]);
  });

  it('matches no other entry for a different vitamin letter, counted prefix or ester the store would cross', async () => {
    const names = ['Vitamin F', 'Vitamin D2', 'Glyceryl Dioleate', 'Dimethyl Phthalate'];
    const store = await data.store.matchIngredients({
      names,
      embeddings: null,
      embeddingModel: null,
      minFuzzySimilarity: MIN_FUZZY_SIMILARITY,
      minSemanticSimilarity: data.embedder.minSemanticSimilarity,
    });

    const got = await matchedName(`Ingredients: ${names.join(', ')}`);

    expect(store.map((match) => match?.name)).toEqual([
      'Tocopherol',
      'Cholecalciferol',
      'Glyceryl Oleate',
      'Diethyl Phthalate',
    ]);
    expect(got).toEqual([null, null, null, null]);
  });
});
