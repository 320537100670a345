import { describe, expect, it } from 'vitest';
import { readActiveLines } from '../../lambdas/src/domain/label/active-ingredients.ts';
import { findClaims } from '../../lambdas/src/domain/label/claims.ts';
import { readsAsProse } from '../../lambdas/src/domain/label/prose.ts';
import { readLabel } from '../../lambdas/src/domain/label/read-label.ts';

// Label shapes written for these tests after 21 CFR 201.66 (Drug Facts order) and common pack layouts; the
// accuracy on real labels is measured by `npm run bench:labels` on the published-label corpus.

const names = (text: string) => readLabel(text).ingredients.map((ingredient) => ingredient.name);

describe('readLabel: a Drug Facts panel', () => {
  const panel = [
    'Drug Facts',
    'Active ingredient (in each applicator)',
    'Clotrimazole 2% ........ Vaginal antifungal',
    'Uses',
    '• treats vaginal yeast infections',
    'Warnings',
    'For vaginal use only',
    'Directions',
    '• adults and children 12 years and over: insert one applicatorful at bedtime',
    'Other information',
    '• store at 20-25°C',
    'Inactive ingredients benzyl alcohol, cetostearyl alcohol, cetyl esters wax, octyldodecanol, polysorbate 60, purified water, sorbitan monostearate',
    'Questions? call 1-800-555-0100',
  ].join('\n');

  it('reads the active with its strength and purpose, then every inactive ingredient, with roles', () => {
    const { ingredients, incomplete } = readLabel(panel);
    expect(ingredients[0]).toMatchObject({
      name: 'Clotrimazole',
      role: 'active',
      strength: '2%',
      purpose: 'Vaginal antifungal',
      position: 1,
    });
    expect(ingredients.slice(1).map((ingredient) => [ingredient.name, ingredient.role])).toEqual([
      ['benzyl alcohol', 'inactive'],
      ['cetostearyl alcohol', 'inactive'],
      ['cetyl esters wax', 'inactive'],
      ['octyldodecanol', 'inactive'],
      ['polysorbate 60', 'inactive'],
      ['purified water', 'inactive'],
      ['sorbitan monostearate', 'inactive'],
    ]);
    expect(incomplete).toBe(false);
  });

  it('keeps the active of a short panel whose purpose is a block of its own', () => {
    const { ingredients } = readLabel(
      'Active ingredient Tioconazole 6.5%\nPurpose Vaginal antifungal\nInactive ingredients: butylated hydroxyanisole, magnesium aluminum silicate, white petrolatum',
    );
    expect(ingredients[0]).toMatchObject({
      name: 'Tioconazole',
      role: 'active',
      strength: '6.5%',
      purpose: 'Vaginal antifungal',
    });
    expect(ingredients.map((ingredient) => ingredient.role)).toEqual([
      'active',
      'inactive',
      'inactive',
      'inactive',
    ]);
  });

  it('reads two actives under an "Active ingredients Purpose" column heading', () => {
    const { ingredients } = readLabel(
      'Active ingredients Purpose\nBenzocaine 5% External analgesic\nResorcinol 2% Antipruritic\nUses relieves itching',
    );
    expect(ingredients.map(({ name, strength, purpose }) => [name, strength, purpose])).toEqual([
      ['Benzocaine', '5%', 'External analgesic'],
      ['Resorcinol', '2%', 'Antipruritic'],
    ]);
  });

  it('reads a homeopathic dilution as a strength', () => {
    expect(readLabel('Active ingredient: Acidum boricum 3X HPUS').ingredients[0]).toMatchObject({
      name: 'Acidum boricum',
      strength: '3X HPUS',
      role: 'active',
    });
  });

  it('gives a plain "Ingredients" list beside actives the inactive role', () => {
    const { ingredients } = readLabel('Active ingredient: Nonoxynol-9 4%\nIngredients: water, glycerin');
    expect(ingredients.map((ingredient) => ingredient.role)).toEqual(['active', 'inactive', 'inactive']);
  });
});

describe('readLabel: where a list ends', () => {
  it.each([
    [
      'a certification on the next line',
      'Ingredients: Aqua, Glycerin, Lactic Acid\nDermatologically tested.',
    ],
    ['a direction after a period', 'Ingredients: Aqua, Glycerin, Lactic Acid. Rinse well after use.'],
    ['a storage note', 'Ingredients: Aqua, Glycerin, Lactic Acid\nUse within 12 months of opening'],
    ['a batch code', 'Ingredients: Aqua, Glycerin, Lactic Acid\nL230512B'],
    ['an address', 'Ingredients: Aqua, Glycerin, Lactic Acid\nLotus Care Ltd., 12 High Street'],
    ['a warning in French', 'Ingrédients : Aqua, Glycerin, Lactic Acid\nNe pas avaler.'],
    [
      'a note glued to the last name (no final period)',
      'Ingredients: Aqua, Glycerin, Lactic Acid\nClinically proven',
    ],
    ['an endorsement', 'Ingredients: Aqua, Glycerin, Lactic Acid\nGynecologist approved'],
    ['a certification mark', 'Ingredients: Aqua, Glycerin, Lactic Acid\nVegan'],
    [
      'what the product suits',
      'Ingredients: Aqua, Glycerin, Lactic Acid. Latex condom compatible. Toy friendly',
    ],
    ['a paper mark', 'Ingredients: Aqua, Glycerin, Lactic Acid\nFSC Mix'],
    ['the period after opening', 'Ingredients: Aqua, Glycerin, Lactic Acid\nPAO 12M'],
    [
      'a blank line before a word that could be a name',
      'Ingredients: Aqua, Glycerin, Lactic Acid\n\nVaginal',
    ],
    [
      'a blank line before record fields',
      'Ingredients: Aqua, Glycerin, Lactic Acid\n\nPack sizes:\n\n9 gram, 40 gram',
    ],
  ])('stops before %s', (_case, text) => {
    const reading = readLabel(text);
    expect(reading.ingredients.map((ingredient) => ingredient.name)).toEqual([
      'Aqua',
      'Glycerin',
      'Lactic Acid',
    ]);
    expect(reading.incomplete).toBe(false);
  });

  it('reads on past a blank line when the line before it says the list goes on', () => {
    expect(names('Ingredients: Aqua, Glycerin,\n\nLactic Acid and\n\nSodium Lactate\n\nVaginal use')).toEqual(
      ['Aqua', 'Glycerin', 'Lactic Acid', 'Sodium Lactate'],
    );
  });

  it('reads on where OCR breaks a list into blocks, and past a lone misread line before it', () => {
    expect(
      names(
        'INGREDIENTS:\nPropylparaben, Tapioca Starch, Ethyl\n\nPhthalate, Lactose.\n\nWarning: Keep out of reach',
      ),
    ).toEqual(['Propylparaben', 'Tapioca Starch', 'Ethyl', 'Phthalate', 'Lactose']);
    expect(names('Materials:\nras\n\nPanthenol, Adhesive.\n\nDirections. Apply a small amount')).toEqual([
      'ras',
      'Panthenol',
      'Adhesive',
    ]);
  });

  it('reads on past a trade-name blend whose components fill a long parenthesis', () => {
    expect(
      names(
        'Inactive Ingredients: cetyl alcohol, FORLAN-L (Contains: petrolatum, lanolin, hydrogenated coconut oil, sorbitan sesquioleate, stearyl alcohol, and cetyl alcohol), mineral oil, trolamine',
      ),
    ).toEqual([
      'cetyl alcohol',
      'FORLAN-L',
      'petrolatum',
      'lanolin',
      'hydrogenated coconut oil',
      'sorbitan sesquioleate',
      'stearyl alcohol',
      'mineral oil',
      'trolamine',
    ]);
  });

  it('reads the name, not what a maker says it does ("Aloe Vera: soothes and calms", "Glycerin – keeps skin moist")', () => {
    expect(
      names(
        'Ingredients:\nLactic Acid: helps maintain pH balance\nAloe Vera: soothes and calms\nTea Tree Oil: a natural antiseptic',
      ),
    ).toEqual(['Lactic Acid', 'Aloe Vera', 'Tea Tree Oil']);
    expect(
      names('Ingredients:\n• Lactic acid – maintains a healthy pH\n• Glycerin – keeps skin moist'),
    ).toEqual(['Lactic acid', 'Glycerin']);
    // A comma list is never shortened by a description inside it.
    expect(names('Ingredients: Aqua, Glycerin – a humectant, Lactic acid')).toHaveLength(3);
  });

  it('reads names printed one per paragraph as one list', () => {
    expect(names('Ingredients:\n\nAqua\n\nGlycerin\n\nLactic Acid\n\nKeep in a cool place')).toEqual([
      'Aqua',
      'Glycerin',
      'Lactic Acid',
    ]);
  });

  it('says the list may be incomplete when names follow the prose that ended it', () => {
    const reading = readLabel(
      'Ingredients: Aqua, Glycerin. Dermatologically tested. Sodium Benzoate, Citric Acid',
    );
    expect(reading.ingredients.map((ingredient) => ingredient.name)).toEqual(['Aqua', 'Glycerin']);
    expect(reading.incomplete).toBe(true);
  });

  it('says so when a line outside every section read holds names that were not read', () => {
    const reading = readLabel(
      'Formula: Calendula officinalis 6X, Hydrastis canadensis 12X, Sepia 30C\nInactive ingredients: purified water, glycerin',
    );
    expect(reading.ingredients.map((ingredient) => ingredient.name)).toEqual(['purified water', 'glycerin']);
    expect(reading.incomplete).toBe(true);
  });

  it('reads a heading with footnote marks ("Active Ingredients**:")', () => {
    expect(
      readLabel(
        'Active Ingredients**: Calendula officinalis 6X HPUS, Hydrastis 12X\nInactive Ingredients: glycerin',
      ).ingredients,
    ).toMatchObject([
      { name: 'Calendula officinalis', role: 'active', strength: '6X HPUS' },
      { name: 'Hydrastis', role: 'active', strength: '12X' },
      { name: 'glycerin', role: 'inactive' },
    ]);
  });

  it('says so when a heading has no readable list after it, beside a list that was read', () => {
    const reading = readLabel(
      'Active ingredient: Miconazole nitrate 2%\nInactive ingredients:\nQuestions? Call us',
    );
    expect(reading.ingredients.map((ingredient) => ingredient.name)).toEqual(['Miconazole nitrate']);
    expect(reading.incomplete).toBe(true);
  });

  it('does not take prose after a heading word as a list ("Ingredients are listed on the box")', () => {
    expect(readLabel('Ingredients are listed on the box.\nIngredients: Cotton').ingredients).toMatchObject([
      { name: 'Cotton' },
    ]);
  });
});

describe('readLabel: claims', () => {
  it('takes the subject of a sentence whose verb is the claim with it, never as an ingredient', () => {
    const text =
      'Ingredientes\nÁgua, álcool benzílico, ácido láctico.\nVagisan MoistCream não tem perfume.\n\nIndicações';
    expect(names(text)).toEqual(['Água', 'álcool benzílico', 'ácido láctico']);
    expect(names('Ingredients: Aqua, Glycerin\nThe Lotus gel contains no parabens.')).toEqual([
      'Aqua',
      'Glycerin',
    ]);
    // A list before the verb stays a list.
    expect(names('Ingredients: water, glycerin, contains no parabens')).toEqual(['water', 'glycerin']);
  });

  it('reports "No chlorine bleaching" as a claim, never as an ingredient', () => {
    const reading = readLabel('100% organic cotton. No chlorine bleaching. BPA-free applicator.');
    expect(reading.claims.map(({ kind, subject }) => [kind, subject])).toEqual([
      ['free_from', 'chlorine bleaching'],
      ['free_from', 'BPA'],
    ]);
    expect(names('100% organic cotton. No chlorine bleaching.')).toEqual(['organic cotton']);
  });

  it('takes "Totally Chlorine Free" out of a list without ending it', () => {
    const reading = readLabel(
      'Materials:\nE407, Totally Chlorine Free, Citral, Quaternium-15,\nDiazolidinyl Urea.',
    );
    expect(reading.ingredients.map((ingredient) => ingredient.name)).toEqual([
      'E407',
      'Citral',
      'Quaternium-15',
      'Diazolidinyl Urea',
    ]);
    expect(reading.claims).toEqual([
      { text: 'Totally Chlorine Free', kind: 'free_from', subject: 'Chlorine' },
    ]);
  });

  it('takes a claim out of the list it is printed in', () => {
    expect(names('Ingredients: Water, Glycerin, Xanthan Gum\nParaben free, fragrance free')).toEqual([
      'Water',
      'Glycerin',
      'Xanthan Gum',
    ]);
  });
});

describe('findClaims', () => {
  it.each([
    ['BPA-free', 'BPA'],
    ['paraben free', 'paraben'],
    ['Free from chlorine bleaching', 'chlorine bleaching'],
    ['free of dyes', 'dyes'],
    ['Without added fragrance', 'fragrance'],
    ['No added fragrance', 'fragrance'],
    ['Contains no latex', 'latex'],
    ['Does not contain parabens', 'parabens'],
    ['0% alcohol', 'alcohol'],
    ['Sans savon', 'savon'],
    ['Sin parabenos', 'parabenos'],
    ['Ohne Duftstoffe', 'Duftstoffe'],
    ['parfümfrei', 'parfüm'],
    ['Senza profumo', 'profumo'],
    ['Sem parabenos', 'parabenos'],
    ['Zonder parfum', 'parfum'],
    ['This pad is chlorine-free', 'chlorine'],
    ['Totally chlorine-free', 'chlorine'],
    ['Non-paraben', 'paraben'],
    ['Non-chlorine bleached', 'chlorine bleached'],
    ['Não tem hormonas (estrogénio)', 'hormonas'],
    ['Não contém parabenos', 'parabenos'],
    ['Nie zawiera substancji zapachowych', 'substancji zapachowych'],
    ['Bez parabenów', 'parabenów'],
    ['Ne contient pas de parfum', 'parfum'],
    ['Enthält keine Duftstoffe', 'Duftstoffe'],
    ['No contiene alcohol', 'alcohol'],
    ['Non contiene profumo', 'profumo'],
    ['Bevat geen parfum', 'parfum'],
  ])('finds %j (subject %j)', (text, subject) => {
    expect(findClaims(text).map((claim) => claim.subject)).toEqual([subject]);
  });

  it('splits a list of subjects into one claim each', () => {
    expect(findClaims('Free from chlorine bleaching, dyes and fragrances.').map((c) => c.subject)).toEqual([
      'chlorine bleaching',
      'dyes',
      'fragrances',
    ]);
  });

  it.each([
    ['FD&C Red No. 40'],
    ['no need to rinse'],
    ['Ingredients: Water, Glycerin'],
    ['Topsheet: non-woven polypropylene'],
    ['cera emulsificante não iônica'],
  ])('finds none in %j', (text) => {
    expect(findClaims(text)).toEqual([]);
  });

  it('marks "cruelty free" as a claim about no substance', () => {
    expect(findClaims('Cruelty free')).toMatchObject([{ kind: 'other', subject: 'Cruelty' }]);
  });
});

describe('readLabel: a Drug Facts panel without its headings, as label records give it', () => {
  const panel = (closing: string) =>
    [
      'ANTI-ITCH CREAM',
      '',
      'Pramoxine HCl 1%',
      'Anesthetic',
      'Temporarily relieves itching',
      'For external use only',
      'Keep out of reach of children. If swallowed, get medical help right away.',
      'Apply to the affected area not more than 4 times daily.',
      'Store at 20-25°C',
      closing,
    ].join('\n');

  it('reads the measured opening lines as actives with their purpose, and the closing list as inactives', () => {
    const { ingredients } = readLabel(
      panel('Aloe barbadensis leaf juice, cetyl alcohol, glycerin, purified water'),
    );
    expect(ingredients.map(({ name, role }) => `${name}/${role}`)).toEqual([
      'Pramoxine HCl/active',
      'Aloe barbadensis leaf juice/inactive',
      'cetyl alcohol/inactive',
      'glycerin/inactive',
      'purified water/inactive',
    ]);
    expect(ingredients[0]).toMatchObject({ strength: '1%', purpose: 'Anesthetic' });
  });

  it('reads a closing list of one name, past a line of contact details', () => {
    const { ingredients } = readLabel(`${panel('Allantoin,')}\nQuestions? 1-800-555-0100`);
    expect(ingredients.map(({ name, role }) => `${name}/${role}`)).toEqual([
      'Pramoxine HCl/active',
      'Allantoin/inactive',
    ]);
  });

  it('is not a panel without the warnings every panel prints', () => {
    const { ingredients } = readLabel('Pramoxine HCl 1%\nAnesthetic\nAloe, glycerin, water');
    expect(ingredients.some((ingredient) => ingredient.role === 'active')).toBe(false);
  });
});

describe('readsAsProse', () => {
  it.each([
    'Dermatologically tested',
    'Rinse well after use',
    'Use within 12 months of opening',
    'Keep out of reach of children',
    'Store below 25°C',
    'LOT 23A1234',
    'Made by Acme Inc.',
    'Ne pas avaler',
    'Nicht verschlucken',
    'Do not flush',
    'For external use only',
    'Ne pas utiliser pour les enfants',
    'Non ingerire',
    'Partially used tubes can be recycled',
    'Lot P17630',
    'Made by Lotus Labs',
    'Fabriqué en France',
    'Distributed by Acme',
  ])('reads %j as prose', (text) => {
    expect(readsAsProse(text)).toBe(true);
  });

  it.each([
    'Vitamin A',
    'Aqua (Water)',
    'Boric Acid 3X',
    'CI 77891',
    'Miconazole nitrate 2% (100 mg in each applicator)',
    'Extract of Chamomile',
    'Hydrogenated Castor Oil',
    'Polyethylene with polypropylene',
    '100% organic cotton',
    'C12-15 Alkyl Benzoate',
    'C0CO-GLUCOSIDE',
    'Water for Injections',
    'Agua para inyectables',
    'Woda do wstrzykiwań',
    'Baume du Pérou',
    'Éther monoéthylique du diéthylène glycol',
    'Tessuto non tessuto',
    'Microkristallijne was',
    'Cremophor EL',
    'Partially Dehydrated Liquid Sorbitol',
    'Lactobacillus plantarum P17630',
  ])('reads %j as a name', (text) => {
    expect(readsAsProse(text)).toBe(false);
  });
});

describe('readActiveLines', () => {
  it('takes a purpose after leader dots, after the strength, or from a separate purpose block in order', () => {
    expect(readActiveLines('Lidocaine 4% ....... Local anesthetic')).toEqual([
      { name: 'Lidocaine', strength: '4%', purpose: 'Local anesthetic' },
    ]);
    expect(readActiveLines('Pramoxine HCl 1%\nHydrocortisone 1%', ['Anesthetic', 'Anti-itch'])).toEqual([
      { name: 'Pramoxine HCl', strength: '1%', purpose: 'Anesthetic' },
      { name: 'Hydrocortisone', strength: '1%', purpose: 'Anti-itch' },
    ]);
  });

  it('keeps a strength note in parentheses with the strength', () => {
    expect(readActiveLines('Miconazole nitrate 4% (200 mg in each applicator)')).toEqual([
      { name: 'Miconazole nitrate', strength: '4% (200 mg in each applicator)' },
    ]);
  });
});

describe('readLabel: label records and makers’ pages', () => {
  it('ends a list at a panel heading run into it in capitals', () => {
    expect(
      names(
        'Inactive ingredients: Water, Glycerin, Potassium Sorbate\nOTHER SAFETY INFORMATION\nFlush one at a time',
      ),
    ).toEqual(['Water', 'Glycerin', 'Potassium Sorbate']);
  });

  it('reads "Active ingredientsPurpose" and "20%Topical analgesic" run together', () => {
    expect(readLabel('Active ingredientsPurpose\nBenzocaine 20%Topical analgesic').ingredients).toMatchObject(
      [{ name: 'Benzocaine', strength: '20%', purpose: 'Topical analgesic', role: 'active' }],
    );
  });

  it('tells a flattened purpose column from the next active', () => {
    const { ingredients } = readLabel(
      'Active ingredients Purpose Clotrimazole 2% (100 mg in each applicatorful) Vaginal antifungal Clotrimazole 2% (external cream) Vaginal antifungal',
    );
    expect(ingredients.map(({ name, strength, purpose }) => [name, strength, purpose])).toEqual([
      ['Clotrimazole', '2% (100 mg in each applicatorful)', 'Vaginal antifungal'],
      ['Clotrimazole', '2% (external cream)', 'Vaginal antifungal'],
    ]);
  });

  it('skips a section name printed before the panel’s own heading ("Otc - Active Ingredient")', () => {
    const reading = readLabel(
      'Otc - Active Ingredient\nLidocaine 4%\nOtc - Purpose\nTopical anesthetic\nInactive Ingredient\nInactive Ingredients: Water, Glycerin',
    );
    expect(reading.ingredients.map(({ name, role, purpose }) => [name, role, purpose])).toEqual([
      ['Lidocaine', 'active', 'Topical anesthetic'],
      ['Water', 'inactive', undefined],
      ['Glycerin', 'inactive', undefined],
    ]);
    expect(reading.incomplete).toBe(false);
  });

  it('reads the materials a maker names in sentences, and says the list may be incomplete', () => {
    const reading = readLabel(
      'What are our pads made of?\nThe core is made from absorbent cellulose and super absorbent gel. The cover is made of soft polypropylene, which keeps you dry.',
    );
    expect(reading.ingredients.map((ingredient) => ingredient.name)).toEqual([
      'absorbent cellulose',
      'super absorbent gel',
      'soft polypropylene',
    ]);
    expect(reading.ingredients[0]?.alternatives).toContain('cellulose');
    expect(reading.incomplete).toBe(true);
  });

  it('reads a composition ("53% cotton, 35% modal and 12% elastane") in a sentence', () => {
    expect(names('Our fabric? It is 53% cotton, 35% modal and 12% elastane, to be exact.')).toEqual([
      'cotton',
      'modal',
      'elastane',
    ]);
  });

  it('reads how much of the product a material makes ("made mostly of") and a material after an article', () => {
    expect(
      names(
        'Our liners are made mostly of wood cellulose fibers. The backsheet is made with a moisture-proof plastic to help minimize leakage.',
      ),
    ).toEqual(['wood cellulose fibers', 'moisture-proof plastic']);
    expect(names('Its formulation consists primarily of 95% aloe barbadensis leaf juice.')).toEqual([
      'aloe barbadensis leaf juice',
    ]);
    // An article before anything but a material starts prose, as before.
    expect(names('Our pads are made with the highest quality materials, and love.')).toEqual([]);
  });

  it('takes the role a sentence gives its list, and a list after a dash ("… are conjugated estrogens — a, b, c")', () => {
    const reading = readLabel(
      'The active ingredients in PREMARIN cream are conjugated estrogens — sodium estrone sulfate, sodium equilin sulfate, 17-alpha-estradiol.\n\nThe inactive ingredients include benzyl alcohol, white wax.',
    );
    expect(reading.ingredients.map(({ name, role }) => [name, role])).toEqual([
      ['conjugated estrogens', 'active'],
      ['sodium estrone sulfate', 'active'],
      ['sodium equilin sulfate', 'active'],
      ['17-alpha-estradiol', 'active'],
      ['benzyl alcohol', 'inactive'],
      ['white wax', 'inactive'],
    ]);
  });

  it('does not read the chemistry of a material as the product’s ingredients', () => {
    expect(
      names(
        'The cup is made of 100% medical-grade silicone. Medical-grade silicone contains silicon, oxygen, carbon and hydrogen atoms.',
      ),
    ).toEqual(['medical-grade silicone']);
  });

  it('reads a 100% composition printed after a colon inside a sentence', () => {
    expect(
      names('Durch Siegel kannst du sicher sein, dass drin ist, was draufsteht: 100% Bio-Baumwolle!'),
    ).toEqual(['Bio-Baumwolle']);
  });

  it('keeps the names of a one-per-line list whose lines describe them', () => {
    expect(
      names('Ingredients:\n- Distilled water is water that has been filtered\n- Menthol\n- Aloe Vera'),
    ).toEqual(['Distilled water', 'Menthol', 'Aloe Vera']);
  });

  it('does not take a free-from claim inside a sentence for a list of names', () => {
    expect(
      names(
        'Made from soft medical grade silicone, the cup is latex-free and contains no dyes, BPA or bleaches.',
      ),
    ).toEqual(['soft medical grade silicone']);
  });

  it('reads a paragraph set in a narrow column across its line breaks, and a material named twice once', () => {
    const manual = [
      'The cup is a premium-quality menstrual',
      'health product made of medical-grade',
      'silicone that is convenient and reusable.',
      'It sits in the vagina just below the cervix. It is made of soft silicone and',
      'must be folded in order to insert it.',
    ].join('\n');
    expect(names(manual)).toEqual(['medical-grade silicone']);
  });

  it('reads a device summary’s materials from its parts, never the parts themselves', () => {
    const summary = [
      'This device is a conventional unscented menstrual tampon consisting of an absorbent pledget, overwrap, a withdrawal cord and an applicator.',
      'Tampon component: Absorbent pledget, overwrap and a withdrawal cord. The absorbent pledget consists of a ribbon of rayon fibers. A viscose-polyester blend withdrawal cord is placed on the ribbon, overwrapped with a non-woven fabric. The pledget is inserted into a two-piece plastic applicator. The top layer is a non-woven polyolefin cover sheet.',
    ].join('\n');
    expect(names(summary)).toEqual([
      'rayon fibers',
      'non-woven fabric',
      'viscose',
      'polyester',
      'plastic',
      'non-woven polyolefin',
    ]);
  });

  it('reads the fabric’s make with its material, and a hyphenated description is no blend', () => {
    expect(names('The pad’s top layer is a non-woven polyolefin cover sheet.')).toEqual([
      'non-woven polyolefin',
    ]);
    expect(names('Our pads are made of cotton and a silicone-coated paper.')).toEqual([
      'cotton',
      'silicone-coated paper',
    ]);
  });

  it('reads examples after "ingredients like", and a page title is no heading run into a name', () => {
    expect(
      names(
        'Ingredient Transparency\n\nSo, what’s in our tampons? They are made from absorbent ingredients like purified cotton, rayon fibers, or a blend of both.',
      ),
    ).toEqual(['purified cotton', 'rayon fibers']);
  });

  it('reads adhesive as a material, and looks a material up without its form word', () => {
    const reading = readLabel('Our pads are made of cotton, absorbent gel pearls and adhesive.');
    expect(reading.ingredients.map(({ name }) => name)).toEqual([
      'cotton',
      'absorbent gel pearls',
      'adhesive',
    ]);
    expect(reading.ingredients[1]?.alternatives).toEqual(['absorbent gel', 'gel']);
  });

  it('keeps a list of lower-case names one per line after "made of:" apart', () => {
    expect(names('Our pads are made of:\ncotton\nrayon')).toEqual(['cotton', 'rayon']);
  });
});

describe('readLabel: leaflets and regulatory summaries', () => {
  it('reads a European package leaflet’s "The active substance is… The other ingredients are…"', () => {
    const { ingredients } = readLabel(
      'What the cream contains\nThe active substance is Clotrimazole 500 mg/5 g\nThe other ingredients are benzyl alcohol, cetyl palmitate and purified water.\nWhat the cream is used for',
    );
    expect(ingredients.map(({ name, role, strength }) => [name, role, strength])).toEqual([
      ['Clotrimazole', 'active', '500 mg/5 g'],
      ['benzyl alcohol', 'inactive', undefined],
      ['cetyl palmitate', 'inactive', undefined],
      ['purified water', 'inactive', undefined],
    ]);
  });

  it('reads "formulated using…" and leaves out what the packaging is made of', () => {
    expect(
      names(
        'The device is a water-based lubricant. It is formulated using purified water, glycerin and xanthan gum. The bottle is made of high density polyethylene.',
      ),
    ).toEqual(['purified water', 'glycerin', 'xanthan gum']);
  });

  it('reads the material of a part, not the part ("a polypropylene overwrap", "a pad of cotton")', () => {
    expect(
      names('The pledget consists of a pad of cotton and rayon. The string is made of polyester thread.'),
    ).toEqual(['cotton', 'rayon', 'polyester thread']);
  });
});

describe('readLabel: a drug described in sentences', () => {
  it('reads the amounts before the vehicle as actives, the vehicle’s list as inactives, decimals included', () => {
    const { ingredients } = readLabel(
      'The jelly contains 0.921% acetic acid (C 2 H 4 O 2 ), 0.7% ricinoleic acid (C18H34O3) and 5% glycerin compounded with tragacanth, acacia and purified water. It is buffered to pH 3.9-4.1.',
    );
    expect(
      ingredients.map(({ name, role, strength, alternatives }) => [name, role, strength, alternatives]),
    ).toEqual([
      ['acetic acid', 'active', '0.921%', []],
      ['ricinoleic acid', 'active', '0.7%', []],
      ['glycerin', 'active', '5%', []],
      ['tragacanth', 'inactive', undefined, []],
      ['acacia', 'inactive', undefined, []],
      ['purified water', 'inactive', undefined, ['water']],
    ]);
  });

  it('reads "contains 2% X in a cream of …" and names the active once', () => {
    const { ingredients } = readLabel(
      'The cream contains butoconazole nitrate 2%, an imidazole. The cream contains 2% butoconazole nitrate in a cream of edetate disodium, mineral oil and purified water.',
    );
    expect(ingredients.map(({ name, role, strength }) => [name, role, strength])).toEqual([
      ['butoconazole nitrate', 'active', '2%'],
      ['edetate disodium', 'inactive', undefined],
      ['mineral oil', 'inactive', undefined],
      ['purified water', 'inactive', undefined],
    ]);
  });

  it('reads "Ingredients of the lubricants include the following: …" in a device summary', () => {
    expect(
      names(
        'K Number\nK000000\nDevice Description\nThe three gels contain the same ingredients. Ingredients of the lubricants include the following: water (aqua), glycerin, and carbomer. They are provided non-sterile.',
      ),
    ).toEqual(['water', 'glycerin', 'carbomer']);
  });

  it('reads a sentence’s list separated by semicolons or bullets, or one item per line after a comma', () => {
    const expected = ['water', 'glycerin', 'carbomer'];
    expect(names('The device contains water; glycerin; and carbomer. It is non-sterile.')).toEqual(expected);
    expect(names('The device contains water • glycerin • carbomer. It is non-sterile.')).toEqual(expected);
    expect(names('The device contains water,\nglycerin,\nand carbomer.\nIt is non-sterile.')).toEqual(
      expected,
    );
  });

  it('reads the material of a product named after it ("a 100% organic cotton tampon consisting of …")', () => {
    expect(
      names('It is an unscented 100% organic cotton tampon consisting of an absorbent pledget and a cord.'),
    ).toEqual(['organic cotton']);
  });
});

describe('readLabel: leaflet records in other shapes', () => {
  it('reads a record whose general heading stands before its specific ones (Norwegian record of an English label)', () => {
    const reading = readLabel(
      'Aktiv ingrediens:\n\nmetronidazole, Quantity: 7.5 mg/g\n\nSammensetning:\n\nExcipient Ingredients: carbomer 974P; purified water\n\nAdministreringsrute:',
    );
    expect(reading.ingredients.map(({ name, role }) => [name, role])).toEqual([
      ['metronidazole', 'active'],
      ['carbomer 974P', 'inactive'],
      ['purified water', 'inactive'],
    ]);
    expect(reading.incomplete).toBe(false);
  });

  it('reads the base run onto the active’s line, its footnote mark on the list alone', () => {
    const { ingredients } = readLabel(
      'Cada g do creme contém:\nclotrimazol . . . . . . . . 10 mg excipiente q.s.p. . . . . . 1 g *álcool cetílico, metilparabeno e água purificada.\nII-\nINFORMAÇÕES AO PACIENTE',
    );
    expect(ingredients.map(({ name, role, strength }) => [name, role, strength])).toEqual([
      ['clotrimazol', 'active', '10 mg'],
      ['álcool cetílico', 'inactive', undefined],
      ['metilparabeno', 'inactive', undefined],
      ['água purificada', 'inactive', undefined],
    ]);
  });

  it('keeps "não iônica" (non-ionic) inside a name', () => {
    expect(names('Veículo: metilparabeno, cera emulsificante não iônica, água purificada.')).toEqual([
      'metilparabeno',
      'cera emulsificante não iônica',
      'água purificada',
    ]);
  });

  it('leaves out what other products are made of ("most tampons…", "unlike conventional pads…")', () => {
    expect(
      names(
        'Die meisten Tampons bestehen aus Viskose. Unlike conventional pads made with plastic, ours are made from organic cotton.',
      ),
    ).toEqual(['organic cotton']);
  });

  it('reads a material said to make the product ("the cotton used to make our tampons")', () => {
    expect(names('GOTS certification applies to the cotton used to make our tampons.')).toEqual(['cotton']);
  });

  it('reads past how a material was sourced ("made from ethically sourced, 100% organic cotton")', () => {
    expect(names('Our tampons are made from ethically sourced, 100% organic cotton.')).toEqual([
      'organic cotton',
    ]);
  });

  it('reads the materials a device summary names before the parts they make', () => {
    const reading = readLabel(
      'The device consists of a reusable silicone menstrual cup with a lubricious coating and a reusable applicator with a nylon body and a thermoplastic polyurethane (TPU) tip. A cotton withdrawal cord is sewn to the pad.',
    );
    expect(reading.ingredients.map((ingredient) => ingredient.name)).toEqual([
      'silicone',
      'nylon',
      'thermoplastic polyurethane',
      'cotton',
    ]);
    expect(reading.incomplete).toBe(true);
  });

  it('leaves out the material of the packaging ("packaged in 75 ml LDPE plastic tubes")', () => {
    expect(
      names('The gel contains purified water and glycerin. It is packaged in 75ml LDPE plastic tubes.'),
    ).toEqual(['purified water', 'glycerin']);
  });

  it('reads a table of parts and materials without a heading, and parts before a dash', () => {
    const table = readLabel(
      'What are our pads made of?\nComponent Material\nTopsheet Polypropylene nonwoven\nAbsorbent core Cellulose pulp, superabsorbent polymer\nBacksheet Polyethylene film',
    );
    expect(table.ingredients.map((ingredient) => ingredient.name)).toEqual([
      'Polypropylene nonwoven',
      'Cellulose pulp',
      'superabsorbent polymer',
      'Polyethylene film',
    ]);
    expect(table.incomplete).toBe(true);
    expect(
      names(
        'Materials:\nTopsheet - polypropylene\nCore - cellulose pulp, superabsorbent polymer\nBacksheet - polyethylene',
      ),
    ).toEqual(['polypropylene', 'cellulose pulp', 'superabsorbent polymer', 'polyethylene']);
  });

  it('looks up a grade or treatment word apart ("refined glycerin", "SUPIMA Cotton", "wood cellulose")', () => {
    const alternatives = (text: string) =>
      readLabel(text).ingredients.map((ingredient) => ingredient.alternatives);
    expect(alternatives('Ingredients: refined glycerin, SUPIMA Cotton, absorbent wood cellulose')).toEqual([
      ['glycerin'],
      ['Cotton'],
      ['cellulose'],
    ]);
  });

  it('keeps "propane-1,3-diol" whole in a sentence', () => {
    expect(names('The gel contains water, propane-1,3-diol and glycerin.')).toEqual([
      'water',
      'propane-1,3-diol',
      'glycerin',
    ]);
  });

  it('keeps what a page says of its materials ("synthetic materials"), not praise ("highest quality materials")', () => {
    expect(names('The top layer is made of synthetic materials similar to those used in garments.')).toEqual([
      'synthetic materials',
    ]);
    expect(names('Our pads are made from the highest quality materials.')).toEqual([]);
  });

  it('reads a material named with its form ("rayon fibers") in a sentence', () => {
    expect(names('The pledget consists of cotton and/or rayon fibers.')).toEqual(['cotton', 'rayon fibers']);
  });
});

describe('readLabel: a Drug Facts panel flattened onto one line', () => {
  it('finds the panel’s header row ("Active ingredients Purpose") wherever the record ran it in', () => {
    const flattened =
      'Drug Facts Distributed by McKesson One Post Street San Francisco, CA 94104 Active ingredients Purpose Clotrimazole USP 2% (100 mg in each applicatorful) Vaginal Antifungal';
    expect(readLabel(flattened).ingredients).toMatchObject([
      { name: 'Clotrimazole USP', role: 'active', strength: '2% (100 mg in each applicatorful)' },
    ]);
  });

  it('finds the headings inside the line and ends each list at the next panel heading', () => {
    const reading = readLabel(
      'Active Ingredient Lidocaine 5% W/W Purpose Topical Anesthetic Uses For the temporary relief of itching Warnings For external use only • Do not put in rectum Directions • Children under 12 years of age: consult a doctor Inactive Ingredients Aloe Barbadensis Leaf Extract, Benzyl Alcohol, Water Questions? Call 1-800-000-0000',
    );
    expect(reading.ingredients.map(({ name, role, strength }) => [name, role, strength])).toEqual([
      ['Lidocaine', 'active', '5% W/W'],
      ['Aloe Barbadensis Leaf Extract', 'inactive', undefined],
      ['Benzyl Alcohol', 'inactive', undefined],
      ['Water', 'inactive', undefined],
    ]);
  });

  it('finds a heading in capitals after a closing parenthesis', () => {
    expect(
      readLabel(
        'OTHER SAFETY INFORMATION Store at 20-25 C (68-77 F) INACTIVE INGREDIENT aloe vera, Xanthan Gum.',
      ).ingredients,
    ).toMatchObject([
      { name: 'aloe vera', role: 'inactive' },
      { name: 'Xanthan Gum', role: 'inactive' },
    ]);
  });

  it('does not open a list at a heading word inside a sentence', () => {
    expect(
      readLabel(
        'Do not use if you are allergic to any Inactive Ingredients listed below.\nIngredients: Water',
      ).ingredients,
    ).toMatchObject([{ name: 'Water' }]);
  });
});

describe('readLabel: labels printed in capitals or with a blank line after every line', () => {
  it('reads "E"/"Y" between names in capitals as "and", but not after VITAMIN', () => {
    expect(names('EXCIPIENTES: METILPARABENO E PROPILPARABENO, VITAMINA E ACETATO Y AGUA')).toEqual([
      'METILPARABENO',
      'PROPILPARABENO',
      'VITAMINA E ACETATO',
      'AGUA',
    ]);
  });

  it('reads "E" between names in Title Case as "and", and a base footnote in Title Case', () => {
    expect(
      readLabel(
        'Cada Grama Contém:\nNistatina ........ 25.000 UI\nVeículo* Q.S.P ........ 1 G\n*Metilparabeno, Propilparabeno E Água Purificada.',
      ).ingredients.map(({ name, role }) => [name, role]),
    ).toEqual([
      ['Nistatina', 'active'],
      ['Metilparabeno', 'inactive'],
      ['Propilparabeno', 'inactive'],
      ['Água Purificada', 'inactive'],
    ]);
    expect(names('Ingredients: Water, Vitamin E Acetate, Glycerin')).toEqual([
      'Water',
      'Vitamin E Acetate',
      'Glycerin',
    ]);
  });

  it('reads a base footnote printed in capitals, over a line that ends with "DE"', () => {
    expect(
      readLabel(
        'CADA GRAMA CONTÉM:\nNISTATINA ........ 25.000 UI\nVEÍCULO* Q.S.P ........ 1 G\n*METILPARABENO, METABISSULFITO DE\nSÓDIO E ÁGUA PURIFICADA.\nINFORMAÇÕES AO PACIENTE',
      ).ingredients.map(({ name, role }) => [name, role]),
    ).toEqual([
      ['NISTATINA', 'active'],
      ['METILPARABENO', 'inactive'],
      ['METABISSULFITO DE SÓDIO', 'inactive'],
      ['ÁGUA PURIFICADA', 'inactive'],
    ]);
  });

  it('reads on past a blank line inside a name or between bulleted lines', () => {
    expect(names('Ingredients: water, metabisulfito de\n\nsódio, glycerin\n\nMade in Brazil')).toEqual([
      'water',
      'metabisulfito de sódio',
      'glycerin',
    ]);
    expect(
      names('Ingredients:\n- Distilled water is water that has been filtered.\n\n- Aloe Vera\n\n- Menthol'),
    ).toEqual(['Distilled water', 'Aloe Vera', 'Menthol']);
  });
});

describe('readLabel: a joining word left before the last name after a comma', () => {
  it.each([
    ['Indonesian', 'dan'],
    ['Polish', 'oraz'],
    ['Swedish', 'och'],
    ['German', 'und'],
  ])('drops the %s "%s" from the name', (_language, word) => {
    expect(names(`Ingredients: Aqua, Glycerin, ${word} Hydroxyethylcellulose`)).toEqual([
      'Aqua',
      'Glycerin',
      'Hydroxyethylcellulose',
    ]);
  });

  it('keeps names that only begin with such letters', () => {
    expect(names('Ingredients: Undecylenic Acid, Dandelion Extract, Ethylhexylglycerin')).toEqual([
      'Undecylenic Acid',
      'Dandelion Extract',
      'Ethylhexylglycerin',
    ]);
  });
});

describe('readLabel: European multilingual packs', () => {
  it.each([
    ['Czech', 'Složení'],
    ['Slovak', 'Zloženie'],
    ['Hungarian', 'Összetevők'],
    ['Romanian', 'Ingrediente'],
    ['Greek', 'Συστατικά'],
    ['Turkish', 'İçindekiler'],
    ['Russian', 'Состав'],
    ['Croatian', 'Sastav'],
    ['Estonian', 'Koostis'],
  ])('finds the %s heading', (_language, heading) => {
    expect(names(`Gel intim\n${heading}: Aqua, Glycerin, Lactic Acid`)).toEqual([
      'Aqua',
      'Glycerin',
      'Lactic Acid',
    ]);
  });

  it('reads Canadian "Medicinal / Non-medicinal ingredients", an "INCI:" heading and the Japanese 全成分', () => {
    const reading = readLabel(
      'Medicinal ingredients: Clotrimazole 1%\nNon-medicinal ingredients: benzyl alcohol, water\nINCI: Aqua, Glycerin\n全成分：水、グリセリン',
    );
    expect(reading.ingredients.map(({ name, role }) => [name, role])).toEqual([
      ['Clotrimazole', 'active'],
      ['benzyl alcohol', 'inactive'],
      ['water', 'inactive'],
      ['Aqua', 'inactive'],
      ['Glycerin', 'inactive'],
      ['水', 'inactive'],
      ['グリセリン', 'inactive'],
    ]);
  });

  it('reads a Ukrainian or Russian leaflet’s active substance and excipients, ending at the dosage form', () => {
    const reading = readLabel(
      'Склад:\nдіюча речовина: кетоконазол;\nдопоміжні речовини: бутилгідроксіанізол, макрогол 1500.\nЛікарська форма. Песарії.\nОсновні фізико-хімічні властивості: песарії білого кольору.',
    );
    expect(reading.ingredients.map(({ name, role }) => [name, role])).toEqual([
      ['кетоконазол', 'active'],
      ['бутилгідроксіанізол', 'inactive'],
      ['макрогол 1500', 'inactive'],
    ]);
  });

  it('reads a German leaflet: "Wirkstoffkombination: A + B", "Sonstige Bestandteile" after a sentence announcing them', () => {
    const reading = readLabel(
      'Wirkstoffkombination: Lactobacillus + Estriol\nDarreichungsform: Vaginaltablette\nRezeptpflichtig\n\nSonstige Bestandteile\n\nFolgende arzneilich nicht wirksame Bestandteile sind in dem Medikament enthalten:\n\n• Magnesiumstearat\n• Lactose-Monohydrat',
    );
    expect(reading.ingredients.map(({ name, role }) => [name, role])).toEqual([
      ['Lactobacillus', 'active'],
      ['Estriol', 'active'],
      ['Magnesiumstearat', 'inactive'],
      ['Lactose-Monohydrat', 'inactive'],
    ]);
  });

  it('leaves out the language codes printed before each language’s list', () => {
    expect(
      names('EN Ingredients: Aqua, Glycerin. FR Ingrédients : Aqua, Lactic Acid. DE Inhaltsstoffe: Aqua.'),
    ).toEqual(['Aqua', 'Glycerin', 'Lactic Acid']);
  });
});

describe('readLabel: leaflet database pages in other languages', () => {
  it('ends the excipients at the leaflet’s next section heading (Indicazioni, Controindicazioni…)', () => {
    const reading = readLabel(
      'PRINCIPI ATTIVI:\n100 g di crema: lidocaina base 2,0 g.\nECCIPIENTI:\nAcqua depurata, acido stearico, glicerina.\nINDICAZIONI:\nPrurito vulvare e perianale.\nCONTROINDICAZIONI/EFF.SECONDAR:\nIpersensibilita alla lidocaina, o agli altri componenti del prodotto.',
    );
    expect(reading.ingredients.map(({ name, role, strength }) => [name, role, strength])).toEqual([
      ['lidocaina base', 'active', '2,0 g'],
      ['Acqua depurata', 'inactive', undefined],
      ['acido stearico', 'inactive', undefined],
      ['glicerina', 'inactive', undefined],
    ]);
    // The free base is looked up as the drug.
    expect(reading.ingredients[0]?.alternatives).toContain('lidocaina');
  });

  it('reads the composition headings of the other EU leaflet languages, with roles, up to the next section', () => {
    const czech = readLabel(
      'Léčivé látky: Metronidazolum 100 mg v 1 vaginální tabletě.\nPomocné látky: Laurylsíran sodný, povidon, laktóza.\nIndikační skupina: Gynekologikum, chemoterapeutikum.',
    );
    expect(czech.ingredients.map(({ name, role }) => [name, role])).toEqual([
      ['Metronidazolum', 'active'],
      ['Laurylsíran sodný', 'inactive'],
      ['povidon', 'inactive'],
      ['laktóza', 'inactive'],
    ]);
    expect(
      readLabel('Substancje pomocnicze: laktoza, skrobia.\nWskazania: grzybica pochwy.').ingredients.map(
        ({ name, role }) => [name, role],
      ),
    ).toEqual([
      ['laktoza', 'inactive'],
      ['skrobia', 'inactive'],
    ]);
  });

  it('reads a combination pack’s bulleted parts: "Also contains" lists inactive ingredients', () => {
    const reading = readLabel(
      'Ingredients\nSoft gel pessary:\n- Active ingredient: Clotrimazole 500mg.\n- Also contains: White Soft Paraffin, Gelatin\nExternal Cream\n- Active ingredient: Clotrimazole 200mg (2% w/w).\n- Also contains Benzyl Alcohol, Polysorbate 60 and Purified Water',
    );
    expect(reading.ingredients.map(({ name, role, strength }) => [name, role, strength])).toEqual([
      ['Clotrimazole', 'active', '500mg'],
      ['White Soft Paraffin', 'inactive', undefined],
      ['Gelatin', 'inactive', undefined],
      ['Clotrimazole', 'active', '200mg (2% w/w)'],
      ['Benzyl Alcohol', 'inactive', undefined],
      ['Polysorbate 60', 'inactive', undefined],
      ['Purified Water', 'inactive', undefined],
    ]);
    expect(reading.incomplete).toBe(false);
  });

  it('reads a record’s fields: names without separators by their capitals, up to the next field', () => {
    const reading = readLabel(
      'Active ingredient:\nClotrimazole 10% w/w\nAvailable from:\nBayer New Zealand Limited\nComposition:\nActive: Clotrimazole 10% w/w Excipient: Benzyl alcohol Cetostearyl alcohol Cetyl palmitate Polysorbate 60 Purified water\nUnits in package:\nTube, aluminium, plus applicator, 5 g\nClass:\nRestricted',
    );
    expect(reading.ingredients.map(({ name, role }) => [name, role])).toEqual([
      ['Clotrimazole', 'active'],
      ['Benzyl alcohol', 'inactive'],
      ['Cetostearyl alcohol', 'inactive'],
      ['Cetyl palmitate', 'inactive'],
      ['Polysorbate 60', 'inactive'],
      ['Purified water', 'inactive'],
    ]);
    // A sentence in sentence case is not a list of names.
    expect(
      names('Ingredients: Water, Glycerin\nStore in a cool place Away from sunlight Keep closed'),
    ).toEqual(['Water', 'Glycerin']);
  });

  it('reads a registry record: actives by INN, then measured as salts; a capsule shell’s composition', () => {
    const reading = readLabel(
      'Active substance: neomycin, nystatin, polymyxin B\n\n1 caps.\n\nneomycin sulfate 35,000 IU\n\npolymyxin B sulfate 35,000 IU\n\nnystatin 100 000 IU\n\nExcipients: soya hydrogenated oil - 30 mg, dimethicone 1000 - up to 2500 mg.\n\nThe composition of the capsule shell: gelatin - 381.2 mg, glycerol - 191.5 mg.\n\n6 pcs.',
    );
    expect(reading.ingredients.map(({ name, role, strength }) => [name, role, strength])).toEqual([
      ['neomycin sulfate', 'active', '35,000 IU'],
      ['nystatin', 'active', '100 000 IU'],
      ['polymyxin B sulfate', 'active', '35,000 IU'],
      ['soya hydrogenated oil', 'inactive', undefined],
      ['dimethicone 1000', 'inactive', undefined],
      ['gelatin', 'inactive', undefined],
      ['glycerol', 'inactive', undefined],
    ]);
    // A number in a name is not a thousands group of the strength after it.
    expect(
      readLabel('Active ingredient: Nonoxynol 9 100 mg').ingredients.map(({ name, strength }) => [
        name,
        strength,
      ]),
    ).toEqual([['Nonoxynol 9', '100 mg']]);
  });

  it('reads "Each capsule contains 1 200 mg of the active substance\\nX", and never a cross-reference', () => {
    expect(
      readLabel(
        'COMPOSITION\nEach vaginal capsule contains 1 200 mg of the active substance\nmiconazole nitrate.\nPreservatives: Sodium ethylparaben 0,06% m/m. Per l’elenco completo, vedere paragrafo 6.1.',
      ).ingredients.map(({ name, role, strength }) => [name, role, strength]),
    ).toEqual([
      ['miconazole nitrate', 'active', '1 200 mg'],
      ['Sodium ethylparaben', 'inactive', undefined],
    ]);
  });

  it('never reads a pharmacopoeia grade set apart by a separator as a name', () => {
    expect(names('Inactive ingredients: water, NF, glycerin, USP')).toEqual(['water', 'glycerin']);
    expect(
      readLabel('Active ingredient: Clotrimazole • USP 2%').ingredients.map(({ name, strength }) => [
        name,
        strength,
      ]),
    ).toEqual([['Clotrimazole USP', '2%']]);
  });

  it('reads a package insert’s measured composition as actives, what preserves them as inactive', () => {
    const reading = readLabel(
      'COMPOSITION:\nClotrimazole 10 mg\nBenzyl Alcohol 1% (as preservative)\nInert Ointment base o/w to 1 g.\n\nPHARMACOLOGICAL CLASSIFICATION:\nA 20.2.2 Fungicides',
    );
    expect(reading.ingredients.map(({ name, role, strength }) => [name, role, strength])).toEqual([
      ['Clotrimazole', 'active', '10 mg'],
      ['Benzyl Alcohol', 'inactive', undefined],
    ]);
    // Names that are not all measured stay a plain list, and a fabric's percentages are no drug's dose.
    expect(
      readLabel('Composition:\nClotrimazole 10 mg\nWater\nGlycerin').ingredients.map(({ name, role }) => [
        name,
        role,
      ]),
    ).toEqual([
      ['Clotrimazole', 'ingredient'],
      ['Water', 'ingredient'],
      ['Glycerin', 'ingredient'],
    ]);
    expect(names('Composition: Body: 80% Nylon, 20% Elastane. Gusset: 100% Cotton.')).toEqual([
      'Nylon',
      'Elastane',
      'Cotton',
    ]);
  });

  it('never reads a parenthesis that refers to another section as ingredients', () => {
    expect(
      names(
        'The other ingredients are benzyl alcohol, purified water (see also section 2 Aldara cream contains methyl hydroxybenzoate, propyl hydroxybenzoate and benzyl alcohol).',
      ),
    ).toEqual(['benzyl alcohol', 'purified water']);
  });

  it('reads "each … contains" in more EU languages, and an amount before a name in the genitive', () => {
    const reading = readLabel(
      'Vsaka vaginalna tableta vsebuje: 100 mg askorbinske kisline.\nPomožne snovi: laktoza, magnezijev stearat.',
    );
    expect(reading.ingredients.map(({ name, role, strength }) => [name, role, strength])).toEqual([
      ['askorbinske kisline', 'active', '100 mg'],
      ['laktoza', 'inactive', undefined],
      ['magnezijev stearat', 'inactive', undefined],
    ]);
  });

  it('reads "principio activo" headings and the amount of product a strength is given for', () => {
    expect(
      readLabel(
        'Principio activo: 5 g de crema vaginal contienen: clotrimazol 100 mg. Excipientes: agua purificada.',
      ).ingredients.map(({ name, role, strength }) => [name, role, strength]),
    ).toEqual([
      ['clotrimazol', 'active', '100 mg'],
      ['agua purificada', 'inactive', undefined],
    ]);
  });

  it('never reads a dosage form ("Crema vaginale") or a question as an ingredient', () => {
    expect(
      names(
        'Crema vaginale. Eccipienti: paraffina liquida; acqua depurata. Soluzione vaginale. Eccipienti: etanolo; acqua depurata.',
      ),
    ).toEqual(['paraffina liquida', 'acqua depurata', 'etanolo']);
    expect(names('Ingredients:\nWhat is in our wash?\nAqua, Glycerin')).not.toContain('What is in our wash?');
  });

  it('reads a pack’s lists per product ("X 2% crema vaginal: …") past a question under the heading', () => {
    const reading = readLabel(
      'EXCIPIENTES\nComposición de Gynocanesten 2% - ¿Qué contiene Gynocanesten?\nGYNO-CANESTEN 2% crema vaginal: estearato de sorbitano, agua purificada. GYNO-CANESTEN 100 mg comprimidos vaginales: lactosa monohidrato, crospovidona.',
    );
    expect(reading.ingredients.map(({ name, role }) => [name, role])).toEqual([
      ['estearato de sorbitano', 'inactive'],
      ['agua purificada', 'inactive'],
      ['lactosa monohidrato', 'inactive'],
      ['crospovidona', 'inactive'],
    ]);
  });

  it('never reads a product named with its form and route as an ingredient', () => {
    expect(
      names(
        'Excipiente: alcohol bencílico. GYNO-CANESTEN 100 mg comprimidos vaginales. Un comprimido vaginal contiene',
      ),
    ).toEqual(['alcohol bencílico']);
    // A vehicle named like a form, without a route, is an ingredient.
    expect(names('Inactive ingredients: hydrophilic ointment, water')).toEqual([
      'hydrophilic ointment',
      'water',
    ]);
  });

  it('does not read a dose printed with its product ("250 mg cream") as an active', () => {
    expect(
      names(
        'The active substance is imiquimod. Each sachet contains 250 mg cream (100 mg cream contains\n5 mg imiquimod).\nThe other ingredients are isostearic acid, purified water.',
      ),
    ).toEqual(['imiquimod', 'isostearic acid', 'purified water']);
  });
});

describe('readLabel: an EU Summary of Product Characteristics', () => {
  it('reads its composition and its list of excipients, past the table of contents and numbered sections', () => {
    const reading = readLabel(
      [
        '1. NAME OF THE MEDICINAL PRODUCT',
        '2. QUALITATIVE AND QUANTITATIVE COMPOSITION',
        '3. PHARMACEUTICAL FORM',
        '1. NAME OF THE MEDICINAL PRODUCT',
        'Canesten 10 mg/g Vaginal Cream',
        '2. QUALITATIVE AND QUANTITATIVE COMPOSITION',
        'Each gram contains 10 mg of clotrimazole.',
        'For the full list of excipients, see section 6.1.',
        '3. PHARMACEUTICAL FORM',
        'Vaginal cream',
        '6.1 List of excipients',
        'Benzyl alcohol',
        'Cetostearyl alcohol',
        'Purified water',
        '6.2 Incompatibilities',
        'Not applicable.',
      ].join('\n'),
    );
    expect(reading.ingredients.map(({ name, role, strength }) => [name, role, strength])).toEqual([
      ['clotrimazole', 'active', '10 mg'],
      ['Benzyl alcohol', 'inactive', undefined],
      ['Cetostearyl alcohol', 'inactive', undefined],
      ['Purified water', 'inactive', undefined],
    ]);
  });

  it('does not take a chemical name’s locants for a numbered section ("1.4.Dioxane" as OCR reads 1,4-)', () => {
    expect(
      names('INGREDIENTS:\n\n1.4.Dioxane, Farnesol, Petrolatum,\nDirections: Peel off the backing'),
    ).toEqual(['1.4.Dioxane', 'Farnesol', 'Petrolatum']);
  });

  it('reads "Active substance:" and "Auxiliary substances:" with roles, and an amount made up to after a name', () => {
    expect(
      readLabel(
        'Active substance: lidocaine, tribenoside\nAuxiliary substances: cetyl alcohol 5 g, lactose monohydrate – q.s. to 1.2 g, water - 54.65 g.',
      ).ingredients.map(({ name, role }) => [name, role]),
    ).toEqual([
      ['lidocaine', 'active'],
      ['tribenoside', 'active'],
      ['cetyl alcohol', 'inactive'],
      ['lactose monohydrate', 'inactive'],
      ['water', 'inactive'],
    ]);
  });

  it('reads a leaflet’s dose lines, what an amount comes to in another form, and excipients counted per dose', () => {
    const reading = readLabel(
      [
        'Active Substance',
        'Econazole (Rec.INN registered by WHO)',
        'Dosage Forms',
        'Vaginal suppositories 150 mg: 3 pcs.',
        '1 supp.',
        'Econazole nitrate 150 mg, equivalent to econazole 131 mg',
        'Excipients: hard fat (type A and B).',
        'Preservatives: sodium ethylparaben 0,06% m/m.',
      ].join('\n'),
    );
    // The INN named first is the active measured as its salt after: one active.
    expect(reading.ingredients.map(({ name, role, strength }) => [name, role, strength])).toEqual([
      ['Econazole nitrate', 'active', '150 mg'],
      ['hard fat', 'inactive', undefined],
      ['sodium ethylparaben', 'inactive', undefined],
    ]);
  });

  it('reads "Excipients: Each gram contains 2 mg X and 5 micrograms of Y" as inactive, past a restating line', () => {
    const { ingredients } = readLabel(
      '2. QUALITATIVE AND QUANTITATIVE COMPOSITION\nMiconazole nitrate 2% w/w.\n(Each gram of cream contains 20mg miconazole nitrate)\nExcipients: Each gram of cream contains 2mg benzoic acid and 5 micrograms of butylated hydroxyanisole.\n3 PHARMACEUTICAL FORM',
    );
    expect(ingredients.map(({ name, role, strength }) => [name, role, strength])).toEqual([
      ['Miconazole nitrate', 'active', '2% w/w'],
      ['benzoic acid', 'inactive', undefined],
      ['butylated hydroxyanisole', 'inactive', undefined],
    ]);
  });

  it('reads "1 pessary contains" and names an active printed twice once, with its strength', () => {
    expect(
      readLabel(
        'active substance: chlorhexidine gluconate; 1 pessary contains chlorhexidine gluconate 16 mg, calculated as 100% chlorhexidine 16 mg; excipients: macrogol 1500, macrogol 400.',
      ).ingredients.map(({ name, role, strength }) => [name, role, strength]),
    ).toEqual([
      ['chlorhexidine gluconate', 'active', '16 mg'],
      ['macrogol 1500', 'inactive', undefined],
      ['macrogol 400', 'inactive', undefined],
    ]);
  });

  it('reads table rows printed without their leading bar ("Propylene glycol | 50% |")', () => {
    expect(
      names('Состав\nМалеиновая кислота | 3% |\nПропиленгликоль | 50% |\nВода очищенная - остальное. | |'),
    ).toEqual(['Малеиновая кислота', 'Пропиленгликоль', 'Вода очищенная']);
  });

  it('reads a composition table as web pages print it ("| Nystatin | 100000 IU |")', () => {
    expect(
      readLabel(
        'Composition\n| 1 tab. | |\n| Ternidazole | 200 mg |\n| Nystatin | 100000 IU |\nExcipients: wheat starch – 264 mg.',
      ).ingredients.map(({ name, role, strength }) => [name, role, strength]),
    ).toEqual([
      ['Ternidazole', 'active', '200 mg'],
      ['Nystatin', 'active', '100000 IU'],
      ['wheat starch', 'inactive', undefined],
    ]);
  });

  it('reads "10 mg de cloruro de benzalconio" as the amount of a name', () => {
    expect(
      readLabel('Cada ml de solución contiene 10 mg de cloruro de benzalconio.').ingredients,
    ).toMatchObject([{ name: 'cloruro de benzalconio', role: 'active', strength: '10 mg' }]);
  });

  it('reads a strength printed unit first ("mg 20"), past the amount of product each dose is given for', () => {
    const reading = readLabel(
      [
        'Composizione qualitativa e quantitativa',
        '100 g di crema contengono:',
        'Principio attivo: Econazolo nitrato g 1,00.',
        'Ovuli vaginali da 150 mg',
        'Ogni ovulo contiene:',
        'Principio attivo: Miconazolo nitrato mg 1200 100 ml di lavanda contengono:',
        'Principio attivo: Miconazolo mg 200',
      ].join('\n'),
    );
    expect(reading.ingredients).toEqual([
      expect.objectContaining({ name: 'Econazolo nitrato', role: 'active', strength: 'g 1,00' }),
      expect.objectContaining({ name: 'Miconazolo nitrato', role: 'active', strength: 'mg 1200' }),
      expect.objectContaining({ name: 'Miconazolo', role: 'active', strength: 'mg 200' }),
    ]);
    expect(reading.ingredients.every((ingredient) => ingredient.purpose === undefined)).toBe(true);
    // The amount-of-product line is a label for the heading after it, not a list left unread.
    expect(reading.incomplete).toBe(false);
  });

  it('reads a list that opens with "contains" or under the product’s title', () => {
    expect(
      names('Sonstige Bestandteile:\nEnthält Cetylstearylalkohol und Benzylalkohol.\nDarreichungsform'),
    ).toEqual(['Cetylstearylalkohol', 'Benzylalkohol']);
    expect(
      names(
        'Sonstige Bestandteile:\nMykofungin 3/-6, Vaginalcreme\nEnthalten Cetylstearylalkohol (siehe Abschnitt 4.4).',
      ),
    ).toEqual(['Cetylstearylalkohol']);
  });

  it('reads a heading glued onto the word before it, as converted pages print it', () => {
    const reading = readLabel(
      "CompositionPrincipe actif: nitrate d'éconazole.\nExcipients: gomme xanthane, silice colloïdale anhydre.\nForme galénique et quantité de principe actif par unité",
    );
    expect(reading.ingredients.map(({ name, role }) => `${name}/${role}`)).toEqual([
      "nitrate d'éconazole/active",
      'gomme xanthane/inactive',
      'silice colloïdale anhydre/inactive',
    ]);
  });

  it('never reads a product’s title with its strength or generic mark, or "c.s.p.", as an ingredient', () => {
    expect(names('Eccipienti\nCrema vaginale 1%: glicole propilenico; acqua depurata.')).toEqual([
      'glicole propilenico',
      'acqua depurata',
    ]);
    expect(
      names(
        'COMPOSICIÓN CUALITATIVA Y CUANTITATIVA\nCLOTRIMAZOL GENÉRICO crema vaginal E.F.G.\nCada gramo contiene: clotrimazol, 20 mg.',
      ),
    ).toEqual(['clotrimazol']);
    expect(names('Cada óvulo contiene:\n- Clotrimazol……………….250 mg\n- Excipientes C.s.p………1 Óvulo')).toEqual([
      'Clotrimazol',
    ]);
  });
});

describe('readLabel: more Drug Facts record shapes', () => {
  it('reads actives run together as bullets on one line', () => {
    const { ingredients } = readLabel(
      'Active Ingredient Purpose ● Lactic Acid 0.5%: Maintains pH ● Boric Acid 0.5%: Restores pH\nUses cleanses',
    );
    expect(ingredients.map(({ name, strength }) => [name, strength])).toEqual([
      ['Lactic Acid', '0.5%'],
      ['Boric Acid', '0.5%'],
    ]);
  });

  it('reads a flattened title and repeated heading ("DRUG FACTS Active Ingredient Active Ingredient Purpose …")', () => {
    expect(
      readLabel(
        'DRUG FACTS Active Ingredient Active Ingredient Purpose Dimethicone 1% Skin Protectant\nPurpose Skin Protectant\nUses: protects',
      ).ingredients,
    ).toMatchObject([{ name: 'Dimethicone', strength: '1%', role: 'active' }]);
  });

  it('reads actives printed under "Purpose" with leader dots and no heading of their own', () => {
    const { ingredients } = readLabel(
      'Purpose\nMiconazole nitrate (200 mg in each suppository)……………Vaginal antifungal\nUses\n• treats vaginal yeast infections',
    );
    expect(ingredients).toMatchObject([
      { name: 'Miconazole nitrate', role: 'active', purpose: 'Vaginal antifungal' },
    ]);
  });
});

describe('readLabel: prescription descriptions and Latin-American leaflets', () => {
  it('reads "Cada 4 g contêm: … Veículo: …" with roles, and leaves "q.s.p." out', () => {
    const { ingredients } = readLabel(
      'COMPOSIÇÃO:\nCada 4 g (um aplicador cheio) de creme vaginal contêm:\nnistatina 100.000 UI\nveículo q.s.p. 4 g\nVeículo: metilparabeno, propilenoglicol e água purificada.\nINFORMAÇÕES AO PACIENTE',
    );
    expect(ingredients.map(({ name, role }) => [name, role])).toEqual([
      ['nistatina', 'active'],
      ['metilparabeno', 'inactive'],
      ['propilenoglicol', 'inactive'],
      ['água purificada', 'inactive'],
    ]);
  });

  it('keeps "mono- and di-glycerides" whole and ends a mixed-case list at a heading in capitals', () => {
    expect(
      names('Ingredients: water, mono- and di-glycerides, methylparaben\nHOW SUPPLIED\nTubes of 42.5 g'),
    ).toEqual(['water', 'mono- and di-glycerides', 'methylparaben']);
  });
});

describe('readLabel: a leaflet’s amounts after leader dots and its base in a footnote', () => {
  it('reads the active’s amount, leaves "veículo q.s.p." out and reads the footnote as the inactive list', () => {
    const { ingredients } = readLabel(
      'COMPOSIÇÃO\nCada 1 g do gel vaginal contém:\nmetronidazol ........................ 100 mg/g\nexcipientes* qsp ........................ 1,0 g.\n*carbômer 934, propilenoglicol, metilparabeno e água purificada.\nINFORMAÇÕES AO PACIENTE',
    );
    expect(ingredients.map(({ name, role, strength }) => [name, role, strength])).toEqual([
      ['metronidazol', 'active', '100 mg/g'],
      ['carbômer 934', 'inactive', undefined],
      ['propilenoglicol', 'inactive', undefined],
      ['metilparabeno', 'inactive', undefined],
      ['água purificada', 'inactive', undefined],
    ]);
  });
});
