import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { plainSubstanceName } from '../../lambdas/src/domain/substance-name.ts';
import { englishName, withTranslatedNames, wordKey } from '../../lambdas/src/domain/translated-name.ts';

const WORDS_FILE = new URL('../../lambdas/library/name-words.json', import.meta.url);

describe('englishName', () => {
  it.each([
    // Portuguese (Brazilian package leaflets)
    ['água purificada', 'purified water'],
    ['edetato dissódico', 'disodium edetate'],
    ['edetato de sódio', 'sodium edetate'],
    ['petrolato branco', 'white petrolatum'],
    ['álcool cetílico', 'cetyl alcohol'],
    ['álcool cetoestearílico', 'cetearyl alcohol'],
    ['metilparabeno', 'methylparaben'],
    ['glicerol', 'glycerin'],
    ['ácido cítrico', 'citric acid'],
    ['bicarbonato de sódio', 'sodium bicarbonate'],
    ['carmelose sódica', 'carmellose sodium'],
    ['água de osmose reversa', 'reverse osmosis water'],
    ['óleo de semente de girassol', 'sunflower seed oil'],
    ['lauril sulfato de sódio', 'sodium lauryl sulfate'],
    ['Nitrato de miconazol', 'miconazole nitrate'],
    // Spanish
    ['cloruro sódico', 'sodium chloride'],
    ['alcohol bencílico', 'benzyl alcohol'],
    ['parahidroxibenzoato de metilo', 'methyl parahydroxybenzoate'],
    ['fosfato disódico', 'disodium phosphate'],
    // French
    ['eau purifiée', 'purified water'],
    ['chlorure de sodium', 'sodium chloride'],
    ['acide lactique', 'lactic acid'],
    ['alcool cétostéarylique', 'cetearyl alcohol'],
    // French words spelled as in English, only the order differs
    ['bicarbonate de sodium', 'sodium bicarbonate'],
    ['stéarate de magnésium', 'magnesium stearate'],
    ['chlorure de benzalkonium', 'benzalkonium chloride'],
    // Italian, pharmacopoeia order included
    ['acqua depurata', 'purified water'],
    ['sodio cloruro', 'sodium chloride'],
    ['sodio idrossido', 'sodium hydroxide'],
    ['glicerolo', 'glycerin'],
    ['benzalconio cloruro', 'benzalkonium chloride'],
    ['acqua deionizzata', 'deionized water'],
    ['tocoferoli misti', 'mixed tocopherols'],
    ['zinco ossido', 'zinc oxide'],
    // Latin, as the European Pharmacopoeia names substances on Central European leaflets
    ['Miconazoli nitras', 'miconazole nitrate'],
    ['Natrii hydrogenocarbonas', 'sodium bicarbonate'],
    ['Magnesii stearas', 'magnesium stearate'],
    ['Cellulosum microcristallinum', 'microcrystalline cellulose'],
    ['Hydrocortisoni acetas', 'hydrocortisone acetate'],
    ['Alcohol cetylicus', 'cetyl alcohol'],
    // Czech and Polish, which name a salt anion first as the Romance languages do
    ['Laurylsíran sodný', 'sodium lauryl sulfate'],
    ['stearan hořečnatý', 'magnesium stearate'],
    ['stearynian magnezu', 'magnesium stearate'],
    ['laktoza jednowodna', 'lactose monohydrate'],
    ['parafina ciekła', 'liquid paraffin'],
    // Russian and Ukrainian: a salt's cation first in the genitive, as English prints it
    ['Вода очищенная', 'purified water'],
    ['Твин-80', 'polysorbate 80'],
    ['Натрію хлорид', 'sodium chloride'],
    // Hungarian, hyphenated as its pharmacopoeia prints salts, read part by part
    ['nátrium-klorid', 'sodium chloride'],
    ['laktóz-monohidrát', 'lactose monohydrate'],
    ['cetil-alkohol', 'cetyl alcohol'],
    ['tisztított víz', 'purified water'],
    // Uzbek and Swedish, in English order
    ['setil spirti', 'cetyl alcohol'],
    ['natriy gidrokarbonat', 'sodium bicarbonate'],
    ['renat vatten', 'purified water'],
    // German and Dutch
    ['Natriumchlorid', 'sodium chloride'],
    ['Milchsäure', 'lactic acid'],
    ['Gereinigtes Wasser', 'purified water'],
    ['Kaliumlactat', 'potassium lactate'],
    ['Bio-Baumwolle', 'organic cotton'],
    ['Citroenzuur', 'citric acid'],
  ])('reads "%s" as "%s"', (printed, english) => {
    expect(englishName(printed)).toBe(english);
  });

  it.each([
    ['polissorbato 80', 'polysorbate 80'],
    ['polisorbato 20', 'polysorbate 20'],
  ])('keeps the number of "%s"', (printed, english) => {
    expect(englishName(printed)).toBe(english);
  });

  it.each([
    ['edetato dissódico di-hidratado', 'disodium edetate dihydrate', 'disodium edetate'],
    ['edetato dissódico dihidratado', 'disodium edetate dihydrate', 'disodium edetate'],
    ['citrato de sódio di-hidratado', 'sodium citrate dihydrate', 'sodium citrate'],
    ['ácido cítrico anidro', 'citric acid anhydrous', 'citric acid'],
    ['Dinatriumedetat-Dihydrat', 'disodium edetate dihydrate', 'disodium edetate'],
    // Any count of water of crystallisation, as each language spells it.
    ['lactato cálcico pentahidrato', 'calcium lactate pentahydrate', 'calcium lactate'],
    ['fosfato disódico dodecahidrato', 'disodium phosphate dodecahydrate', 'disodium phosphate'],
    [
      'fosfato de sódio dibásico dodecaidratado',
      'sodium dibasic phosphate dodecahydrate',
      'sodium dibasic phosphate',
    ],
    ['Calciumlactat-Pentahydrat', 'calcium lactate pentahydrate', 'calcium lactate'],
  ])(
    'closes "%s" with its water of crystallisation, which the plain name then drops',
    (printed, english, plain) => {
      expect(englishName(printed)).toBe(english);
      expect(plainSubstanceName(english)).toBe(plain);
    },
  );

  it('never crosses chlorite and chloride', () => {
    expect(englishName('clorito de sódio')).toBe('sodium chlorite');
    expect(englishName('cloreto de sódio')).toBe('sodium chloride');
    expect(englishName('clorito de sodio')).toBe('sodium chlorite');
    expect(englishName('chlorure de sodium')).toBe('sodium chloride');
  });

  it('keeps the count of a counted cation', () => {
    expect(englishName('fosfato dissódico')).toBe('disodium phosphate');
    expect(englishName('fosfato trissódico')).toBe('trisodium phosphate');
    expect(englishName('edetato tetrassódico')).toBe('tetrasodium edetate');
  });

  it.each([
    'Sodium Chloride',
    'Cetyl Alcohol',
    'Polysorbate 80',
    'Methylparaben',
    'Magnesium Stearate',
    'Cellulose Acetate',
    'Benzalkonium Chloride',
    'Petrolatum White',
    'Water',
    'air',
  ])('leaves the English name "%s" alone', (printed) => {
    expect(englishName(printed)).toBeNull();
  });

  it.each([
    'cera emulsificante não iônica',
    'cetomacrogol 1000',
    'clorito de xyzzy',
    'gliserin',
    'Caprylic/Capric Triglyceride',
    'ácido de',
    'de sódio',
    '',
  ])('gives no half-translated guess for "%s"', (printed) => {
    expect(englishName(printed)).toBeNull();
  });

  it('reads a word by its ending only beside a word a table knows', () => {
    expect(englishName('ácido undecilênico')).toBe('undecylenic acid');
    expect(englishName('xyzato')).toBeNull();
  });

  it.each([
    ['one 100 kB word', 'a'.repeat(100_000)],
    ['100 kB of connectors', 'ácido de '.repeat(11_000)],
    ['100 kB of hyphens', 'metil-'.repeat(17_000)],
    ['100 kB of compound parts', 'metil'.repeat(20_000)],
    ['100 kB of digits and commas', '1,'.repeat(50_000)],
  ])('answers %s in linear time', (_shape, printed) => {
    const start = performance.now();
    englishName(printed);
    expect(performance.now() - start).toBeLessThan(200);
  });
});

describe('withTranslatedNames', () => {
  it('adds the English name as a further name and keeps the printed name and fields', () => {
    const ingredient = { name: 'edetato dissódico', position: 4, alternatives: [], role: 'x' };

    expect(withTranslatedNames(ingredient)).toEqual({
      name: 'edetato dissódico',
      position: 4,
      alternatives: ['disodium edetate'],
      role: 'x',
    });
  });

  it('returns an ingredient with nothing to translate unchanged', () => {
    const ingredient = { name: 'Glycerin', position: 1, alternatives: ['Glycerol'] };

    expect(withTranslatedNames(ingredient)).toBe(ingredient);
  });
});

describe('name-words.json', () => {
  const text = readFileSync(WORDS_FILE, 'utf8');
  const data = JSON.parse(text) as Record<string, { words?: Record<string, Record<string, string>> }>;

  it.each(['romance', 'germanic'])('maps every %s word to a non-empty English word', (family) => {
    const languages = Object.values(data[family]?.words ?? {});
    const entries = languages.flatMap((words) => Object.entries(words));
    expect(entries.length).toBeGreaterThan(100);
    for (const [word, english] of entries) {
      expect(english.trim(), word).not.toBe('');
      expect(english, word).toMatch(/^[a-z0-9]+(?: [a-z0-9]+)*$/);
      expect(word, english).not.toMatch(/\s/);
    }
  });

  it('gives no word two English readings within a family, nor twice in one table', () => {
    // JSON.parse keeps the last of two equal keys, so the text itself is read, one family at a time.
    const [romance = '', germanic = ''] = text.split('"germanic"');
    for (const section of [romance, germanic]) {
      const readings = new Map<string, string>();
      for (const [, word = '', english = ''] of section.matchAll(/"([^"$]+)": "([^"]*)"/g)) {
        if (word === 'order' || word === 'compoundJoiner') continue;
        const key = wordKey(word);
        expect(readings.get(key) ?? english, `${word}: ${english} / ${readings.get(key)}`).toBe(english);
        readings.set(key, english);
      }
    }
    const tables = [
      ...text.matchAll(/"(?:pt|es|fr|it|la|cs|pl|ru|uk|de|nl|hu|uz|sv|combining)": \{([^}]*)\}/g),
    ];
    expect(tables.length).toBe(16);
    for (const [, table = ''] of tables) {
      const words = [...table.matchAll(/"([^"]+)":/g)].map(([, word]) => word);
      expect(words.length - new Set(words).size, 'repeated key').toBe(0);
    }
  });
});
