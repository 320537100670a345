/** Risk levels the library assigns. `unknown` is only ever used for an ingredient with no match. */
export type RiskLevel = 'low' | 'medium' | 'high';
export type ReportedRisk = RiskLevel | 'unknown';

/** How a label name was matched to a library entry, from most to least certain. */
export type MatchMethod = 'exact' | 'alias' | 'fuzzy' | 'semantic';

/** `active` / `inactive` inside a Drug Facts panel (or any label that separates them), else `ingredient`. */
export type IngredientRole = 'active' | 'inactive' | 'ingredient';

/** One ingredient as printed on a label, after cleaning. */
export interface ParsedIngredient {
  /** The name as read from the label, cleaned (no percentage, component prefix or trailing punctuation). */
  readonly name: string;
  /** 1-based position in the label's list. */
  readonly position: number;
  /**
   * Other names the label prints for the same ingredient, e.g. `Water` in `Aqua (Water)` or `CI 77891`
   * in `Titanium Dioxide (CI 77891)`. Tried when the main name does not match.
   */
  readonly alternatives: readonly string[];
}

/** A library entry as the report shows it. */
export interface LibraryIngredient {
  readonly id: number;
  readonly name: string;
  readonly aliases: readonly string[];
  readonly category: string;
  readonly risk_level: RiskLevel;
  readonly description: string;
}

/** A match carries the entry's sources, so a report can show why an ingredient has its level. */
export interface IngredientMatch extends LibraryIngredient {
  readonly sources: readonly Source[];
  /** 0..1; 1 for exact and alias matches. */
  readonly similarity: number;
  readonly method: MatchMethod;
}

/** Where a library entry's risk level comes from. */
export interface Source {
  readonly title: string;
  readonly url: string;
}

/** A library entry as the browse API shows it. */
export interface CatalogIngredient extends LibraryIngredient {
  readonly sources: readonly Source[];
}

export interface CatalogQuery {
  readonly risk_level?: RiskLevel;
  readonly category?: string;
  /** Matched against the name and the aliases, case-, accent- and punctuation-insensitively. */
  readonly q?: string;
  readonly limit: number;
  readonly offset: number;
}

export interface CatalogPage {
  readonly items: readonly CatalogIngredient[];
  /** Entries matching the filters, across all pages. */
  readonly total: number;
}
