set local search_path = public, extensions;

-- match_ingredients, same matches, less work (measured with bench/matching.ts, 30 names, 229 rows:
-- 54.5 -> 28.6 ms SQL; 10,000 rows: 263 -> 210 ms):
-- - the query vectors arrive as pgvector literals (text[]) instead of one jsonb array: the jsonb input
--   stored every one of 30 x 1536 numbers as numeric, 17 ms per scan before the search started; a text[]
--   of literals arrives in under 4 ms. Supabase's `.rpc()` sends a JSON array of strings for a text[];
-- - the fuzzy and vector searches run only for the names the exact and alias lookups left unmatched, and
--   only those names' vectors are cast (a malformed vector for a name matched exactly is not an error:
--   it is never used).

drop function if exists match_ingredients(text[], jsonb, text, real, real);

create function match_ingredients(
  query_names text[],
  query_embeddings text[] default null,
  query_embedding_model text default null,
  min_fuzzy_similarity real default 0.85,
  min_semantic_similarity real default 0.8
)
returns table (
  query_index integer,
  query_name text,
  id bigint,
  name text,
  aliases text[],
  category text,
  risk_level text,
  description text,
  similarity real,
  method text
)
language sql
stable
security invoker
-- `%` and `<%` use these thresholds as a generous index pre-filter; the cut is min_fuzzy_similarity.
set pg_trgm.similarity_threshold = 0.25
set pg_trgm.word_similarity_threshold = 0.4
-- On a library of a few hundred rows the planner prefers scanning the table, which evaluates the
-- expensive word similarity on every row: measured 3x slower per scan than the trigram indexes.
set enable_seqscan = off
set search_path = public, extensions
as $$
  with queries as materialized (
    select q.ord::integer as query_index, q.name as query_name, lotus_normalize(q.name) as norm,
           lotus_ocr_fold(q.name) as folded, lotus_numbers(q.name) as numbers
    from unnest(query_names) with ordinality as q(name, ord)
    where lotus_normalize(q.name) <> ''
  ),
  exact_hits as (
    select distinct on (q.query_index) q.query_index, l.id, 1::real as similarity, 'exact'::text as method
    from queries q
    join ingredients_library l on l.name_norm = q.norm
    order by q.query_index, l.id
  ),
  alias_hits as (
    select distinct on (q.query_index) q.query_index, l.id, 1::real as similarity, 'alias'::text as method
    from queries q
    join ingredients_library l on l.aliases_norm @> array[q.norm]
    where not exists (select 1 from exact_hits h where h.query_index = q.query_index)
    order by q.query_index, l.id
  ),
  -- Trigram indexes find the candidates; the edit distance between the OCR-folded forms decides.
  -- Trigram similarity alone cannot tell a misreading ("Glyccrin", one edit from Glycerin) from a
  -- different ingredient that shares most words ("Pentylene Glycol", three edits from Butylene
  -- Glycol). Accepted: at most (1 − min_fuzzy_similarity) of the characters changed, or a single
  -- edit in a name of five or more characters ("Nylom"); see README, Matching.
  -- Names the index lookups left unmatched: only these pay for the fuzzy and vector searches.
  pending as materialized (
    select q.*
    from queries q
    where not exists (select 1 from exact_hits h where h.query_index = q.query_index)
      and not exists (select 1 from alias_hits h where h.query_index = q.query_index)
  ),
  fuzzy_hits as materialized (
    select q.query_index, f.id, f.similarity, 'fuzzy'::text as method
    from pending q
    cross join lateral (
      select l.id, best.similarity, best.distance
      from ingredients_library l
      cross join lateral (
        select (1 - e.distance::real / e.longest)::real as similarity, e.distance
        from (
          -- Folding helps when OCR confused characters ("Ta1c") and hurts when a dropped letter made
          -- an "rn" ("Citrnellol"), so the closer of the plain and the folded comparison counts.
          select least(levenshtein(t.term_norm, q.norm), levenshtein(t.term_folded, q.folded)) as distance,
                 greatest(length(t.term_norm), length(q.norm)) as longest
          from unnest(l.terms_norm, l.terms_folded, l.terms_numbers) as t(term_norm, term_folded, term_numbers)
          -- Numbers name different ingredients (Polysorbate 20 vs 60, Ceteareth-20 vs -25): a
          -- misreading may change letters, never the numbers. levenshtein() refuses strings over 255
          -- characters; no ingredient name is that long.
          where t.term_numbers = q.numbers
            and length(t.term_norm) <= 255 and length(q.norm) between 1 and 255
        ) e
        order by e.distance::real / e.longest
        limit 1
      ) best
      where l.name_folded % q.folded
         or q.folded <% l.aliases_folded
      order by best.similarity desc, l.id
      limit 1
    ) f
    where (f.similarity >= min_fuzzy_similarity or (f.distance = 1 and length(q.norm) >= 5))
  ),
  -- Their vectors: the pgvector literal at the query's position, cast once per name in this
  -- materialized step, never inside the lateral join below (there it would be evaluated per candidate row,
  -- measured 200x slower).
  unmatched_vectors as materialized (
    select p.query_index, query_embeddings[p.query_index]::vector(1536) as embedding
    from pending p
    where query_embedding_model is not null
      and query_embeddings[p.query_index] is not null
      and not exists (select 1 from fuzzy_hits h where h.query_index = p.query_index)
  ),
  semantic_hits as (
    select v.query_index, s.id, s.similarity, 'semantic'::text as method
    from unmatched_vectors v
    cross join lateral (
      select l.id, (1 - (l.embedding <=> v.embedding))::real as similarity
      from ingredients_library l
      where l.embedding_model = query_embedding_model
      order by l.embedding <=> v.embedding
      limit 1
    ) s
    where s.similarity >= min_semantic_similarity
  ),
  hits as (
    select * from exact_hits
    union all select * from alias_hits
    union all select * from fuzzy_hits
    union all select * from semantic_hits
  )
  select h.query_index, q.query_name, l.id, l.name, l.aliases, l.category, l.risk_level, l.description,
         h.similarity, h.method
  from hits h
  join queries q on q.query_index = h.query_index
  join ingredients_library l on l.id = h.id
  order by h.query_index
$$;

comment on function match_ingredients(text[], text[], text, real, real) is
  'Best library match per query name (exact, alias, trigram, then vector), for a whole scan in one call.';

grant execute on function match_ingredients(text[], text[], text, real, real) to anon, authenticated, service_role;
