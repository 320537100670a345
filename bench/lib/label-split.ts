import { createHash } from 'node:crypto';
import { z } from 'zod';

export type Half = 'dev' | 'heldout';

/** One random draw: the labels it placed, and the seed that placed them. */
const drawSchema = z.object({
  seed: z.string().min(1),
  createdAt: z.string().min(1),
  dev: z.array(z.string()),
  heldout: z.array(z.string()),
});

/**
 * bench/labels/split.json. The top level is the first draw; `dev` and `heldout` always hold every label
 * placed so far. Labels added to the corpus later are drawn with a fresh seed, recorded in `additions`.
 */
export const labelSplitSchema = drawSchema.extend({ additions: z.array(drawSchema).optional() });

export type LabelSplit = z.infer<typeof labelSplitSchema>;
type Draw = z.infer<typeof drawSchema>;

/** A split that cannot be used or extended: an id in both halves. */
export class SplitError extends Error {
  override readonly name = 'SplitError';
}

/** The half each placed label is in. @throws {SplitError} when an id is in both halves. */
export function halvesOf(split: LabelSplit): Map<string, Half> {
  const half = new Map<string, Half>(split.dev.map((id) => [id, 'dev']));
  const both = split.heldout.filter((id) => half.has(id));
  if (both.length > 0) throw new SplitError(`in both halves of the split: ${both.join(', ')}`);
  for (const id of split.heldout) half.set(id, 'heldout');
  return half;
}

/**
 * A reproducible stream of numbers in [0, 1) from a seed: SHA-256 of `seed:counter`, 48 bits per number.
 * The same seed over the same corpus gives the same split, so a recorded seed can be checked.
 */
export function randomFromSeed(seed: string): () => number {
  let counter = 0;
  return () => {
    const digest = createHash('sha256').update(`${seed}:${counter++}`).digest();
    return digest.readUIntBE(0, 6) / 2 ** 48;
  };
}

export interface DrawInput {
  /** The labels of the corpus (id and kind); ids must be unique. */
  readonly labels: readonly { readonly id: string; readonly kind: string }[];
  /** The split so far, or null for the first draw. */
  readonly existing: LabelSplit | null;
  readonly seed: string;
  /** ISO timestamp recorded with the draw. */
  readonly now: string;
}

export interface DrawResult {
  /** The split with the new labels placed; equal to `existing` when there were none. */
  readonly split: LabelSplit;
  /** The labels this draw placed, by half. */
  readonly drawn: { readonly dev: readonly string[]; readonly heldout: readonly string[] };
  /** Ids in the split that the corpus no longer has (kept: a label never changes half). */
  readonly orphans: readonly string[];
}

/**
 * Places every label not yet in the split into a half at random, leaving placed labels where they are.
 * Stratified by kind: within each kind the new labels, shuffled by the seed, go one at a time to the half
 * that holds fewer of that kind (on a tie, to the half with fewer labels overall, then by a coin).
 * @throws {SplitError} when the existing split has an id in both halves.
 */
export function drawSplit({ labels, existing, seed, now }: DrawInput): DrawResult {
  const placed = existing === null ? new Map<string, Half>() : halvesOf(existing);
  const random = randomFromSeed(seed);
  const total = { dev: existing?.dev.length ?? 0, heldout: existing?.heldout.length ?? 0 };
  const drawn: Record<Half, string[]> = { dev: [], heldout: [] };

  const kinds = [...new Set(labels.map((label) => label.kind))].sort();
  for (const kind of kinds) {
    const ofKind = labels.filter((label) => label.kind === kind);
    const count = { dev: 0, heldout: 0 };
    for (const label of ofKind) {
      const half = placed.get(label.id);
      if (half) count[half]++;
    }
    // Sorted before shuffling: the draw depends on the seed and the ids, not on the files' order.
    const fresh = shuffle(
      ofKind
        .filter((label) => !placed.has(label.id))
        .map((label) => label.id)
        .sort(),
      random,
    );
    for (const id of fresh) {
      const half = pickHalf(count, total, random);
      count[half]++;
      total[half]++;
      drawn[half].push(id);
    }
  }

  drawn.dev.sort();
  drawn.heldout.sort();
  const ids = new Set(labels.map((label) => label.id));
  const orphans = [...placed.keys()].filter((id) => !ids.has(id)).sort();
  if (drawn.dev.length + drawn.heldout.length === 0 && existing !== null) {
    return { split: existing, drawn, orphans };
  }
  const draw: Draw = { seed, createdAt: now, dev: [...drawn.dev], heldout: [...drawn.heldout] };
  const split: LabelSplit =
    existing === null
      ? draw
      : {
          ...existing,
          dev: [...existing.dev, ...draw.dev].sort(),
          heldout: [...existing.heldout, ...draw.heldout].sort(),
          additions: [...(existing.additions ?? []), draw],
        };
  return { split, drawn, orphans };
}

function pickHalf(
  ofKind: Readonly<Record<Half, number>>,
  overall: Readonly<Record<Half, number>>,
  random: () => number,
): Half {
  if (ofKind.dev !== ofKind.heldout) return ofKind.dev < ofKind.heldout ? 'dev' : 'heldout';
  if (overall.dev !== overall.heldout) return overall.dev < overall.heldout ? 'dev' : 'heldout';
  return random() < 0.5 ? 'dev' : 'heldout';
}

/** Fisher–Yates. */
function shuffle<T>(items: T[], random: () => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}
