/**
 * Matching cost: one scan's 30 names in one `match_ingredients` call, at growing library sizes.
 *
 * A scratch PGlite gets the real migrations and the real seed (local embedder), then synthetic rows
 * (plausible names, random 1536-d unit vectors, the queries' embedding model) up to each size; the HNSW
 * index is rebuilt after each bulk insert with the migration's own definition. Per size: SQL time
 * (around the query, as the PGlite store sends it) for several `hnsw.ef_search` values, interleaved,
 * and end to end through the scan use case (parse, embed, one store call, scoring) with the default.
 * PGlite is single-connection Postgres compiled to wasm, in this process: not a server's figures.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { makeLocalEmbedder } from '../lambdas/src/adapters/local-embedder.ts';
import { makePgliteStore } from '../lambdas/src/adapters/pglite-store.ts';
import { repoRoot } from '../lambdas/src/config/config.ts';
import { migrate, readMigrations } from '../lambdas/src/db/migrator.ts';
import { openPglite, pgliteSqlClient } from '../lambdas/src/db/pglite.ts';
import { seedLibrary } from '../lambdas/src/db/seed.ts';
import { vectorLiteral } from '../lambdas/src/db/vector-literal.ts';
import { loadLibraryFile } from '../lambdas/src/library/library-file.ts';
import { MIGRATIONS_DIR } from '../lambdas/src/local/embedded-library.ts';
import { assembleDataRuntime } from '../lambdas/src/runtime.ts';
import { MIN_FUZZY_SIMILARITY } from '../lambdas/src/use-cases/scan-label.ts';
import { testRuntime } from '../tests/support/local-api.ts';
import { seededRandom } from '../tests/support/ocr-noise.ts';
import { type Spread, spread } from './lib/stats.ts';

/** `null`: the server default (pgvector's 40). */
export const EF_SEARCH_VALUES = [null, 10, 20, 100] as const;
export type EfSearch = (typeof EF_SEARCH_VALUES)[number];
const efKey = (ef: EfSearch) => (ef === null ? 'default' : String(ef));

export interface SizeResult {
  readonly rows: number;
  readonly insertSeconds: number;
  readonly indexSeconds: number;
  /** SQL time per `hnsw.ef_search` setting ("default", "10", …), ms. */
  readonly sqlMs: Record<string, Spread>;
  /** Scan use case with a 30-name text (default ef_search), ms. */
  readonly endToEndMs: Spread;
  /** Rows returned per method with the default setting. */
  readonly methods: Record<string, number>;
  /** Harder scans, SQL time with the default setting (ms): every name absent, or short and misspelt. */
  readonly worstCaseMs: { readonly absent: Spread; readonly shortMisspelt: Spread };
}

export interface MatchingResult {
  readonly names: readonly string[];
  readonly runs: number;
  readonly sizes: SizeResult[];
}

const PREFIXES = [
  'Sodium',
  'Potassium',
  'Hydrolyzed',
  'Cetyl',
  'Glyceryl',
  'Sorbitan',
  'Disodium',
  'Magnesium',
  'Zinc',
  'Calcium',
  'Ethylhexyl',
  'Isopropyl',
  'Decyl',
  'Lauryl',
  'Myristyl',
  'Stearyl',
  'Caprylyl',
  'Hydrogenated',
  'Acetylated',
  'Polyglyceryl',
  'Benzyl',
  'Methyl',
  'Propyl',
  'Butyl',
  'Oleyl',
  'Behenyl',
  'Coco',
  'Palm',
  'Soy',
  'Rice',
] as const;
const MIDDLES = [
  'Lauroyl',
  'Cocoyl',
  'Stearoyl',
  'Oleoyl',
  'Myristoyl',
  'Palmitoyl',
  'Caproyl',
  'Linoleoyl',
  'Ricinoleoyl',
  'Isostearoyl',
  'Behenoyl',
  'Glucosyl',
  'Lactyl',
  'Citryl',
  'Tartryl',
  'Succinyl',
  'Malyl',
  'Adipoyl',
  'Sebacoyl',
  'Azeloyl',
  'Glutamyl',
  'Aspartyl',
  'Glycyl',
  'Alanyl',
  'Seryl',
  'Threonyl',
  'Valyl',
  'Leucyl',
  'Prolyl',
  'Histidyl',
] as const;
const SUFFIXES = [
  'Sarcosinate',
  'Glutamate',
  'Isethionate',
  'Taurate',
  'Sulfosuccinate',
  'Lactylate',
  'Citrate',
  'Stearate',
  'Benzoate',
  'Sorbate',
  'Phosphate',
  'Glucoside',
  'Betaine',
  'Ester',
  'Extract',
] as const;
const pick = <T>(items: readonly T[], next: () => number): T => items[Math.floor(next() * items.length)] as T;

function randomUnitVector(next: () => number): number[] {
  // Box–Muller normals, normalised: uniformly random directions.
  const vector = Array.from(
    { length: 1536 },
    () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next()),
  );
  const norm = Math.hypot(...vector);
  return vector.map((value) => value / norm);
}

/** Folds a name as OCR misreads it: one letter swapped for a look-alike digit. */
function misread(name: string): string {
  const at = name.search(/[lo]/);
  if (at < 0) return `${name.slice(0, -1)}${name.at(-1) === 'e' ? 'c' : 'e'}`;
  return `${name.slice(0, at)}${name[at] === 'l' ? '1' : '0'}${name.slice(at + 1)}`;
}

/**
 * Short names one or two letters off, some of library entries, some of nothing: queries of up to eight
 * characters take another path in the fuzzy step (every name of about their length).
 */
const SHORT_MISSPELT = [
  'Wafer',
  'Sodum',
  'Glucse',
  'Citrc',
  'Ztinc',
  'Aqu4',
  'Talcum',
  'Micas',
  'Nylonn',
  'Silck',
  'Coton',
  'Rayom',
  'Lanolim',
  'Urea1',
  'Borax2',
  'Sulfr',
  'Copra',
  'Oleic',
  'Stearc',
  'Ambr',
  'Musky',
  'Resin',
  'Tonka',
  'Basil',
  'Thymo',
  'Cumin',
  'Clove',
  'Anise',
  'Myrrh',
  'Sagee',
];

/** A scan's 30 names: exact names, aliases, OCR misreadings and names the library does not hold. */
function scanNames(entries: readonly { name: string; aliases: string[] }[], next: () => number): string[] {
  const shuffled = [...entries].sort(() => next() - 0.5);
  const withAlias = shuffled.filter((entry) => entry.aliases.length > 0);
  const names = [
    ...shuffled.slice(0, 18).map((entry) => entry.name),
    ...withAlias.slice(0, 5).map((entry) => entry.aliases[0] ?? entry.name),
    ...shuffled.slice(18, 22).map((entry) => misread(entry.name)),
    'Lactobacillus/Pear Juice Ferment Filtrate',
    'Sodium Cocoyl Apple Amino Acids',
    'Vanilla Planifolia Fruit Extract',
  ];
  return [...new Set(names)].slice(0, 30);
}

/** Grows the scratch library to the given sizes and measures each; `runs` timed calls per setting. */
export async function measureMatching(sizes: readonly number[], runs: number): Promise<MatchingResult> {
  const db = await openPglite(undefined);
  const client = pgliteSqlClient(db, { closeDb: false });
  try {
    const embedder = makeLocalEmbedder();
    await migrate(client, await readMigrations(MIGRATIONS_DIR));
    const library = await loadLibraryFile();
    await seedLibrary(client, library.ingredients, embedder);
    const next = seededRandom(7);
    const names = scanNames(library.ingredients, next);
    const vectors = (await embedder.embed(names)).map(vectorLiteral);
    const categories = [...new Set(library.ingredients.map((entry) => entry.category))];
    const indexDef = (
      await db.query<{ indexdef: string }>(
        `select indexdef from pg_indexes where indexname = 'ingredients_library_embedding_hnsw_idx'`,
      )
    ).rows[0]?.indexdef;
    if (indexDef === undefined) throw new Error('the HNSW index of the migrations is missing');

    const logger = testRuntime().logger;
    const data = assembleDataRuntime({ store: makePgliteStore(db), embedder }, logger);
    const scanText = `Ingredients: ${names.join(', ')}.`;
    const absentNames = (
      JSON.parse(
        readFileSync(path.join(repoRoot, 'tests/fixtures/labels/absent-ingredients.json'), 'utf8'),
      ) as {
        names: string[];
      }
    ).names.slice(0, 30);
    const results: SizeResult[] = [];
    const used = new Set<string>();

    for (const size of sizes) {
      const count = async () =>
        Number(
          (await db.query<{ n: number }>('select count(*)::int as n from ingredients_library')).rows[0]?.n,
        );
      let rows = await count();
      const insertStarted = performance.now();
      let indexSeconds = 0;
      if (rows < size) {
        await db.exec('drop index ingredients_library_embedding_hnsw_idx');
        while (rows < size) {
          const batch = Math.min(500, size - rows);
          const fresh: string[] = [];
          while (fresh.length < batch) {
            const name = `${pick(PREFIXES, next)} ${pick(MIDDLES, next)} ${pick(SUFFIXES, next)}`;
            if (!used.has(name)) {
              used.add(name);
              fresh.push(name);
            }
          }
          await db.query(
            `insert into ingredients_library
               (name, aliases, category, risk_level, description, sources, embedding, embedding_model, content_hash)
             select n, '{}', c, 'low', 'Synthetic row for the matching benchmark.', '[]', e::vector, $4, 'synthetic'
             from unnest($1::text[], $2::text[], $3::text[]) as t(n, c, e)
             on conflict do nothing`,
            [
              fresh,
              fresh.map(() => pick(categories, next)),
              fresh.map(() => vectorLiteral(randomUnitVector(next))),
              embedder.model,
            ],
          );
          rows = await count();
        }
        const indexStarted = performance.now();
        await db.exec(indexDef);
        await db.exec('analyze ingredients_library');
        indexSeconds = (performance.now() - indexStarted) / 1000;
      }
      const insertSeconds = (performance.now() - insertStarted) / 1000 - indexSeconds;

      const match = () =>
        db.query<{ method: string }>('select * from match_ingredients($1, $2, $3, $4, $5)', [
          names,
          vectors,
          embedder.model,
          MIN_FUZZY_SIMILARITY,
          embedder.minSemanticSimilarity,
        ]);
      // Warm-up: the first call plans the function and reads the indexes.
      const first = await match();
      await data.scanLabel({ source: 'text', text: scanText });
      const methods: Record<string, number> = {};
      for (const row of first.rows) methods[row.method] = (methods[row.method] ?? 0) + 1;

      const sql = new Map<string, number[]>(EF_SEARCH_VALUES.map((ef) => [efKey(ef), []]));
      const endToEnd: number[] = [];
      for (let run = 0; run < runs; run++) {
        for (const ef of EF_SEARCH_VALUES) {
          await db.exec(ef === null ? 'reset hnsw.ef_search' : `set hnsw.ef_search = ${ef}`);
          const started = performance.now();
          await match();
          sql.get(efKey(ef))?.push(performance.now() - started);
        }
        await db.exec('reset hnsw.ef_search');
        const started = performance.now();
        await data.scanLabel({ source: 'text', text: scanText });
        endToEnd.push(performance.now() - started);
      }
      const lexicalSql = async (queryNames: readonly string[]) => {
        const call = () =>
          db.query('select * from match_ingredients($1, null, null, $2, $3)', [
            queryNames,
            MIN_FUZZY_SIMILARITY,
            embedder.minSemanticSimilarity,
          ]);
        await call();
        const samples: number[] = [];
        for (let run = 0; run < runs; run++) {
          const started = performance.now();
          await call();
          samples.push(performance.now() - started);
        }
        return spread(samples);
      };
      const worstCaseMs = {
        absent: await lexicalSql(absentNames),
        shortMisspelt: await lexicalSql(SHORT_MISSPELT),
      };
      results.push({
        rows,
        worstCaseMs,
        insertSeconds: Math.round(insertSeconds * 10) / 10,
        indexSeconds: Math.round(indexSeconds * 10) / 10,
        sqlMs: Object.fromEntries([...sql].map(([key, samples]) => [key, spread(samples)])),
        endToEndMs: spread(endToEnd),
        methods,
      });
    }
    return { names, runs, sizes: results };
  } finally {
    await db.close();
  }
}
