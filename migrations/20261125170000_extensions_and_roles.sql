-- Extensions live in their own schema, as on Supabase; every later migration and function puts
-- `extensions` on its search_path so that `vector`, `similarity()` and the trigram operators resolve.
create schema if not exists extensions;
create extension if not exists vector with schema extensions;
create extension if not exists pg_trgm with schema extensions;

-- Supabase already has these roles. Plain Postgres and the embedded PGlite do not, and the row-level
-- security policies name them, so create them (without login) where they are missing.
do $$
begin
  if not exists (select from pg_roles where rolname = 'anon') then
    create role anon nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'authenticated') then
    create role authenticated nologin noinherit;
  end if;
  if not exists (select from pg_roles where rolname = 'service_role') then
    create role service_role nologin noinherit bypassrls;
  end if;
end
$$;
