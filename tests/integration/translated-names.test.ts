import { beforeAll, describe, expect, it } from 'vitest';
import type { DataRuntime } from '../../lambdas/src/runtime.ts';
import { libraryDataRuntime } from '../support/local-api.ts';

interface Language {
  /** Names as packs, leaflets and device labels print them in the language, and the entry each one is. */
  readonly entries: readonly (readonly [string, string])[];
  /**
   * Other substances printed in the language one or two letters from a translated name: a salt with another
   * cation or anion, another ester, another azole, ascorbic beside sorbic acid. None is in the library.
   */
  /**
   * Names of substances a letter or two away from another entry's name in that language ("Acetato de sódio"
   * from Lactato), with the entry they are: read as it, or unknown, never as the near entry.
   */
  readonly near: readonly (readonly [string, string])[];
}

const LANGUAGES: Record<string, Language> = {
  Portuguese: {
    entries: [
      ['Água purificada', 'Water'],
      ['Glicerina', 'Glycerin'],
      ['Ácido lático', 'Lactic Acid'],
      // No alias of its own ("Acetato de sódio" would cross to it): found one spelling away from the French.
      ['Lactato de sódio', 'Sodium Lactate'],
      ['Álcool benzílico', 'Benzyl Alcohol'],
      ['Álcool cetoestearílico', 'Cetearyl Alcohol'],
      ['Cloreto de sódio', 'Sodium Chloride'],
      ['Hidróxido de sódio', 'Sodium Hydroxide'],
      ['Goma xantana', 'Xanthan Gum'],
      ['Propilenoglicol', 'Propylene Glycol'],
      ['Metilparabeno', 'Methylparaben'],
      ['Para-hidroxibenzoato de propilo', 'Propylparaben'],
      ['Fragrância', 'Fragrance'],
      ['Babosa', 'Aloe Barbadensis Leaf Juice'],
      ['Óleo mineral', 'Mineral Oil'],
      ['Vaselina', 'Petrolatum'],
      ['Dimeticona', 'Dimethicone'],
      ['Algodão', 'Cotton'],
      ['Polietileno', 'Polyethylene'],
      ['Celulose', 'Cellulose'],
      ['Poliacrilato de sódio', 'Sodium Polyacrylate'],
      ['Ácido hialurônico', 'Sodium Hyaluronate'],
      ['Digluconato de clorexidina', 'Chlorhexidine Gluconate'],
      ['Cloreto de benzalcônio', 'Benzalkonium Chloride'],
      ['Cloridrato de lidocaína', 'Lidocaine'],
      ['Acetato de hidrocortisona', 'Hydrocortisone'],
      ['Clotrimazol', 'Clotrimazole'],
      ['Ácido bórico', 'Boric Acid'],
    ],
    near: [
      ['Acetato de sódio', 'Sodium Acetate'],
      ['Ácido ascórbico', 'Ascorbic Acid'],
      ['Nitrato de econazol', 'Econazole Nitrate'],
      ['Cloreto de potássio', 'Potassium Chloride'],
      ['Dipropilenoglicol', 'Dipropylene Glycol'],
      ['Hidroxipropilcelulose', 'Hydroxypropyl Cellulose'],
    ],
  },
  Spanish: {
    entries: [
      ['Agua', 'Water'],
      ['Glicerol', 'Glycerin'],
      ['Ácido láctico', 'Lactic Acid'],
      ['Alcohol bencílico', 'Benzyl Alcohol'],
      ['Benzoato sódico', 'Sodium Benzoate'],
      ['Sorbato de potasio', 'Potassium Sorbate'],
      ['Ácido cítrico', 'Citric Acid'],
      ['Cloruro sódico', 'Sodium Chloride'],
      ['Hidroxietilcelulosa', 'Hydroxyethylcellulose'],
      ['Propilenglicol', 'Propylene Glycol'],
      ['Parahidroxibenzoato de metilo', 'Methylparaben'],
      ['Parahidroxibenzoato de etilo', 'Ethylparaben'],
      ['Fenoxietanol', 'Phenoxyethanol'],
      ['Fragancia', 'Fragrance'],
      ['Sábila', 'Aloe Barbadensis Leaf Juice'],
      ['Acetato de tocoferol', 'Tocopheryl Acetate'],
      ['Parafina líquida', 'Mineral Oil'],
      ['Vaselina blanca', 'Petrolatum'],
      ['Algodón', 'Cotton'],
      ['Viscosa', 'Rayon'],
      ['Poliéster', 'Polyester'],
      ['Polipropileno', 'Polypropylene'],
      ['Silicona', 'Silicone'],
      ['Adhesivo', 'Adhesive'],
      ['Hialuronato sódico', 'Sodium Hyaluronate'],
      ['Gluconato de clorhexidina', 'Chlorhexidine Gluconate'],
      ['Cloruro de benzalconio', 'Benzalkonium Chloride'],
      ['Cloruro de bencetonio', 'Benzethonium Chloride'],
      ['Hidrocloruro de lidocaína', 'Lidocaine'],
      ['Hidrocortisona', 'Hydrocortisone'],
      ['Miconazol', 'Miconazole Nitrate'],
      ['Ácido acético', 'Acetic Acid'],
    ],
    near: [
      ['Acetato de sodio', 'Sodium Acetate'],
      ['Hidróxido de potasio', 'Potassium Hydroxide'],
      ['Hidroxipropilcelulosa', 'Hydroxypropyl Cellulose'],
      ['Polietilenglicol', 'Polyethylene Glycol'],
      ['Sílice', 'Colloidal Silicon Dioxide'],
      ['Vitamina A', 'Retinol'],
      ['Prilocaína', 'Prilocaine'],
    ],
  },
  French: {
    entries: [
      ['Eau purifiée', 'Water'],
      ['Glycérol', 'Glycerin'],
      ['Acide lactique', 'Lactic Acid'],
      ['Lactate de sodium', 'Sodium Lactate'],
      ['Alcool benzylique', 'Benzyl Alcohol'],
      ['Alcool cétostéarylique', 'Cetearyl Alcohol'],
      ['Benzoate de sodium', 'Sodium Benzoate'],
      ['Sorbate de potassium', 'Potassium Sorbate'],
      ['Acide citrique', 'Citric Acid'],
      ['Chlorure de sodium', 'Sodium Chloride'],
      ['Hydroxyde de sodium', 'Sodium Hydroxide'],
      ['Gomme xanthane', 'Xanthan Gum'],
      ['Propylèneglycol', 'Propylene Glycol'],
      ['Parahydroxybenzoate de méthyle', 'Methylparaben'],
      ["Parahydroxybenzoate d'éthyle", 'Ethylparaben'],
      ['Phénoxyéthanol', 'Phenoxyethanol'],
      ['Acétate de tocophérol', 'Tocopheryl Acetate'],
      ['Huile de paraffine', 'Mineral Oil'],
      ['Vaseline', 'Petrolatum'],
      ['Coton', 'Cotton'],
      ['Rayonne', 'Rayon'],
      ['Polyacrylate de sodium', 'Sodium Polyacrylate'],
      ['Adhésif', 'Adhesive'],
      ['Acide hyaluronique', 'Sodium Hyaluronate'],
      ['Digluconate de chlorhexidine', 'Chlorhexidine Gluconate'],
      ['Chlorure de benzalkonium', 'Benzalkonium Chloride'],
      ['Chlorure de benzéthonium', 'Benzethonium Chloride'],
      ['Chlorhydrate de lidocaïne', 'Lidocaine'],
      ["Acétate d'hydrocortisone", 'Hydrocortisone'],
      ['Acide borique', 'Boric Acid'],
    ],
    near: [
      ['Acétate de sodium', 'Sodium Acetate'],
      ['Acide ascorbique', 'Ascorbic Acid'],
      ["Nitrate d'éconazole", 'Econazole Nitrate'],
      ['Chlorure de potassium', 'Potassium Chloride'],
      ['Silice', 'Colloidal Silicon Dioxide'],
    ],
  },
  German: {
    entries: [
      ['Gereinigtes Wasser', 'Water'],
      ['Milchsäure', 'Lactic Acid'],
      ['Natriumlactat', 'Sodium Lactate'],
      ['Benzylalkohol', 'Benzyl Alcohol'],
      ['Cetylstearylalkohol', 'Cetearyl Alcohol'],
      ['Kaliumsorbat', 'Potassium Sorbate'],
      ['Sorbinsäure', 'Sorbic Acid'],
      ['Citronensäure', 'Citric Acid'],
      ['Natriumchlorid', 'Sodium Chloride'],
      ['Natriumhydroxid', 'Sodium Hydroxide'],
      ['Xanthangummi', 'Xanthan Gum'],
      ['Propylenglycol', 'Propylene Glycol'],
      ['Methyl-4-hydroxybenzoat', 'Methylparaben'],
      ['Propyl-4-hydroxybenzoat', 'Propylparaben'],
      ['Duftstoffe', 'Fragrance'],
      ['Tocopherolacetat', 'Tocopheryl Acetate'],
      ['Dickflüssiges Paraffin', 'Mineral Oil'],
      ['Weißes Vaselin', 'Petrolatum'],
      ['Dimeticon', 'Dimethicone'],
      ['Baumwolle', 'Cotton'],
      ['Viskose', 'Rayon'],
      ['Polyethylen', 'Polyethylene'],
      ['Zellstoff', 'Cellulose'],
      ['Silikon', 'Silicone'],
      ['Klebstoff', 'Adhesive'],
      ['Hyaluronsäure', 'Sodium Hyaluronate'],
      ['Chlorhexidindigluconat', 'Chlorhexidine Gluconate'],
      ['Benzalkoniumchlorid', 'Benzalkonium Chloride'],
      ['Lidocainhydrochlorid', 'Lidocaine'],
      ['Hydrocortisonacetat', 'Hydrocortisone'],
      ['Borsäure', 'Boric Acid'],
    ],
    near: [
      ['Natriumacetat', 'Sodium Acetate'],
      ['Ascorbinsäure', 'Ascorbic Acid'],
      ['Econazolnitrat', 'Econazole Nitrate'],
      ['Kaliumchlorid', 'Potassium Chloride'],
      ['Dipropylenglycol', 'Dipropylene Glycol'],
    ],
  },
  Italian: {
    entries: [
      ['Acqua depurata', 'Water'],
      ['Glicerolo', 'Glycerin'],
      ['Acido lattico', 'Lactic Acid'],
      ['Sodio lattato', 'Sodium Lactate'],
      ['Alcool cetostearilico', 'Cetearyl Alcohol'],
      ['Sodio benzoato', 'Sodium Benzoate'],
      ['Potassio sorbato', 'Potassium Sorbate'],
      ['Cloruro di sodio', 'Sodium Chloride'],
      ['Sodio idrossido', 'Sodium Hydroxide'],
      ['Gomma xantana', 'Xanthan Gum'],
      ['Idrossietilcellulosa', 'Hydroxyethylcellulose'],
      ['Glicole propilenico', 'Propylene Glycol'],
      ['Metile paraidrossibenzoato', 'Methylparaben'],
      ['Propile paraidrossibenzoato', 'Propylparaben'],
      ['Fenossietanolo', 'Phenoxyethanol'],
      ['Profumo', 'Fragrance'],
      ['Tocoferolo', 'Tocopherol'],
      ['Olio di vaselina', 'Mineral Oil'],
      ['Vaselina bianca', 'Petrolatum'],
      ['Cotone', 'Cotton'],
      ['Poliestere', 'Polyester'],
      ['Polietilene', 'Polyethylene'],
      ['Cellulosa', 'Cellulose'],
      ['Sodio poliacrilato', 'Sodium Polyacrylate'],
      ['Sodio ialuronato', 'Sodium Hyaluronate'],
      ['Clorexidina digluconato', 'Chlorhexidine Gluconate'],
      ['Benzalconio cloruro', 'Benzalkonium Chloride'],
      ['Lidocaina cloridrato', 'Lidocaine'],
      ['Idrocortisone', 'Hydrocortisone'],
      ['Clotrimazolo', 'Clotrimazole'],
      ['Acido borico', 'Boric Acid'],
    ],
    near: [
      ['Sodio acetato', 'Sodium Acetate'],
      ['Acido ascorbico', 'Ascorbic Acid'],
      ['Econazolo nitrato', 'Econazole Nitrate'],
      ['Potassio cloruro', 'Potassium Chloride'],
      ['Glicole dipropilenico', 'Dipropylene Glycol'],
      ['Idrossipropilcellulosa', 'Hydroxypropyl Cellulose'],
    ],
  },
  Dutch: {
    entries: [
      ['Gezuiverd water', 'Water'],
      ['Melkzuur', 'Lactic Acid'],
      // No alias of its own ("Natriumacetaat" would cross to it): found one letter from the German.
      ['Natriumlactaat', 'Sodium Lactate'],
      ['Benzylalcohol', 'Benzyl Alcohol'],
      ['Cetostearylalcohol', 'Cetearyl Alcohol'],
      ['Natriumbenzoaat', 'Sodium Benzoate'],
      ['Kaliumsorbaat', 'Potassium Sorbate'],
      ['Sorbinezuur', 'Sorbic Acid'],
      ['Citroenzuur', 'Citric Acid'],
      ['Natriumchloride', 'Sodium Chloride'],
      ['Xanthaangom', 'Xanthan Gum'],
      ['Propyleenglycol', 'Propylene Glycol'],
      ['Methylparahydroxybenzoaat', 'Methylparaben'],
      ['Fenoxyethanol', 'Phenoxyethanol'],
      ['Geurstoffen', 'Fragrance'],
      ['Tocoferolacetaat', 'Tocopheryl Acetate'],
      ['Vloeibare paraffine', 'Mineral Oil'],
      ['Witte vaseline', 'Petrolatum'],
      ['Katoen', 'Cotton'],
      ['Polyetheen', 'Polyethylene'],
      ['Polypropeen', 'Polypropylene'],
      ['Celstof', 'Cellulose'],
      ['Siliconen', 'Silicone'],
      ['Lijm', 'Adhesive'],
      ['Hyaluronzuur', 'Sodium Hyaluronate'],
      ['Chloorhexidine', 'Chlorhexidine Gluconate'],
      ['Benzalkoniumchloride', 'Benzalkonium Chloride'],
      ['Lidocaïnehydrochloride', 'Lidocaine'],
      ['Hydrocortison', 'Hydrocortisone'],
      ['Azijnzuur', 'Acetic Acid'],
    ],
    near: [
      ['Natriumacetaat', 'Sodium Acetate'],
      ['Ascorbinezuur', 'Ascorbic Acid'],
      ['Kaliumchloride', 'Potassium Chloride'],
      ['Dipropyleenglycol', 'Dipropylene Glycol'],
    ],
  },
  Polish: {
    entries: [
      ['Woda oczyszczona', 'Water'],
      ['Gliceryna', 'Glycerin'],
      ['Kwas mlekowy', 'Lactic Acid'],
      ['Mleczan sodu', 'Sodium Lactate'],
      ['Alkohol benzylowy', 'Benzyl Alcohol'],
      ['Benzoesan sodu', 'Sodium Benzoate'],
      ['Sorbinian potasu', 'Potassium Sorbate'],
      ['Kwas sorbowy', 'Sorbic Acid'],
      ['Chlorek sodu', 'Sodium Chloride'],
      ['Wodorotlenek sodu', 'Sodium Hydroxide'],
      ['Guma ksantanowa', 'Xanthan Gum'],
      ['Hydroksyetyloceluloza', 'Hydroxyethylcellulose'],
      ['Glikol propylenowy', 'Propylene Glycol'],
      ['Metylu parahydroksybenzoesan', 'Methylparaben'],
      ['Parahydroksybenzoesan propylu', 'Propylparaben'],
      ['Kompozycja zapachowa', 'Fragrance'],
      ['Octan tokoferolu', 'Tocopheryl Acetate'],
      ['Parafina ciekła', 'Mineral Oil'],
      ['Wazelina biała', 'Petrolatum'],
      ['Bawełna', 'Cotton'],
      // Packs printed without Polish letters, and OCR that drops the stroke of ł.
      ['Bawelna', 'Cotton'],
      ['Wiskoza', 'Rayon'],
      ['Polipropylen', 'Polypropylene'],
      ['Celuloza', 'Cellulose'],
      ['Poliakrylan sodu', 'Sodium Polyacrylate'],
      ['Klej', 'Adhesive'],
      ['Kwas hialuronowy', 'Sodium Hyaluronate'],
      ['Diglukonian chlorheksydyny', 'Chlorhexidine Gluconate'],
      ['Chlorek benzalkoniowy', 'Benzalkonium Chloride'],
      ['Chlorowodorek lidokainy', 'Lidocaine'],
      ['Hydrokortyzon', 'Hydrocortisone'],
      ['Klotrymazol', 'Clotrimazole'],
      ['Mikonazol', 'Miconazole Nitrate'],
    ],
    near: [
      ['Octan sodu', 'Sodium Acetate'],
      ['Kwas askorbinowy', 'Ascorbic Acid'],
      ['Azotan ekonazolu', 'Econazole Nitrate'],
      ['Chlorek potasu', 'Potassium Chloride'],
      ['Wodorotlenek potasu', 'Potassium Hydroxide'],
    ],
  },
};

describe('names printed in European and Latin-American languages, through the real matching', () => {
  let data: DataRuntime;

  beforeAll(async () => {
    data = await libraryDataRuntime();
  });

  const matchedNames = async (text: string) =>
    (await data.scanLabel({ source: 'text', text })).ingredients.map((item) => item.match?.name ?? null);

  for (const [language, { entries, near }] of Object.entries(LANGUAGES)) {
    it(`reads ${language} names as their library entry`, async () => {
      const wrong: string[] = [];
      for (const [printed, entry] of entries) {
        const [got] = await matchedNames(`Ingredients: ${printed}`);
        if (got !== entry) wrong.push(`${printed} → ${got}, want ${entry}`);
      }
      expect(wrong).toEqual([]);
    });

    it(`never reads ${language} names of substances a letter or two away from an entry as that entry`, async () => {
      const crossed: string[] = [];
      for (const [printed, own] of near) {
        const [got] = await matchedNames(`Ingredients: ${printed}`);
        if (got !== null && got !== own) crossed.push(`${printed} → ${got}, is ${own}`);
      }
      expect(crossed).toEqual([]);
    });
  }

  it('reads a leaflet’s and a pack’s lists under their own headings whole', async () => {
    const lists: readonly (readonly [string, readonly (string | null)[]])[] = [
      [
        'Os outros componentes são: água purificada, glicerol, ácido láctico, hidróxido de sódio, ' +
          'metilparabeno, ácido ascórbico.',
        ['Water', 'Glycerin', 'Lactic Acid', 'Sodium Hydroxide', 'Methylparaben', 'Ascorbic Acid'],
      ],
      [
        'Die sonstigen Bestandteile sind: Benzylalkohol, Cetylstearylalkohol, Natriumacetat, ' +
          'gereinigtes Wasser.',
        ['Benzyl Alcohol', 'Cetearyl Alcohol', 'Sodium Acetate', 'Water'],
      ],
      [
        'Ingredienti: Acqua, Glicerina, Acido lattico, Sodio benzoato, Potassio sorbato, Profumo.',
        ['Water', 'Glycerin', 'Lactic Acid', 'Sodium Benzoate', 'Potassium Sorbate', 'Fragrance'],
      ],
      [
        'Skład: bawełna, wiskoza, poliester, polietylen, klej.',
        ['Cotton', 'Rayon', 'Polyester', 'Polyethylene', 'Adhesive'],
      ],
    ];

    for (const [text, expected] of lists) expect(await matchedNames(text), text).toEqual(expected);
  });
});
