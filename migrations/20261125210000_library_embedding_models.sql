set local search_path = public, extensions;

-- Which embedding model(s) the library rows were embedded with, and how many rows each. The API embeds
-- a scan's names only with the library's model: vectors of two models live in unrelated spaces, and a
-- cosine between them means nothing. Cheap (one aggregate over a small table), so readiness uses it too.
create or replace function library_embedding_models()
returns table (model text, rows bigint)
language sql
stable
security invoker
set search_path = public, extensions
as $$
  select embedding_model, count(*)
  from ingredients_library
  where embedding is not null
  group by embedding_model
  order by count(*) desc, embedding_model
$$;

grant execute on function library_embedding_models() to anon, authenticated, service_role;
