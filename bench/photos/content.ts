/**
 * What a field-photo label says: the sections of a pack (title, claims, the ingredient list, directions,
 * warnings, maker) in English and, on multilingual packs, in French, German, Spanish and Italian, and the
 * sections of a US Drug Facts panel. Sentences are written for this bench; ingredient names are library
 * names or aliases, and the truth is always the canonical name.
 */
import type { PrintableEntry } from '../lib/printable-terms.ts';
import { int, pick, type Rng, shuffle } from '../lib/random.ts';

export const BRANDS = ['Lunara', 'Willowby', 'Softmoor', 'Orla Care', 'Kindred', 'Aveline', 'Brio', 'Fenna'];
export const PRODUCTS = [
  'Intimate Wash',
  'Feminine Wipes',
  'Soothing Balm',
  'Organic Tampons',
  'Night Pads',
  'Panty Liners',
  'Moisturising Gel',
  'Cup Wash',
];
const CLAIMS = [
  'pH 4.5. Fragrance free. Dermatologically tested.',
  'Made with plant-based ingredients. Suitable for daily use.',
  'Hypoallergenic. Gynaecologically tested. Vegan.',
  'Free from parabens and dyes. Recyclable pack.',
];
export const LIST_HEADINGS = ['INGREDIENTS:', 'Ingredients:', 'INGREDIENTS', 'Ingredients/Ingrédients:'];

/** Directions and warnings in each language of a European pack (our own wording). */
export const TAILS: Readonly<Record<string, readonly string[]>> = {
  en: [
    'Directions: Apply to the external area only and rinse with warm water.',
    'Caution: For external use only. Keep out of reach of children.',
    'Store below 25 °C away from direct sunlight. Best used within 12 months of opening.',
  ],
  fr: [
    'Mode d’emploi : appliquer sur la zone externe puis rincer à l’eau tiède.',
    'Précautions : usage externe uniquement. Tenir hors de portée des enfants.',
    'Conserver à l’abri de la chaleur et de la lumière.',
  ],
  de: [
    'Anwendung: Nur äußerlich anwenden und mit lauwarmem Wasser abspülen.',
    'Hinweis: Nur zur äußerlichen Anwendung. Für Kinder unzugänglich aufbewahren.',
    'Vor Hitze und direktem Sonnenlicht geschützt lagern.',
  ],
  es: [
    'Modo de empleo: aplicar en la zona externa y aclarar con agua tibia.',
    'Precauciones: solo para uso externo. Mantener fuera del alcance de los niños.',
  ],
  it: [
    'Modo d’uso: applicare sulla zona esterna e risciacquare con acqua tiepida.',
    'Avvertenze: solo per uso esterno. Tenere fuori dalla portata dei bambini.',
  ],
};

export function makerLine(rng: Rng): string {
  return `${pick(rng, ['Made in Portugal', 'Made in Poland', 'Made in Canada', 'Made in the EU'])} · Lot ${int(rng, 10000, 99999)} · ${int(rng, 50, 250)} ml`;
}

export function claimLine(rng: Rng): string {
  return pick(rng, CLAIMS);
}

/** A list of `count` library entries, each printed by its name or (a third of the time) an alias. */
export function chooseIngredients(
  rng: Rng,
  terms: readonly PrintableEntry[],
  count: number,
): { canonical: string[]; printed: string[] } {
  const chosen = shuffle(rng, terms).slice(0, count);
  return {
    canonical: chosen.map((entry) => entry.canonical),
    printed: chosen.map((entry) =>
      entry.name === null || (entry.aliases.length > 0 && rng() < 0.3)
        ? pick(rng, entry.aliases)
        : entry.name,
    ),
  };
}

/** An OTC active as a Drug Facts panel prints it. */
export interface DrugActive {
  readonly canonical: string;
  readonly printed: string;
  readonly strength: string;
  readonly purpose: string;
}

/** Actives of intimate-care OTC drugs in the library, with strengths and purposes real panels print. */
const ACTIVES: readonly Omit<DrugActive, 'printed'>[] = [
  { canonical: 'Miconazole Nitrate', strength: '2%', purpose: 'Antifungal' },
  { canonical: 'Clotrimazole', strength: '1%', purpose: 'Antifungal' },
  { canonical: 'Tioconazole', strength: '6.5%', purpose: 'Antifungal' },
  { canonical: 'Hydrocortisone', strength: '1%', purpose: 'Anti-itch' },
  { canonical: 'Benzocaine', strength: '20%', purpose: 'External analgesic' },
  { canonical: 'Lidocaine', strength: '4%', purpose: 'Local anesthetic' },
  { canonical: 'Pramoxine Hydrochloride', strength: '1%', purpose: 'External analgesic' },
  { canonical: 'Resorcinol', strength: '3%', purpose: 'Antipruritic' },
  { canonical: 'Nonoxynol-9', strength: '4%', purpose: 'Spermicide' },
];

export function chooseActives(rng: Rng, terms: readonly PrintableEntry[]): DrugActive[] {
  const count = rng() < 0.3 ? 2 : 1;
  return shuffle(rng, ACTIVES)
    .slice(0, count)
    .flatMap((active) => {
      const term = terms.find((entry) => entry.canonical === active.canonical);
      if (term === undefined) return [];
      const printed =
        term.name === null || (term.aliases.length > 0 && rng() < 0.25) ? pick(rng, term.aliases) : term.name;
      return [{ ...active, printed }];
    });
}

/** The sections between the actives and the inactive ingredients, in the order 21 CFR 201.66 sets. */
export const DRUG_SECTIONS: readonly { heading: string; lines: readonly string[] }[] = [
  {
    heading: 'Uses',
    lines: ['• relieves external itching and irritation', '• for temporary relief of discomfort'],
  },
  {
    heading: 'Warnings',
    lines: [
      'For external use only.',
      'Do not use if you have never had this condition diagnosed by a doctor.',
      'Stop use and ask a doctor if symptoms last more than 7 days.',
      'Keep out of reach of children. If swallowed, get medical help right away.',
    ],
  },
  {
    heading: 'Directions',
    lines: ['• adults and children 12 years and over: apply to affected area up to 3 times daily'],
  },
  {
    heading: 'Other information',
    lines: ['• store at 20°–25°C (68°–77°F)', '• see end flap for lot number'],
  },
];
export const QUESTIONS = 'Questions? Call 1-800-555-0142 weekdays 9 AM – 5 PM EST';
