-- 0000 Supabase shim: what a Supabase project already has and plain PostgreSQL 15 lacks.
--
-- On Supabase every object below exists, so each step is skipped and this file changes
-- nothing. On a plain server (CI, a developer laptop) it creates the PostgREST roles and
-- auth.jwt(), so 0001+ run unchanged on both. Nothing here is ever altered or re-granted
-- when it already exists: Supabase owns those objects.

do $$
begin
    if not exists (select from pg_roles where rolname = 'anon') then
        create role anon nologin noinherit;
    end if;
    if not exists (select from pg_roles where rolname = 'authenticated') then
        create role authenticated nologin noinherit;
    end if;
    if not exists (select from pg_roles where rolname = 'service_role') then
        -- As on Supabase: the service role bypasses RLS, which is why timebill never uses it.
        create role service_role nologin noinherit bypassrls;
    end if;
    if not exists (select from pg_roles where rolname = 'authenticator') then
        -- PostgREST's login role: it can only become the roles granted to it (SET ROLE).
        create role authenticator login noinherit;
        grant anon, authenticated, service_role to authenticator;
    end if;
end
$$;

create schema if not exists auth;

do $$
begin
    -- A catalog look-up, not to_regprocedure(): that one needs USAGE on Supabase's auth schema.
    if not exists (
        select from pg_proc as p join pg_namespace as n on n.oid = p.pronamespace
        where n.nspname = 'auth' and p.proname = 'jwt' and p.pronargs = 0
    ) then
        -- Same body as Supabase's: the claims PostgREST put in the transaction settings.
        create function auth.jwt() returns jsonb
        language sql stable
        set search_path = ''
        as $f$
            select coalesce(
                nullif(pg_catalog.current_setting('request.jwt.claim', true), ''),
                nullif(pg_catalog.current_setting('request.jwt.claims', true), '')
            )::jsonb
        $f$;
    end if;
end
$$;
