-- 0010 QuickBooks events for companies no tenant connected yet. An Intuit app has one webhook
-- URL for every company connected to it, so events can arrive before `timebill qbo connect`
-- links a company (realm) to a tenant. They are kept here, deduplicated (Intuit retries) and
-- bounded (per realm: the last 30 days, at most 500; app/domain/unrouted.py), until the tenant
-- that connects the company takes them up into its inbox, which removes them.
-- Not tenant data: there is no tenant_id, and no tenant may see or change a row. RLS is
-- enabled and forced; the only policy is for timebill_sweeper, the role the app-level
-- QuickBooks route and `qbo connect`'s take-up run as (no tenant is known to them); the
-- sweeper gets select, insert and delete, timebill_worker (a tenant's JWT) and the client roles
-- nothing. Functions are invoker-rights with an empty search_path, as in 0001.

create table timebill.qbo_unrouted (
    realm_id text not null
        constraint unrouted_realm_format check (realm_id ~ '^[A-Za-z0-9_-]{1,64}$'),
    dedupe_key text not null
        constraint unrouted_key_length check (length(dedupe_key) between 1 and 300),
    body text not null constraint unrouted_body_length check (length(body) between 2 and 16384),
    received_at timestamptz not null,
    constraint qbo_unrouted_pkey primary key (realm_id, dedupe_key)
);
create index qbo_unrouted_age on timebill.qbo_unrouted (realm_id, received_at);

alter table timebill.qbo_unrouted enable row level security;
alter table timebill.qbo_unrouted force row level security;
create policy app_level on timebill.qbo_unrouted as permissive for all
    to timebill_sweeper using (true) with check (true);

revoke all on timebill.qbo_unrouted from public, anon, authenticated, timebill_worker;
grant select, insert, delete on timebill.qbo_unrouted to timebill_sweeper;

-- Keep one event (true when new, false for a retry already kept), then prune its realm to the
-- bound, in one transaction: committed before the webhook answers 200.
create function timebill.tb_keep_unrouted(
    p_realm_id text,
    p_dedupe_key text,
    p_body text,
    p_received_at timestamptz
) returns boolean
language plpgsql volatile security invoker
set search_path = ''
as $$
declare
    kept boolean;
begin
    insert into timebill.qbo_unrouted (realm_id, dedupe_key, body, received_at)
    values (p_realm_id, p_dedupe_key, p_body, p_received_at)
    on conflict (realm_id, dedupe_key) do nothing
    returning true into kept;
    delete from timebill.qbo_unrouted as u
    where u.realm_id = p_realm_id and u.received_at < p_received_at - interval '30 days';
    delete from timebill.qbo_unrouted as u
    where u.realm_id = p_realm_id and u.dedupe_key not in (
        select n.dedupe_key from timebill.qbo_unrouted as n where n.realm_id = p_realm_id
        order by n.received_at desc, n.dedupe_key desc limit 500
    );
    return coalesce(kept, false);
end
$$;

create function timebill.tb_drop_unrouted(p_realm_id text, p_dedupe_keys text[])
returns integer
language sql volatile security invoker
set search_path = ''
as $$
    with gone as (
        delete from timebill.qbo_unrouted as u
        where u.realm_id = p_realm_id and u.dedupe_key = any (p_dedupe_keys)
        returning 1
    )
    select pg_catalog.count(*)::integer from gone
$$;

create function timebill.tb_unrouted_realms()
returns table (realm text, events bigint, first_seen timestamptz, last_seen timestamptz)
language sql stable security invoker
set search_path = ''
as $$
    select u.realm_id, pg_catalog.count(*), pg_catalog.min(u.received_at),
           pg_catalog.max(u.received_at)
    from timebill.qbo_unrouted as u
    group by u.realm_id
    order by u.realm_id
$$;

revoke all on function
    timebill.tb_keep_unrouted(text, text, text, timestamptz),
    timebill.tb_drop_unrouted(text, text[]),
    timebill.tb_unrouted_realms()
from public, anon, authenticated, timebill_worker;

grant execute on function
    timebill.tb_keep_unrouted(text, text, text, timestamptz),
    timebill.tb_drop_unrouted(text, text[]),
    timebill.tb_unrouted_realms()
to timebill_sweeper;
