-- 0005 QuickBooks OAuth tokens per (tenant, realm), and the lease that serialises refreshes.
--
-- Intuit rotates refresh tokens: every refresh returns a new one and the old one soon dies, so
-- two workers (Lambdas) refreshing one realm at once can lock the company out. The lease
-- columns make a refresh single-flight across processes: tb_qbo_try_lease takes the lease in
-- one UPDATE whose WHERE requires it to be free (no holder, expired, or already ours).
-- Concurrent callers serialise on the row lock and re-check the WHERE against the winner's
-- committed row (READ COMMITTED re-evaluation), so exactly one of them gets it. A lease
-- expires, so a worker that dies mid-refresh blocks its realm for lease_s at most. Times come
-- from the caller (p_now), as in tb_claim.
-- Same fences as 0001: tenant_id NOT NULL and part of the key, a foreign key to the tenant, RLS
-- enabled and forced, invoker-rights functions with an empty search_path, grants to
-- timebill_worker only (never the sweeper, anon or authenticated), no DELETE.
-- The tokens are stored in clear text, readable by the worker role under RLS and by anyone
-- with the database owner's rights: see infra/README.md (next step: encrypt these columns).

create table timebill.qbo_tokens (
    tenant_id text not null references timebill.tenants (tenant_id),
    realm text not null constraint realm_length check (length(realm) between 1 and 64),
    refresh_token text not null
        constraint refresh_token_length check (length(refresh_token) between 1 and 4000),
    access_token text constraint access_token_length check (length(access_token) <= 8000),
    access_expires_at timestamptz,
    refresh_expires_at timestamptz,
    status text not null default 'connected'
        constraint qbo_status_known check (status in ('connected', 'reconnect_needed')),
    updated_at timestamptz,
    lease_holder text constraint lease_holder_length check (length(lease_holder) between 1 and 100),
    lease_until timestamptz,
    constraint qbo_tokens_pkey primary key (tenant_id, realm),
    constraint lease_complete check ((lease_holder is null) = (lease_until is null))
);

alter table timebill.qbo_tokens enable row level security;
alter table timebill.qbo_tokens force row level security;
create policy tenant_isolation on timebill.qbo_tokens as permissive for all
    to timebill_worker
    using (tenant_id = (select timebill.current_tenant()))
    with check (tenant_id = (select timebill.current_tenant()));

revoke all on timebill.qbo_tokens from public, anon, authenticated;
grant select, insert on timebill.qbo_tokens to timebill_worker;
grant update (refresh_token, access_token, access_expires_at, refresh_expires_at, status,
              updated_at, lease_holder, lease_until)
    on timebill.qbo_tokens to timebill_worker;

-- The tokens of one realm (no lease columns), or no row.
create function timebill.tb_qbo_get(p_tenant_id text, p_realm text)
returns table (
    tenant_id text, realm text, refresh_token text, access_token text,
    access_expires_at timestamptz, refresh_expires_at timestamptz, status text,
    updated_at timestamptz
)
language sql stable security invoker
set search_path = ''
as $$
    select t.tenant_id, t.realm, t.refresh_token, t.access_token, t.access_expires_at,
        t.refresh_expires_at, t.status, t.updated_at
    from timebill.qbo_tokens as t
    where t.tenant_id = p_tenant_id and t.realm = p_realm
$$;

-- Store the tokens of one realm (insert or replace); the lease columns are left alone.
create function timebill.tb_qbo_put(
    p_tenant_id text,
    p_realm text,
    p_refresh_token text,
    p_access_token text,
    p_access_expires_at timestamptz,
    p_refresh_expires_at timestamptz,
    p_status text,
    p_updated_at timestamptz
) returns boolean
language sql volatile security invoker
set search_path = ''
as $$
    insert into timebill.qbo_tokens as t (
        tenant_id, realm, refresh_token, access_token, access_expires_at, refresh_expires_at,
        status, updated_at
    ) values (
        p_tenant_id, p_realm, p_refresh_token, p_access_token, p_access_expires_at,
        p_refresh_expires_at, p_status, p_updated_at
    )
    on conflict (tenant_id, realm) do update
    set refresh_token = excluded.refresh_token, access_token = excluded.access_token,
        access_expires_at = excluded.access_expires_at,
        refresh_expires_at = excluded.refresh_expires_at, status = excluded.status,
        updated_at = excluded.updated_at
    returning true
$$;

-- Take the refresh lease of a realm until p_now + p_lease_s, unless another holder has an
-- unexpired one. True when p_holder now holds it. A realm without stored tokens has nothing to
-- refresh: false.
create function timebill.tb_qbo_try_lease(
    p_tenant_id text,
    p_realm text,
    p_holder text,
    p_now timestamptz,
    p_lease_s double precision
) returns boolean
language plpgsql volatile security invoker
set search_path = ''
as $$
begin
    if p_lease_s is null or p_lease_s <= 0 then
        raise exception 'lease must be positive' using errcode = '22023';
    end if;
    if p_now is null then
        raise exception 'now is required' using errcode = '22023';
    end if;
    update timebill.qbo_tokens as t
    set lease_holder = p_holder,
        lease_until = p_now + pg_catalog.make_interval(secs => p_lease_s)
    where t.tenant_id = p_tenant_id and t.realm = p_realm
        and (t.lease_until is null or t.lease_until <= p_now or t.lease_holder = p_holder);
    return found;
end
$$;

-- Give the lease back, if p_holder holds it. True when it did.
create function timebill.tb_qbo_release(p_tenant_id text, p_realm text, p_holder text)
returns boolean
language plpgsql volatile security invoker
set search_path = ''
as $$
begin
    update timebill.qbo_tokens as t
    set lease_holder = null, lease_until = null
    where t.tenant_id = p_tenant_id and t.realm = p_realm and t.lease_holder = p_holder;
    return found;
end
$$;

revoke all on function
    timebill.tb_qbo_get(text, text),
    timebill.tb_qbo_put(text, text, text, text, timestamptz, timestamptz, text, timestamptz),
    timebill.tb_qbo_try_lease(text, text, text, timestamptz, double precision),
    timebill.tb_qbo_release(text, text, text)
from public, anon, authenticated;

grant execute on function
    timebill.tb_qbo_get(text, text),
    timebill.tb_qbo_put(text, text, text, text, timestamptz, timestamptz, text, timestamptz),
    timebill.tb_qbo_try_lease(text, text, text, timestamptz, double precision),
    timebill.tb_qbo_release(text, text, text)
to timebill_worker;
