/** Seeded OCR-style corruption of names, for matching-robustness measurements. */

/** mulberry32: a tiny deterministic PRNG, so a run is reproducible from its seed. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Character confusions phone OCR makes on printed labels, each way round. */
const CONFUSIONS: readonly (readonly [string, string])[] = [
  ['l', '1'],
  ['l', 'I'],
  ['i', 'l'],
  ['I', 'l'],
  ['o', '0'],
  ['O', '0'],
  ['m', 'rn'],
  ['rn', 'm'],
  ['e', 'c'],
  ['c', 'e'],
  ['n', 'm'],
  ['u', 'v'],
  ['S', '5'],
  ['t', 'f'],
  ['h', 'b'],
];

export type Corruption = 'confusion' | 'drop' | 'double' | 'split' | 'join' | 'two';
/** One change of each kind, and `two`: two random changes of the first four kinds in one name. */
export const CORRUPTIONS: readonly Corruption[] = ['confusion', 'drop', 'double', 'split', 'join', 'two'];
const SINGLE: readonly Corruption[] = ['confusion', 'drop', 'double', 'split'];

/** Applies one corruption of the given kind at a random place; returns the name unchanged if it cannot. */
export function corrupt(name: string, kind: Corruption, random: () => number): string {
  const pick = <T>(items: readonly T[]): T | undefined => items[Math.floor(random() * items.length)];
  const letterPositions = [...name].flatMap((char, index) => (/\p{L}/u.test(char) ? [index] : []));
  switch (kind) {
    case 'two': {
      const first = SINGLE[Math.floor(random() * SINGLE.length)] ?? 'confusion';
      const second = SINGLE[Math.floor(random() * SINGLE.length)] ?? 'drop';
      return corrupt(corrupt(name, first, random), second, random);
    }
    case 'confusion': {
      const options = CONFUSIONS.flatMap(([from, to]) => {
        const positions: number[] = [];
        for (let i = name.indexOf(from); i !== -1; i = name.indexOf(from, i + 1)) positions.push(i);
        return positions.map((position) => ({ position, from, to }));
      });
      const choice = pick(options);
      if (!choice) return name;
      return name.slice(0, choice.position) + choice.to + name.slice(choice.position + choice.from.length);
    }
    case 'drop': {
      const position = pick(letterPositions.slice(1));
      return position === undefined ? name : name.slice(0, position) + name.slice(position + 1);
    }
    case 'double': {
      const position = pick(letterPositions);
      return position === undefined ? name : name.slice(0, position + 1) + name.slice(position);
    }
    case 'split': {
      const inner = letterPositions.filter((p) => p > 1 && /\p{L}/u.test(name.charAt(p - 1)));
      const position = pick(inner);
      return position === undefined ? name : `${name.slice(0, position)} ${name.slice(position)}`;
    }
    case 'join': {
      const spaces = [...name].flatMap((char, index) => (char === ' ' ? [index] : []));
      const position = pick(spaces);
      return position === undefined ? name : name.slice(0, position) + name.slice(position + 1);
    }
  }
}

export interface RobustnessRow {
  readonly kind: Corruption;
  readonly queries: number;
  readonly matched: number;
  /** Matched to another entry. Some are unavoidable: dropping a letter of "PET" gives "PE", an alias. */
  readonly wrong: readonly string[];
}

/**
 * Corrupts every name and alias of the library once per kind (seeded) and matches them all, one store
 * call per kind: how often a misreading still finds its entry, and how often it finds another one.
 */
export async function measureRobustness(
  entries: readonly { name: string; aliases: readonly string[] }[],
  match: (names: string[]) => Promise<({ name: string } | null)[]>,
  kinds: readonly Corruption[] = CORRUPTIONS,
  seed = 42,
): Promise<RobustnessRow[]> {
  const random = seededRandom(seed);
  const rows: RobustnessRow[] = [];
  for (const kind of kinds) {
    const queries: { text: string; want: string }[] = [];
    for (const entry of entries) {
      for (const term of [entry.name, ...entry.aliases]) {
        const text = corrupt(term, kind, random);
        if (text !== term) queries.push({ text, want: entry.name });
      }
    }
    const matches = await match(queries.map((query) => query.text));
    let matched = 0;
    const wrong: string[] = [];
    queries.forEach((query, index) => {
      const got = matches[index]?.name;
      if (got === query.want) matched++;
      else if (got !== undefined) wrong.push(`${query.text} → ${got} (is ${query.want})`);
    });
    rows.push({ kind, queries: queries.length, matched, wrong });
  }
  return rows;
}
