set local search_path = public, extensions;

-- The one normalisation rule for names, shared by the indexes and the matcher: accents removed,
-- lower case, every run of characters that are not letters or digits collapsed to one space.
-- "Caprylic/Capric Triglyceride" -> "caprylic capric triglyceride"; "Glycérine" -> "glycerine".
-- IMMUTABLE so that expression indexes can use it. Bodies name their schema: Postgres 17+ evaluates
-- index expressions with a search_path that holds only pg_catalog.
create or replace function lotus_normalize(value text)
returns text
language sql
immutable
strict
parallel safe
as $$
  select btrim(regexp_replace(
    lower(regexp_replace(normalize(value, NFD), '[\u0300-\u036f]', '', 'g')),
    '[^a-z0-9]+', ' ', 'g'))
$$;

create or replace function lotus_normalize_all(values_ text[])
returns text[]
language sql
immutable
strict
parallel safe
as $$
  select coalesce(array_agg(public.lotus_normalize(v) order by ord), '{}')
  from unnest(values_) with ordinality as t(v, ord)
$$;

-- The normalised name with the characters OCR confuses folded together, applied to both sides of a
-- trigram comparison: "rn"→"m", "vv"→"w", 0→o, 1→l, i→l, 5→s. "Ta1c" and "Talc" fold to the same
-- "talc"; unfolded, short names like these share too few trigrams to be found at all.
create or replace function lotus_ocr_fold(value text)
returns text
language sql
immutable
strict
parallel safe
as $$
  select translate(replace(replace(public.lotus_normalize(value), 'rn', 'm'), 'vv', 'w'), '01i5', 'olls')
$$;

-- Each text of an array, OCR-folded.
create or replace function lotus_ocr_fold_all(values_ text[])
returns text[]
language sql
immutable
strict
parallel safe
as $$
  select coalesce(array_agg(public.lotus_ocr_fold(v) order by ord), '{}')
  from unnest(values_) with ordinality as t(v, ord)
$$;

-- The numbers of a name: digit tokens ("Polysorbate 20" → 20, "C12-15" → 12 15) and runs of two or
-- more digits that lost their space ("CI77891" → 77891, "PEG-100Stearate" → 100). A lone digit inside or at the end of
-- a word ("Po1yester", "Phenoxyethano1") is OCR noise for a letter, not a number.
create or replace function lotus_numbers(value text)
returns text
language sql
immutable
strict
parallel safe
as $$
  select coalesce(string_agg(coalesce(m[1], m[2], m[3]), ' '), '')
  from regexp_matches(
    ' ' || public.lotus_normalize(value) || ' ',
    '(?: ([0-9]+)(?= )|[a-z]([0-9]{2,})(?= )| ([0-9]{2,})(?=[a-z]))',
    'g'
  ) as m
$$;

create or replace function lotus_numbers_all(values_ text[])
returns text[]
language sql
immutable
strict
parallel safe
as $$
  select coalesce(array_agg(public.lotus_numbers(v) order by ord), '{}')
  from unnest(values_) with ordinality as t(v, ord)
$$;

-- The folded aliases as one document (array_to_string() itself is only STABLE).
create or replace function lotus_alias_document(values_ text[])
returns text
language sql
immutable
strict
parallel safe
as $$
  select coalesce(string_agg(public.lotus_ocr_fold(v), ' | ' order by ord), '')
  from unnest(values_) with ordinality as t(v, ord)
$$;

create table ingredients_library (
  id bigint generated always as identity primary key,
  name text not null unique,
  aliases text[] not null default '{}',
  category text not null,
  risk_level text not null check (risk_level in ('low', 'medium', 'high')),
  description text not null,
  sources jsonb not null default '[]' check (jsonb_typeof(sources) = 'array'),
  -- text-embedding-3-small and the local n-gram embedder both produce 1536 dimensions.
  embedding vector(1536),
  -- Which model made `embedding`: queries are only compared with rows of the same model.
  embedding_model text,
  -- sha256 of the reviewed content; the seed re-embeds a row only when this or the model changes.
  content_hash text not null,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  -- Search forms, computed once on write so that matching a scan never re-normalises the library:
  name_norm text generated always as (lotus_normalize(name)) stored,
  aliases_norm text[] generated always as (lotus_normalize_all(aliases)) stored,
  name_folded text generated always as (lotus_ocr_fold(name)) stored,
  -- The name and every alias, normalised and folded (parallel arrays): what the edit distance of a
  -- misreading is measured against.
  terms_norm text[] generated always as (lotus_normalize_all(array[name] || aliases)) stored,
  terms_folded text[] generated always as (lotus_ocr_fold_all(array[name] || aliases)) stored,
  terms_numbers text[] generated always as (lotus_numbers_all(array[name] || aliases)) stored,
  -- The folded aliases as one document, so that one trigram index answers "does any alias look like
  -- this?" (a word-similarity pre-filter).
  aliases_folded text generated always as (lotus_alias_document(aliases)) stored,
  check ((embedding is null) = (embedding_model is null))
);

comment on table ingredients_library is
  'Curated ingredients of period and intimate-care products, with aliases, risk level and sources.';

-- Exact lookups on the normalised name and aliases.
create unique index ingredients_library_name_norm_key on ingredients_library (name_norm);
create index ingredients_library_aliases_norm_idx on ingredients_library using gin (aliases_norm);

-- Trigram indexes for OCR misreadings ("Polyprop ylene", "G1ycerin"), on the folded forms.
create index ingredients_library_name_trgm_idx on ingredients_library using gin (name_folded gin_trgm_ops);
create index ingredients_library_aliases_trgm_idx on ingredients_library using gin (aliases_folded gin_trgm_ops);

-- The matcher orders by cosine distance (`<=>`), so the HNSW index is built with the cosine
-- operator class; an index built for another operator would silently not be used.
create index ingredients_library_embedding_hnsw_idx
  on ingredients_library using hnsw (embedding vector_cosine_ops);

create or replace function lotus_set_updated_at()
returns trigger
language plpgsql
as $$
begin
  new.updated_at := now();
  return new;
end
$$;

create trigger ingredients_library_set_updated_at
  before update on ingredients_library
  for each row execute function lotus_set_updated_at();

-- Everyone may read the library; only the service role writes it.
alter table ingredients_library enable row level security;

create policy ingredients_library_public_read on ingredients_library
  for select to anon, authenticated, service_role
  using (true);

create policy ingredients_library_service_write on ingredients_library
  for all to service_role
  using (true)
  with check (true);

grant usage on schema public to anon, authenticated, service_role;
grant select on ingredients_library to anon, authenticated;
grant select, insert, update, delete on ingredients_library to service_role;
