import type { CatalogIngredient, CatalogPage, CatalogQuery, IngredientMatch } from './types.ts';

/** Turns texts into vectors. Implementations: the local n-gram embedder and (later) OpenAI. */
export interface Embedder {
  /** Recorded with every library row, so that rows and queries of different models never mix. */
  readonly model: string;
  readonly dimensions: number;
  /** Cosine similarity from which a nearest neighbour counts as the same ingredient for this model. */
  readonly minSemanticSimilarity: number;
  /**
   * One vector per text, in order. `deadlineAt` (epoch ms) is when the caller must have its answer:
   * a remote implementation never starts a retry or waits out a `Retry-After` that would end past it.
   * @throws {DependencyUnavailableError} when the embedding service cannot answer.
   */
  embed(texts: readonly string[], signal?: AbortSignal, deadlineAt?: number): Promise<number[][]>;
}

export interface MatchRequest {
  readonly names: readonly string[];
  /** Parallel to `names`; null when embeddings are unavailable (lexical matching only). */
  readonly embeddings: readonly (readonly number[])[] | null;
  readonly embeddingModel: string | null;
  readonly minFuzzySimilarity: number;
  readonly minSemanticSimilarity: number;
}

export interface EmbeddingModelCount {
  readonly model: string;
  readonly rows: number;
}

/** The curated ingredient library. Implementations: embedded PGlite and (later) Supabase. */
export interface IngredientStore {
  /**
   * Best match for every name, in one round trip; `null` where nothing is close enough.
   * @throws {DependencyUnavailableError} when the database cannot answer — never an empty result.
   */
  matchIngredients(request: MatchRequest, signal?: AbortSignal): Promise<(IngredientMatch | null)[]>;
  /**
   * A page of the library for the browse API.
   * @throws {DependencyUnavailableError} when the database cannot answer.
   */
  listIngredients(query: CatalogQuery, signal?: AbortSignal): Promise<CatalogPage>;
  /**
   * One entry, or null when there is none with this id.
   * @throws {DependencyUnavailableError} when the database cannot answer.
   */
  getIngredient(id: number, signal?: AbortSignal): Promise<CatalogIngredient | null>;
  /**
   * The embedding models of the library's rows, most rows first (empty when nothing is embedded).
   * @throws {DependencyUnavailableError} when the database cannot answer.
   */
  embeddingModels(signal?: AbortSignal): Promise<EmbeddingModelCount[]>;
  /**
   * Cheap round trip for readiness.
   * @throws {DependencyUnavailableError} when the database cannot answer.
   */
  ping(signal?: AbortSignal): Promise<void>;
}

/** `[x, y, width, height]` in pixels of the photo as sent, after its EXIF orientation. */
export type Box = readonly [number, number, number, number];

/** A word the engine read, where it stands on the photo. */
export interface OcrWord {
  readonly text: string;
  readonly bbox: Box;
}

/** A line of text as the engine read it, with its words, in reading order. */
export interface OcrLine {
  readonly text: string;
  readonly bbox: Box;
  readonly words: readonly OcrWord[];
}

/** What OCR read from a label photo. */
export interface OcrResult {
  readonly text: string;
  /** 0..1, the engine's mean word confidence. */
  readonly confidence: number;
  /** Every line read, in the order of `text`. */
  readonly lines: readonly OcrLine[];
  /**
   * Other readings of the same photo (prepared differently), when the engine was unsure which is right:
   * the scan keeps the one that makes the most sense of the label.
   */
  readonly alternatives?: readonly OcrResult[];
}

/** Reads the text of a label photo. Implementation: tesseract.js with sharp preprocessing. */
export interface LabelReader {
  /**
   * @throws {PayloadTooLargeError} over 40 megapixels.
   * @throws {InvalidRequestError} for bytes that do not decode as an image.
   * @throws {DependencyUnavailableError} when the OCR engine is busy (queue full) or failed.
   */
  read(image: Uint8Array, signal?: AbortSignal): Promise<OcrResult>;
}
