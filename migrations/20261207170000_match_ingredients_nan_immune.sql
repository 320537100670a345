set local search_path = public, extensions;

-- match_ingredients, same signature and results, except that a query vector without direction never
-- makes a semantic match (issue 17). In Postgres 'NaN'::real >= 0.8 is true, and an all-zero query
-- vector has a NaN cosine distance to every row: the semantic step took that for a match with an
-- arbitrary entry ("Zzzyzx Unobtainium" -> Sucrose Cocoate, similarity NaN, on the local library). A
-- zero vector is what a faulty embeddings service or proxy answers; the OpenAI adapter now refuses one,
-- and this keeps any caller of the function safe.
-- - Query vectors of norm below 1e-6 are not searched (every embedder in use returns unit vectors).
-- - A NaN similarity fails the threshold, whatever produced it.
-- match_ingredients_with_sources calls this function by name and needs no change.

create or replace function match_ingredients(
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
-- `%` and `<%` use these thresholds as index pre-filters; the cut is min_fuzzy_similarity.
set pg_trgm.similarity_threshold = 0.4
set pg_trgm.word_similarity_threshold = 0.4
-- On a library of a few hundred rows the planner prefers scanning the table, which evaluates the
-- expensive word similarity on every row: measured 3x slower per scan than the trigram indexes.
set enable_seqscan = off
set search_path = public, extensions
as $$
  with queries as materialized (
    select q.ord::integer as query_index, q.name as query_name, n.norm
    from unnest(query_names) with ordinality as q(name, ord)
    cross join lateral (select lotus_normalize(q.name) as norm) n
    where n.norm <> ''
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
  -- Names the index lookups left unmatched: only these pay for the fuzzy and vector searches.
  -- The folded form and the numbers are only needed from here on, for the few names left.
  pending as materialized (
    select q.*, lotus_ocr_fold(q.query_name) as folded, lotus_numbers(q.query_name) as numbers
    from queries q
    where not exists (select 1 from exact_hits h where h.query_index = q.query_index)
      and not exists (select 1 from alias_hits h where h.query_index = q.query_index)
  ),
  -- A misreading that folds to a term of an entry, with the same numbers, is at folded distance 0: the
  -- fuzzy step below would score it 1. An index lookup finds it without scoring trigram candidates.
  folded_hits as materialized (
    select distinct on (q.query_index) q.query_index, l.id, 1::real as similarity, 'fuzzy'::text as method
    from pending q
    join ingredients_library l on l.terms_folded @> array[q.folded]
    where exists (
      select 1
      from unnest(l.terms_folded, l.terms_numbers) as t(term_folded, term_numbers)
      where t.term_folded = q.folded and t.term_numbers = q.numbers
    )
    order by q.query_index, l.id
  ),
  unfolded as materialized (
    select p.*
    from pending p
    where not exists (select 1 from folded_hits h where h.query_index = p.query_index)
  ),
  -- Trigram indexes find the candidates; the edit distance between the OCR-folded forms decides.
  -- Trigram similarity alone cannot tell a misreading ("Glyccrin", one edit from Glycerin) from a
  -- different ingredient that shares most words ("Pentylene Glycol", three edits from Butylene
  -- Glycol). Accepted: at most (1 − min_fuzzy_similarity) of the characters changed, or a single
  -- edit in a name of five or more characters ("Nylom"); see README, Matching.
  fuzzy_hits as materialized (
    select q.query_index, f.id, f.similarity, 'fuzzy'::text as method
    from unfolded q
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
      -- The candidates as an array: one index lookup per candidate, whatever the planner guesses of their number.
      where l.id = any (array(
        -- Names: by trigrams for long queries; for short ones (a condition on the query alone, checked
        -- once per name) the names of about their length that are at most two edits away. One edit leaves
        -- a five-letter name a third of its trigrams ("Wafer"/"water"), below the pre-filter, and the few
        -- trigrams of a short query are shared by many long names ("Sodum": every Sodium and Disodium);
        -- an accepted edit changes the length by at most one (two once folded), and the bounded edit
        -- distance is cheap, so the cost follows the number of short names, not the library's size.
        select c.id from ingredients_library c where length(q.norm) > 8 and c.name_folded % q.folded
        union all
        select c.id from ingredients_library c
        where length(q.norm) <= 8
          and length(c.name_norm) between length(q.norm) - 2 and length(q.norm) + 2
          and (levenshtein_less_equal(c.name_norm, q.norm, 2) <= 2
               or levenshtein_less_equal(c.name_folded, q.folded, 2) <= 2)
        union all
        select c.id from ingredients_library c where q.folded <% c.aliases_folded
      ))
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
    from unfolded p
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
    -- A vector without direction (zero, or too small for its float32 squares) is no evidence of anything:
    -- it is not searched (this condition on v alone is checked before the lateral search). And since
    -- 'NaN'::real >= anything is true in Postgres, a NaN similarity, whatever produced it (a library
    -- row without direction, a distance pgvector could not compute), fails the threshold.
    where vector_norm(v.embedding) >= 1e-6
      and s.similarity >= min_semantic_similarity
      and s.similarity <> 'NaN'::real
  ),
  hits as (
    select * from exact_hits
    union all select * from alias_hits
    union all select * from folded_hits
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

grant execute on function match_ingredients(text[], text[], text, real, real) to anon, authenticated, service_role;
