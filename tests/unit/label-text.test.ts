import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { splitIngredients } from '../../lambdas/src/domain/label/list-items.ts';
import { findIngredientSections, parseIngredientList } from '../../lambdas/src/domain/label/sections.ts';
import { normalizeName } from '../../lambdas/src/domain/label/text-form.ts';

interface FormatFixture {
  readonly id: string;
  readonly description: string;
  readonly text: string;
  readonly expected: readonly string[];
  readonly alternatives?: Readonly<Record<string, readonly string[]>>;
}

interface OcrFixture {
  readonly id: string;
  readonly text: string;
  readonly truth: readonly { readonly printed: string; readonly canonical: string | null }[];
}

function loadFixture<T>(name: string): T[] {
  return JSON.parse(readFileSync(new URL(`../fixtures/labels/${name}`, import.meta.url), 'utf8')) as T[];
}

const formats = loadFixture<FormatFixture>('formats.json');
const ocrTypos = loadFixture<OcrFixture>('ocr-typos.json');

const names = (text: string) => parseIngredientList(text).map((ingredient) => ingredient.name);
const splitNames = (text: string) => splitIngredients(text).map((ingredient) => ingredient.name);
const alternativesOf = (text: string, name: string) =>
  parseIngredientList(text).find((ingredient) => ingredient.name === name)?.alternatives;

describe('parseIngredientList on real-world label formats', () => {
  it('has enough distinct fixtures to cover the formats', () => {
    expect(formats.length).toBeGreaterThanOrEqual(36);
    expect(new Set(formats.map((fixture) => fixture.id)).size).toBe(formats.length);
  });

  it.each(formats.map((fixture) => [fixture.id, fixture] as const))('reads %s', (_id, fixture) => {
    const parsed = parseIngredientList(fixture.text);

    expect(parsed.map((ingredient) => ingredient.name)).toEqual(fixture.expected);
    expect(parsed.map((ingredient) => ingredient.position)).toEqual(
      fixture.expected.map((_name, index) => index + 1),
    );
    for (const [name, alternatives] of Object.entries(fixture.alternatives ?? {})) {
      expect(parsed.find((ingredient) => ingredient.name === name)?.alternatives).toEqual(alternatives);
    }
  });
});

describe('parseIngredientList on labels read with OCR errors', () => {
  it('has at least 36 labels, about every third with an ingredient absent from the library', () => {
    expect(ocrTypos.length).toBeGreaterThanOrEqual(36);
    const withAbsent = ocrTypos.filter((fixture) => fixture.truth.some((entry) => entry.canonical === null));
    expect(withAbsent.length).toBeGreaterThanOrEqual(Math.floor(ocrTypos.length / 3));
  });

  it.each(ocrTypos.map((fixture) => [fixture.id, fixture] as const))(
    'splits %s into exactly the printed names, in order',
    (_id, fixture) => {
      expect(names(fixture.text)).toEqual(fixture.truth.map((entry) => entry.printed));
    },
  );
});

describe('findIngredientSections', () => {
  it.each([
    ['Ingredients:', 'Ingredients'],
    ['INGREDIENTS;', 'INGREDIENTS'],
    ['Ingredient:', 'Ingredient'],
    ['Inactive ingredients:', 'Inactive ingredients'],
    ['Active ingredient(s):', 'Active ingredient(s)'],
    ['Active ingredients (in each gram):', 'Active ingredients'],
    ['Materials:', 'Materials'],
    ['Material:', 'Material'],
    ['Composition:', 'Composition'],
    ['Contains:', 'Contains'],
    ['Made with:', 'Made with'],
    ['Made from:', 'Made from'],
    ['Components:', 'Components'],
    ['Ingrédients :', 'Ingrédients'],
    ['Ingredientes:', 'Ingredientes'],
    ['Inhaltsstoffe:', 'Inhaltsstoffe'],
    ['Zusammensetzung:', 'Zusammensetzung'],
    ['ingredients -', 'ingredients'],
    ['Ingredients.', 'Ingredients'],
    ['Ingredients\n', 'Ingredients'],
    ['lngredients:', 'lngredients'],
  ])('recognises the heading %j', (heading, printed) => {
    expect(findIngredientSections(`Lotus Gentle Wash\n${heading} Cotton, Rayon`)).toMatchObject([
      { heading: printed, text: 'Cotton, Rayon' },
    ]);
  });

  it('returns no section when the text has no heading', () => {
    expect(findIngredientSections('Organic Cotton, Rayon, Polyester')).toEqual([]);
  });

  it.each([
    'Warning: may cause irritation',
    'Warnings apply',
    'Caution: avoid eyes',
    'Directions: apply daily',
    'How to use: apply daily',
    'Uses: relieves itching',
    'Purpose: antiseptic',
    'Storage: cool place',
    'Store below 25 °C',
    'Keep out of reach of children',
    'For external use only',
    'Do not flush',
    'Made in USA',
    'Made with love in Sweden',
    'Manufactured by Lotus Inc',
    'Manufactured for Lotus Inc',
    'Distributed by Lotus Inc',
    'Dist. by Lotus Inc',
    'Lot 12345',
    'LOT: A1',
    'Batch 7781',
    'EXP 05/2029',
    'Exp. 05/2029',
    'Expiry 2029',
    'Best before 2029',
    'Net wt 3 oz',
    'Net 100 ml',
    'Contents: 20 wipes',
    'Questions? Call us',
    'Other information: store dry',
    'Recycle the box',
    'Dispose of in a bin',
    'TSS is rare',
    'Toxic Shock Syndrome is rare',
    'www.lotus.example',
    'http://lotus.example',
    'care@lotus.example',
    '1-800-555-0199',
    '0 12345 67890 5',
    '*Certified organic',
  ])('ends the list at a line starting with %j', (ending) => {
    const [section] = findIngredientSections(`Ingredients: Cotton, Rayon\n${ending} Viscose`);

    expect(section?.text).toBe('Cotton, Rayon');
  });

  it.each(['Made in USA', 'Lot 12345', 'Warnings: none', 'Questions? Ask us'])(
    'ends the list at a sentence starting with %j on the same line',
    (ending) => {
      expect(findIngredientSections(`Ingredients: Cotton, Rayon. ${ending}`)[0]?.text).toBe('Cotton, Rayon.');
    },
  );

  it('ends a list at the next heading and returns both sections', () => {
    expect(
      findIngredientSections('Active ingredient: Benzocaine 20% Inactive ingredients: Water, Glycerin'),
    ).toEqual([
      { heading: 'Active ingredient', role: 'active', text: 'Benzocaine 20%' },
      { heading: 'Inactive ingredients', role: 'inactive', text: 'Water, Glycerin' },
    ]);
  });

  it("keeps 'contains:' inside a list instead of opening a new section", () => {
    expect(
      findIngredientSections('Ingredients: Water, Fragrance (contains: Limonene), Glycerin'),
    ).toHaveLength(1);
  });

  it("does not take a heading word that ends a sentence of prose ('harsh ingredients.') as a heading", () => {
    expect(findIngredientSections('Free of harsh ingredients. Materials: Cotton')).toEqual([
      { heading: 'Materials', role: 'ingredient', text: 'Cotton' },
    ]);
  });

  it("skips a 'Key ingredients:' highlight when the label has the full list", () => {
    expect(findIngredientSections('Key ingredients: Aloe.\nIngredients: Water, Aloe')).toEqual([
      { heading: 'Ingredients', role: 'ingredient', text: 'Water, Aloe' },
    ]);
  });

  it('keeps the whole line that holds a contact detail out of the list', () => {
    expect(findIngredientSections('Ingredients: Cotton, Rayon\nMore at https://lotus.example')[0]?.text).toBe(
      'Cotton, Rayon',
    );
  });

  it('reads an asterisk that starts every line as a bullet when no name carries a footnote mark', () => {
    expect(names('Ingredients:\n* Water\n* Glycerin')).toEqual(['Water', 'Glycerin']);
  });
});

describe('splitIngredients separators', () => {
  it.each([
    ['commas', 'Water, Glycerin, Aloe', ['Water', 'Glycerin', 'Aloe']],
    ['semicolons', 'Water; Glycerin; Aloe', ['Water', 'Glycerin', 'Aloe']],
    ['bullets', 'Water • Glycerin · Aloe | Cotton', ['Water', 'Glycerin', 'Aloe', 'Cotton']],
    ["' and '", 'Cotton and Rayon', ['Cotton', 'Rayon']],
    ["' & '", 'Cotton & Rayon', ['Cotton', 'Rayon']],
    ["'(and)'", 'Cetearyl Alcohol (and) Polysorbate 60', ['Cetearyl Alcohol', 'Polysorbate 60']],
    ["', and' before the last item", 'Water, Glycerin, and Aloe', ['Water', 'Glycerin', 'Aloe']],
    ['periods between groups', 'Topsheet: Polypropylene. Core: Cellulose.', ['Polypropylene', 'Cellulose']],
  ])('splits on %s', (_separator, text, expected) => {
    expect(splitNames(text)).toEqual(expected);
  });

  it('numbers the items of a section from 1', () => {
    expect(splitIngredients('Water, Glycerin').map((ingredient) => ingredient.position)).toEqual([1, 2]);
  });

  it('never splits at a decimal point or decimal comma', () => {
    expect(splitNames('Glycerin 0.5%, Menthol 0,5%. Lactic Acid')).toEqual([
      'Glycerin',
      'Menthol',
      'Lactic Acid',
    ]);
  });

  it("never splits after an abbreviation such as 'Vit.'", () => {
    expect(splitNames('Vit. E. Core: Cellulose')).toEqual(['Vit. E', 'Cellulose']);
  });

  it("keeps the comma of a name such as '1,2-Hexanediol'", () => {
    expect(splitNames('Water, 1,2-Hexanediol, Glycerin')).toEqual(['Water', '1,2-Hexanediol', 'Glycerin']);
  });

  it('never splits inside parentheses', () => {
    expect(splitIngredients('Fragrance (Limonene and Linalool), Water')).toHaveLength(4);
  });

  it("treats a bar inside a word as an OCR misreading of 'l', not as a separator", () => {
    expect(splitNames('G|ycerin, Water')).toEqual(['G|ycerin', 'Water']);
  });
});

describe('splitIngredients line breaks', () => {
  it('reads a line break inside a comma-separated list as a space', () => {
    expect(splitNames('Water, Aloe Barbadensis\nLeaf Juice, Glycerin')).toEqual([
      'Water',
      'Aloe Barbadensis Leaf Juice',
      'Glycerin',
    ]);
  });

  it('joins a word hyphenated across lines', () => {
    expect(splitNames('Water, Sodium Poly-\nacrylate')).toEqual(['Water', 'Sodium Polyacrylate']);
  });

  it.each([
    ['PEG-\n100 Stearate', 'PEG-100 Stearate'],
    ['Coco-\nGlucoside', 'Coco-Glucoside'],
  ])('keeps the hyphen before a capital or a digit in %j', (text, expected) => {
    expect(splitNames(`Water, ${text}`)).toEqual(['Water', expected]);
  });

  it('takes each line as one item when the list has no commas or semicolons', () => {
    expect(splitNames('Water\nAloe Barbadensis Leaf Juice\nGlycerin')).toEqual([
      'Water',
      'Aloe Barbadensis Leaf Juice',
      'Glycerin',
    ]);
  });

  it('starts a new item at a line that starts with a component label', () => {
    expect(splitNames('Topsheet: Polypropylene, Polyethylene\nCore: Fluff pulp')).toEqual([
      'Polypropylene',
      'Polyethylene',
      'Fluff pulp',
    ]);
  });
});

describe('splitIngredients amounts', () => {
  it.each([
    ['70% Nylon', 'Nylon'],
    ['Nylon 70%', 'Nylon'],
    ['Nylon (70%)', 'Nylon'],
    ['Benzocaine 20%', 'Benzocaine'],
    ['Polyurethane <1%', 'Polyurethane'],
    ['Menthol 0.5% w/w', 'Menthol'],
    ['100% Organic Cotton', 'Organic Cotton'],
    ['Boric Acid 600 mg', 'Boric Acid'],
  ])('removes the amount from %j', (text, expected) => {
    expect(splitNames(text)).toEqual([expected]);
  });

  it('reads measured lines with decimal commas one per line, and what a dash says of an amount', () => {
    expect(
      splitNames(
        'Maleic acid 3%\nTween-80 0,9%\nTriethanolamine - titration to pH 7,5 ± 0,5\nPurified water - the rest.',
      ),
    ).toEqual(['Maleic acid', 'Tween-80', 'Triethanolamine', 'Purified water']);
    expect(splitNames('Вода очищенная - остальное')).toEqual(['Вода очищенная']);
  });

  it("keeps the numbers that belong to a name ('Polysorbate 20', 'CI 77891', 'Nonoxynol-9')", () => {
    expect(splitNames('Polysorbate 20, CI 77891, Nonoxynol-9')).toEqual([
      'Polysorbate 20',
      'CI 77891',
      'Nonoxynol-9',
    ]);
  });

  it("keeps a name whose label is followed by nothing but an amount ('Nylon: 90%')", () => {
    expect(splitNames('Nylon: 90%, Spandex: 10%')).toEqual(['Nylon', 'Spandex']);
  });

  it("drops an introduction such as 'contains less than 1% of:'", () => {
    expect(splitNames('Water, contains less than 1% of: Menthol, Camphor')).toEqual([
      'Water',
      'Menthol',
      'Camphor',
    ]);
  });
});

describe('splitIngredients component prefixes', () => {
  it.each([
    'Topsheet',
    'Top sheet',
    'Absorbent core',
    'Core',
    'Backsheet',
    'Wings',
    'Wrapper',
    'Individual wrapper',
    'Release paper',
    'Applicator',
    'String',
    'Withdrawal cord',
    'Cover',
    'Cup',
    'Gusset',
    'Lining',
    'Outer fabric',
    'Absorbent layer',
    'Leakproof layer',
    'Packaging',
    'Storage bag for travel',
  ])("strips the component prefix '%s:'", (label) => {
    expect(splitNames(`${label}: Polypropylene, Cotton`)).toEqual(['Polypropylene', 'Cotton']);
  });

  it('keeps a colon phrase of more than four words as printed', () => {
    expect(splitNames('one two three four five: Cotton')).toEqual(['one two three four five: Cotton']);
  });

  it("reads 'Component (materials)' as the materials, as printed", () => {
    expect(
      splitNames('Absorbent core (cellulose pulp, sodium polyacrylate), Topsheet (polypropylene)'),
    ).toEqual(['cellulose pulp', 'sodium polyacrylate', 'polypropylene']);
  });

  it('drops a bare component word that names no material', () => {
    expect(splitNames('Topsheet and wings: polypropylene')).toEqual(['polypropylene']);
  });
});

describe('splitIngredients parentheses and brackets', () => {
  it.each([
    ['Aqua (Water)', 'Aqua', ['Water']],
    ['Titanium Dioxide (CI 77891)', 'Titanium Dioxide', ['CI 77891']],
    ['Parfum (Fragrance)', 'Parfum', ['Fragrance']],
    ['Butyrospermum Parkii (Shea) Butter', 'Butyrospermum Parkii Butter', ['Shea Butter']],
  ])('reads %j as a name with another name', (text, name, alternatives) => {
    expect(splitIngredients(text)).toEqual([{ name, position: 1, alternatives }]);
  });

  it.each([
    'Bismuth(III) Oxide',
    'E460(i)',
    'Di(2-ethylhexyl) Phthalate',
    'Poly(vinyl alcohol)',
    'N-(Phosphonomethyl)glycine',
    '1,2-Benzisothiazol-3(2H)-one',
    'Tetrasodium N,N-Bis(carboxymethyl)-L-glutamate',
  ])('keeps the parenthesis of the chemical name %j in it', (text) => {
    expect(splitIngredients(`Water, ${text}, Glycerin`).map(({ name }) => name)).toEqual([
      'Water',
      text,
      'Glycerin',
    ]);
  });

  it('drops private-use characters (icon glyphs), which never stand for a parenthesis', () => {
    expect(splitNames('Water, Glyc\uE000erin\uE001, Xanthan Gum')).toEqual([
      'Water',
      'Glycerin',
      'Xanthan Gum',
    ]);
  });

  it('reads a parenthesis glued to a plain name as another name ("Water(Aqua)")', () => {
    expect(splitIngredients('Water(Aqua), Glycerin')[0]).toMatchObject({
      name: 'Water',
      alternatives: ['Aqua'],
    });
  });

  it('reads an abbreviated genus with its species, and a list that goes on after it', () => {
    expect(splitNames('Water, L. crispatus, B. longum, Lactic Acid. Store cool.')).toEqual([
      'Water',
      'L. crispatus',
      'B. longum',
      'Lactic Acid',
    ]);
    expect(splitNames('Water, Vitamin E. store below 25 °C')).toEqual(['Water', 'Vitamin E']);
  });

  it('reads trade grades in parentheses as other names, never as more ingredients', () => {
    expect(
      splitIngredients('glycérides hémi-synthétiques solides (Witepsol H19 et Suppocire NA150), silice'),
    ).toEqual([
      {
        name: 'glycérides hémi-synthétiques solides',
        position: 1,
        alternatives: ['Witepsol H19', 'Suppocire NA150'],
      },
      { name: 'silice', position: 2, alternatives: [] },
    ]);
    expect(splitNames('Tocopherol (Vitamin E, Vitamin A), Wax (Polysorbate 60, Steareth 20)')).toEqual([
      'Tocopherol',
      'Vitamin E',
      'Vitamin A',
      'Wax',
      'Polysorbate 60',
      'Steareth 20',
    ]);
  });

  it('adds the ingredients listed inside the parentheses of an ingredient', () => {
    expect(splitNames('Fragrance (Limonene, Linalool), Water')).toEqual([
      'Fragrance',
      'Limonene',
      'Linalool',
      'Water',
    ]);
  });

  it.each([
    '(to adjust pH)',
    '(preservative)',
    '(organic)',
    '(certified organic)',
    '(plant-derived)',
    '(from coconut)',
    '(vegan)',
  ])('drops the purpose note %s and keeps the name', (note) => {
    expect(splitIngredients(`Citric Acid ${note}`)).toEqual([
      { name: 'Citric Acid', position: 1, alternatives: [] },
    ]);
  });

  it('reads nested parentheses as alternatives of the inner names', () => {
    expect(splitIngredients('Absorbent core (Fluff Pulp (Cellulose), SAP (Sodium Polyacrylate))')).toEqual([
      { name: 'Fluff Pulp', position: 1, alternatives: ['Cellulose'] },
      { name: 'SAP', position: 2, alternatives: ['Sodium Polyacrylate'] },
    ]);
  });

  it('reads colorants in square brackets as ingredients, even a single one', () => {
    expect(splitNames('Mica [+/- CI 77891, CI 77491], Talc')).toEqual([
      'Mica',
      'CI 77891',
      'CI 77491',
      'Talc',
    ]);
    expect(splitIngredients('Mica [+/- CI 77891]')).toEqual([
      { name: 'Mica', position: 1, alternatives: [] },
      { name: 'CI 77891', position: 2, alternatives: [] },
    ]);
  });

  it.each([
    'May contain: CI 77891, CI 77491',
    'May contain (+/-): CI 77891, CI 77491',
    'May contain CI 77891, CI 77491',
  ])('reads the colorants of %j as ingredients', (text) => {
    expect(splitNames(`Talc. ${text}`)).toEqual(['Talc', 'CI 77891', 'CI 77491']);
  });

  it('still reads the names in a parenthesis that is never closed', () => {
    expect(splitNames('Water, Fragrance (Limonene, Linalool')).toEqual([
      'Water',
      'Fragrance',
      'Limonene',
      'Linalool',
    ]);
  });
});

describe('splitIngredients slashes', () => {
  it("reads 'Aqua/Water/Eau' as one name with each part as an alternative", () => {
    expect(splitIngredients('Aqua/Water/Eau')).toEqual([
      { name: 'Aqua/Water/Eau', position: 1, alternatives: ['Aqua', 'Water', 'Eau'] },
    ]);
  });

  it.each(['Caprylic/Capric Triglyceride', 'Lactobacillus/Pear Juice Ferment Filtrate'])(
    'keeps %j whole, without parts that mean nothing alone',
    (name) => {
      expect(splitIngredients(name)).toEqual([{ name, position: 1, alternatives: [] }]);
    },
  );
});

describe('splitIngredients cleaning', () => {
  it('trims, collapses spaces and strips leading bullets and trailing punctuation', () => {
    expect(splitNames('  •  Sodium    Benzoate.;:  ,- Water*  ')).toEqual(['Sodium Benzoate', 'Water']);
  });

  it.each([
    ['Organic Cotton*', 'Organic Cotton'],
    ['Aloe¹', 'Aloe'],
    ['Rayon†', 'Rayon'],
    ['Lycra®', 'Lycra'],
  ])('strips the marker of %j', (text, expected) => {
    expect(splitNames(text)).toEqual([expected]);
  });

  it("keeps 'Organic' when it is printed as part of the name", () => {
    expect(splitNames('Organic Cotton, Cotton (organic)')).toEqual(['Organic Cotton', 'Cotton']);
  });

  it('keeps the case as printed', () => {
    expect(splitNames('SODIUM LAURETH SULFATE, cocamidopropyl betaine')).toEqual([
      'SODIUM LAURETH SULFATE',
      'cocamidopropyl betaine',
    ]);
  });

  it("drops a pack count such as '18 tampons' printed under 'Contains:'", () => {
    expect(names('Contains: 18 regular tampons\nIngredients: Cotton, Rayon')).toEqual(['Cotton', 'Rayon']);
  });

  it('drops items that are empty, punctuation or numbers', () => {
    expect(splitNames('Water,, ,123, ..., —, 5%, Glycerin')).toEqual(['Water', 'Glycerin']);
  });
});

describe('parseIngredientList', () => {
  it('takes the whole text as the list when it has no heading', () => {
    expect(names('Organic Cotton, Rayon, Polyester')).toEqual(['Organic Cotton', 'Rayon', 'Polyester']);
  });

  it('keeps the first of duplicate names, ignoring case, spaces and accents, and renumbers', () => {
    const parsed = parseIngredientList('Ingredients: Water, Glycerin. Ingrédients : WATER, Glycérin, Aqua');

    expect(parsed).toEqual([
      { name: 'Water', position: 1, alternatives: [] },
      { name: 'Glycerin', position: 2, alternatives: [] },
      { name: 'Aqua', position: 3, alternatives: [] },
    ]);
  });

  it('reads the active and inactive ingredients of a Drug Facts panel but not its other text', () => {
    const text =
      'Active ingredient: Benzocaine 20%\nPurpose: External analgesic\nUses: relieves itching\nWarnings: external use\nInactive ingredients: Water, Glycerin';

    expect(names(text)).toEqual(['Benzocaine', 'Water', 'Glycerin']);
  });

  it('gives alternatives with the name they belong to', () => {
    expect(alternativesOf('Ingredients: Aqua (Water), Glycerin', 'Aqua')).toEqual(['Water']);
  });

  it.each([
    'Ingredients:',
    'INGREDIENTS: .',
    'Ingredients: 100%',
    'Ingredients:\nWarnings: none',
    '',
    '   \n\t ',
  ])('finds nothing in %j', (text) => {
    expect(parseIngredientList(text)).toEqual([]);
  });

  it.each([
    ['NUL characters', 'Ingredients: Wa\0ter, \0Glycerin\0'],
    ['lone surrogates', 'Ingredients: \ud800Water, Glycerin\udfff'],
    ['emoji and joiners', 'Ingredients: 👩‍👩‍👧 Water, 🌸Glycerin🌸'],
    ['right-to-left and combining text', 'Ingredients: مكونات, Gly\u0301cerin, \u202eWater'],
    ['control characters', 'Ingredients: \u0001Water\u0007, \u001bGlycerin'],
  ])('reads text with %s without throwing and returns clean names', (_kind, text) => {
    const parsed = parseIngredientList(text);

    expect(parsed.length).toBeGreaterThan(0);
    for (const [index, ingredient] of parsed.entries()) {
      expect(ingredient.position).toBe(index + 1);
      expect(ingredient.name).toMatch(/^\S(?:.*\S)?$/u);
      expect(ingredient.name).not.toMatch(/[\p{Cc}\p{Cf}\p{Cs}]/u);
    }
  });

  const length = 20_000;
  const MIXED = ' ,.;:()[]{}-\n*&%1aA/|@';
  it.each([
    ['open parentheses', '('.repeat(length)],
    ['spaces between two letters', `a${' '.repeat(length - 2)}b`],
    ['punctuation before a letter', `${'!'.repeat(length - 1)}a`],
    ['digits', '1'.repeat(length)],
    ['repeated headings', 'Ingredients: '.repeat(length / 13)],
    ['repeated conjunctions', 'x and '.repeat(length / 6)],
    ['an e-mail-like run', `${'a'.repeat(length - 5)}@b.co`],
    ['asterisk lines', '\n*'.repeat(length / 2)],
    ['a mix of separators', Array.from({ length }, (_, i) => MIXED.charAt((i * 31) % MIXED.length)).join('')],
  ])('parses a 20,000-character string of %s', (_kind, text) => {
    expect(text.length).toBeGreaterThan(length - 20);
    const parsed = parseIngredientList(text);

    expect(
      parsed.every((ingredient, index) => ingredient.position === index + 1 && ingredient.name !== ''),
    ).toBe(true);
  });
});

describe('normalizeName', () => {
  it.each([
    ['Caprylic/Capric Triglyceride', 'caprylic capric triglyceride'],
    ['Glycérine', 'glycerine'],
    ['  PEG-100   Stearate ', 'peg 100 stearate'],
    ['Aqua (Water)', 'aqua water'],
    ['ÉLASTHANE', 'elasthane'],
    ['***', ''],
  ])('normalises %j to %j', (name, expected) => {
    expect(normalizeName(name)).toBe(expected);
  });
});
