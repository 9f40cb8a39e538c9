-- 0001 timebill schema: tables, tenant isolation (RLS), roles and grants.
--
-- Isolation holds in three layers, so a bug in one does not leak a tenant's data:
--   1. RLS, enabled AND forced on every table: a row is visible and writable only when its
--      tenant_id equals the tenant_id claim of the request JWT (PostgREST puts the claims in
--      the transaction setting request.jwt.claims). No claim, no rows.
--   2. The API roles own nothing and lack BYPASSRLS, so RLS always applies to them; each has
--      only the privileges its calls need (no DELETE anywhere, audit and decisions append-only).
--   3. Constraints that hold even for a role that bypasses RLS: tenant_id NOT NULL everywhere,
--      unique keys that include tenant_id, and composite foreign keys (tenant_id, ...) so a row
--      can never point at another tenant's row.
-- The service_role key bypasses RLS: timebill never uses it at run time.

create schema if not exists timebill;
revoke all on schema timebill from public;

do $$
begin
    if not exists (select from pg_roles where rolname = 'timebill_worker') then
        -- The webhook API and worker: one tenant per request, named by the JWT.
        create role timebill_worker nologin noinherit nosuperuser nocreatedb nocreaterole
            nobypassrls;
    end if;
    if not exists (select from pg_roles where rolname = 'timebill_sweeper') then
        -- The sweep: sees which items of any tenant are pending, and none of their content.
        create role timebill_sweeper nologin noinherit nosuperuser nocreatedb nocreaterole
            nobypassrls;
    end if;
end
$$;

-- PostgREST connects as authenticator and switches to the JWT's role claim.
grant timebill_worker, timebill_sweeper to authenticator;

-- The tenant named by the request JWT, or null when there is none.
create function timebill.current_tenant() returns text
language sql stable security invoker
set search_path = ''
as $$
    select nullif(
        nullif(pg_catalog.current_setting('request.jwt.claims', true), '')::jsonb ->> 'tenant_id',
        ''
    )
$$;
revoke all on function timebill.current_tenant() from public, anon, authenticated;

create domain timebill.item_status as text
    constraint item_status_known check (value in (
        'received', 'processing', 'posted', 'needs_review',
        'retrying', 'dead_letter', 'waiting', 'skipped'
    ));

create table timebill.tenants (
    tenant_id text primary key
        constraint tenant_id_format check (tenant_id ~ '^[a-z0-9][a-z0-9_-]{1,39}$'),
    name text not null,
    -- {source: {secrets: [...], accounts: [...]}}; see infra/README.md on encrypting secrets.
    sources jsonb not null default '{}'
        constraint sources_is_object check (jsonb_typeof(sources) = 'object'),
    paused boolean not null default false,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create table timebill.rules_versions (
    tenant_id text not null references timebill.tenants (tenant_id),
    version text not null constraint version_length check (length(version) between 1 and 100),
    yaml text not null,
    approved_by text,
    approved_at timestamptz,
    created_at timestamptz not null default now(),
    primary key (tenant_id, version),
    constraint approval_complete check ((approved_by is null) = (approved_at is null))
);

create table timebill.inbox (
    tenant_id text not null references timebill.tenants (tenant_id),
    id uuid not null default gen_random_uuid(),
    seq bigint generated always as identity,  -- arrival order, to break received_at ties
    source text not null constraint source_format check (source ~ '^[a-z][a-z0-9_]{0,29}$'),
    dedupe_key text not null
        constraint dedupe_key_length check (length(dedupe_key) between 1 and 300),
    event_type text not null default '',
    entry jsonb,
    ref jsonb,
    received_at timestamptz not null,
    status timebill.item_status not null default 'received',
    attempts integer not null default 0 constraint attempts_not_negative check (attempts >= 0),
    next_attempt_at timestamptz,
    lease_until timestamptz,
    last_error text,
    updated_at timestamptz not null,
    primary key (tenant_id, id),
    constraint inbox_id_unique unique (id),
    constraint inbox_dedupe unique (tenant_id, source, dedupe_key)
);
create index inbox_recent on timebill.inbox (tenant_id, received_at desc, seq desc);
create index inbox_pending on timebill.inbox (received_at, seq)
    where status in ('received', 'retrying', 'processing');

-- Every decision ever made about an item (a replay decides again); the latest is current.
create table timebill.decisions (
    tenant_id text not null,
    id bigint generated always as identity,
    item_id uuid not null,
    entry_key text not null,
    entry_version text not null,
    code text,
    stage text not null,
    needs_review boolean not null,
    rules_version text not null default '',
    decision jsonb not null,
    decided_at timestamptz not null,
    primary key (tenant_id, id),
    foreign key (tenant_id, item_id) references timebill.inbox (tenant_id, id)
);
create index decisions_item on timebill.decisions (tenant_id, item_id, id desc);

create table timebill.audit (
    tenant_id text not null,
    id bigint generated always as identity,
    item_id uuid not null,
    at timestamptz not null,
    status timebill.item_status not null,
    detail text not null default '',
    primary key (tenant_id, id),
    foreign key (tenant_id, item_id) references timebill.inbox (tenant_id, id)
);
create index audit_item on timebill.audit (tenant_id, item_id, id);

-- An inbox item with its current decision. security_invoker: the caller's RLS applies.
create view timebill.inbox_items with (security_invoker = true) as
select
    i.tenant_id, i.id, i.seq, i.source, i.dedupe_key, i.event_type, i.entry, i.ref,
    i.received_at, i.status, i.attempts, i.next_attempt_at, i.lease_until, i.last_error,
    i.updated_at, d.decision
from timebill.inbox as i
left join lateral (
    select x.decision from timebill.decisions as x
    where x.tenant_id = i.tenant_id and x.item_id = i.id
    order by x.id desc
    limit 1
) as d on true;

-- Row-level security: enabled and forced (owners too) on every table.
do $$
declare
    t text;
begin
    foreach t in array array['tenants', 'rules_versions', 'inbox', 'decisions', 'audit'] loop
        execute format('alter table timebill.%I enable row level security', t);
        execute format('alter table timebill.%I force row level security', t);
        execute format(
            'create policy tenant_isolation on timebill.%I as permissive for all '
            'to timebill_worker '
            'using (tenant_id = (select timebill.current_tenant())) '
            'with check (tenant_id = (select timebill.current_tenant()))',
            t
        );
    end loop;
end
$$;

-- The sweep reads which items are pending, across tenants; column grants keep it from
-- reading their content.
create policy sweeper_reads_pending on timebill.inbox as permissive for select
    to timebill_sweeper
    using (status in ('received', 'retrying', 'processing'));

-- Privileges: nothing for anon/authenticated/public; the minimum for each timebill role.
revoke all on all tables in schema timebill from public, anon, authenticated;
grant usage on schema timebill to timebill_worker, timebill_sweeper;
grant execute on function timebill.current_tenant() to timebill_worker;

grant select, insert on timebill.tenants to timebill_worker;
grant update (name, sources, paused, updated_at) on timebill.tenants to timebill_worker;
grant select, insert on timebill.rules_versions to timebill_worker;
grant select, insert on timebill.inbox to timebill_worker;
grant update (status, attempts, next_attempt_at, lease_until, last_error, updated_at)
    on timebill.inbox to timebill_worker;
grant select, insert on timebill.decisions, timebill.audit to timebill_worker;
grant select on timebill.inbox_items to timebill_worker;

grant select (tenant_id, id, seq, status, received_at, next_attempt_at, lease_until)
    on timebill.inbox to timebill_sweeper;
