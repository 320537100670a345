import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { duplicateIds, LABEL_KINDS, readCorpus } from '../../bench/lib/label-corpus.ts';

const SYNTHETIC_CORPUS = fileURLToPath(new URL('../fixtures/label-corpus-synthetic', import.meta.url));

describe('readCorpus', () => {
  it('reads the synthetic sample, every label with the file it came from', () => {
    const labels = readCorpus(SYNTHETIC_CORPUS);

    expect(labels).toHaveLength(8);
    expect(new Set(labels.map((label) => label.kind))).toEqual(new Set(LABEL_KINDS));
    expect(
      labels.every((label) => label.file === 'synthetic.json' && label.id.startsWith('synthetic-')),
    ).toBe(true);
  });
});

describe('duplicateIds', () => {
  it('names an id that two labels carry, with their files', () => {
    expect(
      duplicateIds([
        { id: 'a', file: 'cosmetics.json' },
        { id: 'b', file: 'cosmetics.json' },
        { id: 'a', file: 'drug-facts.json' },
      ]),
    ).toEqual(['id "a" appears 2 times (cosmetics.json, drug-facts.json)']);
  });
});
