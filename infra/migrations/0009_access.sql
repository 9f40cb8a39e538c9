-- 0009 Access: which tenant connected each QuickBooks company (one Intuit app has one webhook
-- URL for every company connected to it, so each event is routed by its realm), single-use
-- sign-in tokens, and review sessions the service checks on every action (sign-out and a
-- disabled reviewer end them at once). 0008 is reserved for the write-identity migration.
-- Same fences as 0001 and 0004: tenant_id NOT NULL, RLS enabled and forced, invoker-rights
-- functions with an empty search_path, nothing for anon or authenticated. One exception,
-- tb_tenant_for_realm, explained where it is defined.

create table timebill.qbo_realms (
    realm_id text not null
        constraint realm_id_format check (realm_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    tenant_id text not null references timebill.tenants (tenant_id),
    linked_at timestamptz not null,
    constraint qbo_realms_pkey primary key (realm_id)
);
create index qbo_realms_by_tenant on timebill.qbo_realms (tenant_id);

alter table timebill.reviewers add column token_used_at timestamptz;

create table timebill.review_sessions (
    tenant_id text not null references timebill.tenants (tenant_id),
    id text not null constraint session_id_format check (id ~ '^[A-Za-z0-9_-]{16,64}$'),
    reviewer text not null constraint session_reviewer_length
        check (length(reviewer) between 1 and 200),
    via text not null constraint session_via check (via in ('token', 'supabase')),
    created_at timestamptz not null,
    expires_at timestamptz not null,
    ended_at timestamptz,
    constraint review_sessions_pkey primary key (tenant_id, id)
);

do $$
declare
    t text;
begin
    foreach t in array array['qbo_realms', 'review_sessions'] loop
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

revoke all on timebill.qbo_realms, timebill.review_sessions from public, anon, authenticated;
grant select, insert on timebill.qbo_realms to timebill_worker;
grant select, insert on timebill.review_sessions to timebill_worker;
grant update (ended_at) on timebill.review_sessions to timebill_worker;
grant update (token_used_at) on timebill.reviewers to timebill_worker;

-- A new token for a reviewer is unused again (replaces 0004's function, same signature).
create or replace function timebill.tb_put_reviewer(
    p_tenant_id text,
    p_name text,
    p_token_hash text,
    p_created_at timestamptz,
    p_disabled boolean
) returns boolean
language sql volatile security invoker
set search_path = ''
as $$
    insert into timebill.reviewers as r (tenant_id, name, token_hash, created_at, disabled)
    values (p_tenant_id, p_name, p_token_hash, p_created_at, p_disabled)
    on conflict (tenant_id, name) do update
    set token_hash = excluded.token_hash, created_at = excluded.created_at,
        disabled = excluded.disabled, token_used_at = null
    returning true
$$;

-- Use a sign-in token up: one conditional update, so two concurrent redemptions give one row.
create function timebill.tb_redeem_token(
    p_tenant_id text,
    p_token_hash text,
    p_now timestamptz,
    p_issued_after timestamptz
) returns setof timebill.reviewers
language sql volatile security invoker
set search_path = ''
as $$
    update timebill.reviewers as r
    set token_used_at = p_now
    where r.tenant_id = p_tenant_id and r.token_hash = p_token_hash and not r.disabled
      and r.token_used_at is null and r.created_at > p_issued_after
    returning r.*
$$;

create function timebill.tb_disable_reviewer(p_tenant_id text, p_name text)
returns boolean
language sql volatile security invoker
set search_path = ''
as $$
    update timebill.reviewers as r set disabled = true
    where r.tenant_id = p_tenant_id and r.name = p_name
    returning true
$$;

create function timebill.tb_start_session(
    p_tenant_id text,
    p_id text,
    p_reviewer text,
    p_via text,
    p_created_at timestamptz,
    p_expires_at timestamptz
) returns boolean
language sql volatile security invoker
set search_path = ''
as $$
    insert into timebill.review_sessions (tenant_id, id, reviewer, via, created_at, expires_at)
    values (p_tenant_id, p_id, p_reviewer, p_via, p_created_at, p_expires_at)
    returning true
$$;

create function timebill.tb_session_active(p_tenant_id text, p_id text, p_now timestamptz)
returns boolean
language sql stable security invoker
set search_path = ''
as $$
    select exists (
        select from timebill.review_sessions as s
        left join timebill.reviewers as r on r.tenant_id = s.tenant_id and r.name = s.reviewer
        where s.tenant_id = p_tenant_id and s.id = p_id and s.ended_at is null
          and s.expires_at > p_now and (s.via <> 'token' or coalesce(not r.disabled, false))
    )
$$;

create function timebill.tb_end_session(p_tenant_id text, p_id text, p_now timestamptz)
returns boolean
language sql volatile security invoker
set search_path = ''
as $$
    update timebill.review_sessions as s set ended_at = p_now
    where s.tenant_id = p_tenant_id and s.id = p_id and s.ended_at is null;
    select true
$$;

-- Link a realm to the caller's tenant; the tenant that already holds it, or null when the
-- caller's tenant has no row. Another tenant's row is invisible under RLS, but the primary key
-- still refuses the insert (23505), which the adapter reports as a conflict.
create function timebill.tb_link_realm(p_tenant_id text, p_realm_id text, p_now timestamptz)
returns text
language plpgsql volatile security invoker
set search_path = ''
as $$
begin
    if not exists (select from timebill.tenants as t where t.tenant_id = p_tenant_id) then
        return null;
    end if;
    insert into timebill.qbo_realms (realm_id, tenant_id, linked_at)
    values (p_realm_id, p_tenant_id, p_now)
    on conflict (realm_id) do nothing;
    if not exists (
        select from timebill.qbo_realms as q
        where q.realm_id = p_realm_id and q.tenant_id = p_tenant_id
    ) then
        raise unique_violation using message = 'realm connected to another tenant';
    end if;
    return p_tenant_id;
end
$$;

-- Which tenant connected a realm: how the one QuickBooks webhook URL routes each event.
-- Why SECURITY DEFINER (as tb_counts in 0006): the delivery names a realm, not a tenant, so
-- the lookup runs before any tenant is known, as the sweeper role, which sees no tenant's
-- rows. The function answers one tenant id for one exact realm id (no listing, no other
-- column), has a fixed, empty search_path, and only the sweeper may execute it.
create function timebill.tb_tenant_for_realm(p_realm_id text)
returns text
language sql stable security definer
set search_path = ''
as $$
    select q.tenant_id from timebill.qbo_realms as q where q.realm_id = p_realm_id
$$;

revoke all on function
    timebill.tb_redeem_token(text, text, timestamptz, timestamptz),
    timebill.tb_disable_reviewer(text, text),
    timebill.tb_start_session(text, text, text, text, timestamptz, timestamptz),
    timebill.tb_session_active(text, text, timestamptz),
    timebill.tb_end_session(text, text, timestamptz),
    timebill.tb_link_realm(text, text, timestamptz),
    timebill.tb_tenant_for_realm(text)
from public, anon, authenticated;

grant execute on function
    timebill.tb_redeem_token(text, text, timestamptz, timestamptz),
    timebill.tb_disable_reviewer(text, text),
    timebill.tb_start_session(text, text, text, text, timestamptz, timestamptz),
    timebill.tb_session_active(text, text, timestamptz),
    timebill.tb_end_session(text, text, timestamptz),
    timebill.tb_link_realm(text, text, timestamptz)
to timebill_worker;
grant execute on function timebill.tb_tenant_for_realm(text) to timebill_sweeper;
