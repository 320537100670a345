-- Extensions live in their own schema, as on Supabase; every later migration and function puts
-- `extensions` on its search_path so that `vector`, `similarity()` and the trigram operators resolve.
create schema if not exists extensions;
create extension if not exists vector with schema extensions;
create extension if not exists pg_trgm with schema extensions;
create extension if not exists fuzzystrmatch with schema extensions;

-- Sessions find the extension types and operators (`vector`, `<=>`, `%`) without qualifying them, as
-- on Supabase, whose databases already have this setting. New sessions read it from the database; this
-- session gets it now.
do $$
begin
  execute format('alter database %I set search_path = "$user", public, extensions', current_database());
exception when insufficient_privilege then
  raise notice 'not allowed to set the database search_path; keeping the existing one';
end
$$;
set search_path = "$user", public, extensions;

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
