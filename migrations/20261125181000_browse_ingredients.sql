set local search_path = public, extensions;

-- The browse API (GET /api/ingredients, GET /api/ingredients/{id}) reads the library through these two
-- functions, so the embedded database and Supabase (`.rpc(...)`) run the same SQL. Both return jsonb:
-- one round trip gives the page and the total, even for a page past the end.

-- A page of the library, filtered by risk level, category and a search text matched against the name
-- and the aliases (normalised: case, accents and punctuation ignored), ordered by name.
create or replace function list_ingredients(
  p_risk_level text default null,
  p_category text default null,
  p_q text default null,
  p_limit integer default 20,
  p_offset integer default 0
)
returns jsonb
language sql
stable
security invoker
set search_path = public, extensions
as $$
  with search as (
    -- lotus_normalize leaves only [a-z0-9 ], so the pattern holds no LIKE wildcard the caller chose.
    select nullif(lotus_normalize(p_q), '') as norm
  ),
  filtered as (
    select l.*
    from ingredients_library l, search s
    where (p_risk_level is null or l.risk_level = p_risk_level)
      and (p_category is null or l.category = p_category)
      and (
        s.norm is null
        or l.name_norm like '%' || s.norm || '%'
        or exists (select 1 from unnest(l.aliases_norm) a where a like '%' || s.norm || '%')
      )
  ),
  page as (
    select id, name, aliases, category, risk_level, description, sources
    from filtered
    order by name, id
    limit greatest(least(p_limit, 100), 1)
    offset greatest(p_offset, 0)
  )
  select jsonb_build_object(
    'items', coalesce((select jsonb_agg(to_jsonb(p) order by p.name, p.id) from page p), '[]'::jsonb),
    'total', (select count(*) from filtered)
  )
$$;

-- One entry, or null.
create or replace function get_ingredient(p_id bigint)
returns jsonb
language sql
stable
security invoker
set search_path = public, extensions
as $$
  select to_jsonb(t)
  from (
    select id, name, aliases, category, risk_level, description, sources
    from ingredients_library
    where id = p_id
  ) t
$$;

grant execute on function list_ingredients(text, text, text, integer, integer) to anon, authenticated, service_role;
grant execute on function get_ingredient(bigint) to anon, authenticated, service_role;
