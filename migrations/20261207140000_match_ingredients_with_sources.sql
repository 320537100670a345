set local search_path = public, extensions;

-- The scan report shows why an ingredient has its risk level: each match carries the entry's sources
-- (contract v1.1). match_ingredients keeps its columns (the matching bench measures it alone); this
-- function is what the stores call, one request per scan as before.
create function match_ingredients_with_sources(
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
  sources jsonb,
  similarity real,
  method text
)
language sql
stable
security invoker
set search_path = public, extensions
as $$
  select m.query_index, m.query_name, m.id, m.name, m.aliases, m.category, m.risk_level, m.description,
         l.sources, m.similarity, m.method
  from match_ingredients(query_names, query_embeddings, query_embedding_model, min_fuzzy_similarity,
                         min_semantic_similarity) m
  join ingredients_library l on l.id = m.id
  order by m.query_index
$$;

grant execute on function match_ingredients_with_sources(text[], text[], text, real, real)
  to anon, authenticated, service_role;
