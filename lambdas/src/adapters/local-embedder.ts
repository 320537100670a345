import type { Embedder } from '../domain/ports.ts';

const DIMENSIONS = 1536;

/**
 * Deterministic, offline embedder used when no OpenAI key is configured: the character trigrams of each
 * word (and the whole words) are hashed into 1536 signed buckets and the vector is L2-normalised.
 * Cosine similarity then measures shared spelling, not meaning: it catches misspellings and word-order
 * changes, but not true synonyms ("Aqua" vs "Water") — those come from aliases, or from OpenAI.
 */
export function makeLocalEmbedder(): Embedder {
  return {
    model: 'lotus-local-ngram-v1',
    dimensions: DIMENSIONS,
    // Spelling overlap is no evidence of meaning: on the OCR-typo label set an ingredient absent from the
    // library scored 0.815 against a row sharing most of its words ("Lactobacillus/Pear Juice Ferment
    // Filtrate" vs Lactobacillus Ferment) while true misreadings scored 0.58–0.75. Only near-identical
    // texts may match this way; misreadings are the edit-distance step's job.
    minSemanticSimilarity: 0.9,
    async embed(texts) {
      return texts.map(embedText);
    },
  };
}

/** Embeds one text; exported for tests of its properties. */
export function embedText(text: string): number[] {
  const vector = new Float64Array(DIMENSIONS);
  const words = text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word !== '');
  for (const word of words) {
    addFeature(vector, `w:${word}`, 1);
    const padded = `#${word}#`;
    for (let i = 0; i + 3 <= padded.length; i++) addFeature(vector, padded.slice(i, i + 3), 1);
  }
  let norm = 0;
  for (const value of vector) norm += value * value;
  norm = Math.sqrt(norm);
  return Array.from(vector, (value) => (norm === 0 ? 0 : value / norm));
}

function addFeature(vector: Float64Array, feature: string, weight: number): void {
  const hash = fnv1a(feature);
  const index = hash % DIMENSIONS;
  // A second bit of the hash picks the sign, so collisions cancel out on average instead of adding up.
  const sign = (hash >>> 16) & 1 ? 1 : -1;
  vector[index] = (vector[index] ?? 0) + sign * weight;
}

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
