import { describe, expect, it } from 'vitest';
import { drawSplit, halvesOf, type LabelSplit, SplitError } from '../../bench/lib/label-split.ts';

const NOW = '2026-12-01T00:00:00.000Z';
const labels = (kind: string, count: number, prefix = kind) =>
  Array.from({ length: count }, (_, index) => ({ id: `${prefix}-${index}`, kind }));
const corpus = [...labels('drug_facts', 10), ...labels('inci', 7), ...labels('materials', 4)];

describe('drawSplit', () => {
  it('puts about half of each kind in each half and records the seed', () => {
    const { split } = drawSplit({ labels: corpus, existing: null, seed: 'a', now: NOW });
    const half = halvesOf(split);

    for (const [kind, count] of [
      ['drug_facts', 10],
      ['inci', 7],
      ['materials', 4],
    ] as const) {
      const dev = corpus.filter((label) => label.kind === kind && half.get(label.id) === 'dev').length;
      expect(Math.abs(dev - (count - dev))).toBeLessThanOrEqual(1);
    }
    expect(split.dev.length + split.heldout.length).toBe(corpus.length);
    expect(split.seed).toBe('a');
    expect(split.createdAt).toBe(NOW);
  });

  it('gives the same split for the same seed, whatever the order of the corpus, and another for another seed', () => {
    const first = drawSplit({ labels: corpus, existing: null, seed: 'a', now: NOW }).split;
    const reordered = drawSplit({ labels: [...corpus].reverse(), existing: null, seed: 'a', now: NOW }).split;
    const other = drawSplit({ labels: corpus, existing: null, seed: 'b', now: NOW }).split;

    expect(reordered.dev).toEqual(first.dev);
    expect(other.dev).not.toEqual(first.dev);
  });

  it('never moves a placed label: only new labels are drawn, with their own seed', () => {
    const existing = drawSplit({ labels: corpus, existing: null, seed: 'a', now: NOW }).split;
    const added = labels('inci', 4, 'new');

    const { split, drawn } = drawSplit({
      labels: [...corpus, ...added],
      existing,
      seed: 'c',
      now: '2026-12-02T00:00:00.000Z',
    });

    expect(split.dev).toEqual(expect.arrayContaining(existing.dev));
    expect(split.heldout).toEqual(expect.arrayContaining(existing.heldout));
    expect([...drawn.dev, ...drawn.heldout].sort()).toEqual(added.map((label) => label.id).sort());
    expect(split.seed).toBe('a');
    expect(split.additions).toEqual([
      { seed: 'c', createdAt: '2026-12-02T00:00:00.000Z', dev: drawn.dev, heldout: drawn.heldout },
    ]);
  });

  it('returns the split unchanged when every label is placed, and keeps ids the corpus lost', () => {
    const existing = drawSplit({ labels: corpus, existing: null, seed: 'a', now: NOW }).split;

    const result = drawSplit({ labels: corpus.slice(1), existing, seed: 'd', now: NOW });

    expect(result.split).toBe(existing);
    expect(result.orphans).toEqual([corpus[0]?.id]);
  });

  it('refuses a split with an id in both halves', () => {
    const broken: LabelSplit = { seed: 'a', createdAt: NOW, dev: ['x'], heldout: ['x'] };

    expect(() => drawSplit({ labels: corpus, existing: broken, seed: 'e', now: NOW })).toThrow(SplitError);
  });
});
