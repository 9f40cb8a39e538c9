-- 0012 The inbox at any size: counts kept as rows change, the review queue read in index
-- order, and finished items moved to an archive after the retention period.
--
-- (0011 belongs to another change; infra/apply_migrations.sh applies whatever files exist,
-- in name order, so a database without 0011 takes this one all the same.)
--
-- 1. inbox.stake / inbox.confidence: the current decision's amount and confidence, written by
--    tb_finish with the decision (backfilled here), so tb_review_queue reads inbox_queue in
--    order instead of sorting every needs_review row by a JSON field.
-- 2. inbox_counts: items per (tenant, state), kept by statement triggers in the transaction of
--    every insert, status change and delete. Each statement adds its net change per
--    (tenant, state) with one upsert, in key order, so concurrent workers serialise on those
--    rows without deadlocking on each other. tb_counts reads them (one row per tenant and
--    state) and finds each oldest received_at by one probe of inbox_oldest.
-- 3. inbox_archive: posted and skipped items, received and last changed before the cut-off,
--    moved there by tb_archive in bounded chunks (the sweep). A delivery of an archived key is
--    still a repeat: tb_accept looks in the archive first.
-- 4. Decisions, audit, writes, reviews and the entry ledger outlive their inbox row, so their
--    foreign keys to inbox become a trigger that checks the same thing on insert: the tenant's
--    own item, in the inbox or in the archive (same error code, 23503).

-- 1 ------------------------------------------------------------------------------------------
alter table timebill.inbox
    add column stake numeric not null default 0,
    add column confidence double precision not null default 0;

update timebill.inbox as i
set stake = coalesce((d.decision ->> 'amount')::numeric, 0),
    confidence = coalesce((d.decision ->> 'confidence')::double precision, 0)
from (
    select distinct on (x.tenant_id, x.item_id) x.tenant_id, x.item_id, x.decision
    from timebill.decisions as x
    order by x.tenant_id, x.item_id, x.id desc
) as d
where d.tenant_id = i.tenant_id and d.item_id = i.id;

create index inbox_queue on timebill.inbox (tenant_id, status, stake desc, confidence,
    received_at, seq);
create index inbox_oldest on timebill.inbox (tenant_id, status, received_at);
create index inbox_finished on timebill.inbox (received_at)
    where status in ('posted', 'skipped');
grant update (stake, confidence) on timebill.inbox to timebill_worker;

create or replace function timebill.tb_finish(
    p_tenant_id text,
    p_item_id uuid,
    p_status text,
    p_now timestamptz,
    p_decision jsonb,
    p_error text,
    p_next_attempt_at timestamptz
) returns boolean
language plpgsql volatile security invoker
set search_path = ''
as $$
begin
    update timebill.inbox as i
    set status = p_status::timebill.item_status,
        last_error = p_error,
        next_attempt_at = p_next_attempt_at,
        lease_until = null,
        updated_at = p_now,
        stake = case when p_decision is null then i.stake
                     else coalesce((p_decision ->> 'amount')::numeric, 0) end,
        confidence = case when p_decision is null then i.confidence
                          else coalesce((p_decision ->> 'confidence')::double precision, 0) end
    where i.tenant_id = p_tenant_id and i.id = p_item_id;
    if not found then
        return false;
    end if;

    if p_decision is not null then
        insert into timebill.decisions (
            tenant_id, item_id, entry_key, entry_version, code, stage, needs_review,
            rules_version, decision, decided_at
        ) values (
            p_tenant_id, p_item_id, p_decision ->> 'entry_key', p_decision ->> 'entry_version',
            p_decision ->> 'code', p_decision ->> 'stage',
            (p_decision ->> 'needs_review')::boolean,
            coalesce(p_decision ->> 'rules_version', ''), p_decision, p_now
        );
    end if;

    insert into timebill.audit (tenant_id, item_id, at, status, detail)
    values (
        p_tenant_id, p_item_id, p_now, p_status::timebill.item_status,
        timebill.audit_detail(p_status, p_decision, p_error)
    );
    return true;
end
$$;

create or replace function timebill.tb_review_queue(
    p_tenant_id text,
    p_limit integer,
    p_order text
) returns setof timebill.inbox_items
language plpgsql stable security invoker
set search_path = ''
as $$
begin
    if p_order = 'stake' then
        return query
            select v.* from timebill.inbox as i
            join timebill.inbox_items as v on v.tenant_id = i.tenant_id and v.id = i.id
            where i.tenant_id = p_tenant_id and i.status = 'needs_review'
            order by i.stake desc, i.confidence, i.received_at, i.seq
            limit least(greatest(p_limit, 0), 1000);
    else
        return query
            select v.* from timebill.inbox as i
            join timebill.inbox_items as v on v.tenant_id = i.tenant_id and v.id = i.id
            where i.tenant_id = p_tenant_id and i.status = 'needs_review'
            order by i.received_at, i.seq
            limit least(greatest(p_limit, 0), 1000);
    end if;
end
$$;

-- 2 ------------------------------------------------------------------------------------------
create table timebill.inbox_counts (
    tenant_id text not null references timebill.tenants (tenant_id),
    status text not null,
    n bigint not null,
    primary key (tenant_id, status)
);
insert into timebill.inbox_counts (tenant_id, status, n)
select i.tenant_id, i.status::text, count(*) from timebill.inbox as i group by 1, 2;

-- Invoker rights: a worker changes its own tenant's rows, so RLS admits its counts.
create function timebill.inbox_count_changes() returns trigger
language plpgsql volatile security invoker
set search_path = ''
as $$
begin
    if tg_op = 'INSERT' then
        insert into timebill.inbox_counts as c (tenant_id, status, n)
        select r.tenant_id, r.status::text, pg_catalog.count(*) from new_rows as r
        group by 1, 2 order by 1, 2
        on conflict (tenant_id, status) do update set n = c.n + excluded.n;
    elsif tg_op = 'DELETE' then
        insert into timebill.inbox_counts as c (tenant_id, status, n)
        select r.tenant_id, r.status::text, -pg_catalog.count(*) from old_rows as r
        group by 1, 2 order by 1, 2
        on conflict (tenant_id, status) do update set n = c.n + excluded.n;
    else
        insert into timebill.inbox_counts as c (tenant_id, status, n)
        select d.tenant_id, d.status, pg_catalog.sum(d.k) from (
            select r.tenant_id, r.status::text as status, 1 as k from new_rows as r
            union all
            select r.tenant_id, r.status::text, -1 from old_rows as r
        ) as d
        group by 1, 2 having pg_catalog.sum(d.k) <> 0 order by 1, 2
        on conflict (tenant_id, status) do update set n = c.n + excluded.n;
    end if;
    return null;
end
$$;

create trigger inbox_count_new after insert on timebill.inbox
    referencing new table as new_rows
    for each statement execute function timebill.inbox_count_changes();
create trigger inbox_count_move after update on timebill.inbox
    referencing old table as old_rows new table as new_rows
    for each statement execute function timebill.inbox_count_changes();
create trigger inbox_count_gone after delete on timebill.inbox
    referencing old table as old_rows
    for each statement execute function timebill.inbox_count_changes();

create or replace function timebill.tb_counts()
returns table (tenant_id text, status text, n bigint, oldest timestamptz)
language sql stable security definer
set search_path = ''
as $$
    select c.tenant_id, c.status, c.n, (
        select pg_catalog.min(i.received_at) from timebill.inbox as i
        where i.tenant_id = c.tenant_id and i.status = c.status
    )
    from timebill.inbox_counts as c
    where c.n > 0
    order by c.tenant_id, c.status
$$;

-- 3 ------------------------------------------------------------------------------------------
create table timebill.inbox_archive (
    tenant_id text not null references timebill.tenants (tenant_id),
    id uuid not null,
    seq bigint not null,
    source text not null,
    dedupe_key text not null,
    event_type text not null,
    entry jsonb,
    ref jsonb,
    received_at timestamptz not null,
    status timebill.item_status not null,
    attempts integer not null,
    last_error text,
    updated_at timestamptz not null,
    decision jsonb,
    archived_at timestamptz not null,
    primary key (tenant_id, id),
    constraint inbox_archive_dedupe unique (tenant_id, source, dedupe_key)
);
create index inbox_archive_recent on timebill.inbox_archive (tenant_id, received_at desc, seq desc);

-- An archived row as the inbox_items view shows an item.
create function timebill.archived_item(a timebill.inbox_archive)
returns timebill.inbox_items
language sql immutable security invoker
set search_path = ''
as $$
    select row(a.tenant_id, a.id, a.seq, a.source, a.dedupe_key, a.event_type, a.entry, a.ref,
        a.received_at, a.status, a.attempts, null, null, a.last_error, a.updated_at,
        a.decision)::timebill.inbox_items
$$;

create or replace function timebill.tb_accept(
    p_tenant_id text,
    p_source text,
    p_dedupe_key text,
    p_event_type text,
    p_entry jsonb,
    p_ref jsonb,
    p_received_at timestamptz
) returns table (created boolean, item timebill.inbox_items)
language plpgsql volatile security invoker
set search_path = ''
as $$
#variable_conflict use_column
declare
    v_id uuid;
begin
    return query
        select false, timebill.archived_item(a) from timebill.inbox_archive as a
        where a.tenant_id = p_tenant_id and a.source = p_source and a.dedupe_key = p_dedupe_key;
    if found then
        return;  -- delivered again long after it was done: still a repeat
    end if;

    insert into timebill.inbox as i (
        tenant_id, source, dedupe_key, event_type, entry, ref, received_at, status, updated_at
    ) values (
        p_tenant_id, p_source, p_dedupe_key, p_event_type, p_entry, p_ref, p_received_at,
        'received', p_received_at
    )
    on conflict (tenant_id, source, dedupe_key) do nothing
    returning i.id into v_id;

    -- Archived while this call waited on its row: refuse (the caller answers 5xx, the
    -- tracker delivers again and finds the archived row) rather than accept it twice.
    if v_id is not null and exists (
        select from timebill.inbox_archive as a
        where a.tenant_id = p_tenant_id and a.source = p_source and a.dedupe_key = p_dedupe_key
    ) then
        raise exception 'delivery archived while accepted' using errcode = '40001';
    end if;

    return query
        select v_id is not null, v
        from timebill.inbox_items as v
        where v.tenant_id = p_tenant_id and v.source = p_source
            and v.dedupe_key = p_dedupe_key;
end
$$;

-- Move up to p_limit finished items, received and last changed before p_before, to the
-- archive; returns how many. SECURITY DEFINER for the reason tb_counts is (0006): the sweeper
-- runs it and must not see finished rows; it takes bounds only and returns a count.
create function timebill.tb_archive(p_before timestamptz, p_now timestamptz, p_limit integer)
returns integer
language plpgsql volatile security definer
set search_path = ''
as $$
declare
    v_moved integer;
begin
    with old as (
        select i.tenant_id, i.id from timebill.inbox as i
        where i.status in ('posted', 'skipped')
            and i.received_at < p_before and i.updated_at < p_before
        order by i.received_at
        limit least(greatest(p_limit, 0), 5000)
        for update skip locked
    ), gone as (
        delete from timebill.inbox as i using old
        where i.tenant_id = old.tenant_id and i.id = old.id
        returning i.*
    )
    insert into timebill.inbox_archive (
        tenant_id, id, seq, source, dedupe_key, event_type, entry, ref, received_at, status,
        attempts, last_error, updated_at, decision, archived_at
    )
    select g.tenant_id, g.id, g.seq, g.source, g.dedupe_key, g.event_type, g.entry, g.ref,
        g.received_at, g.status, g.attempts, g.last_error, g.updated_at, (
            select x.decision from timebill.decisions as x
            where x.tenant_id = g.tenant_id and x.item_id = g.id
            order by x.id desc limit 1
        ), p_now
    from gone as g;
    get diagnostics v_moved = row_count;
    return v_moved;
end
$$;

-- 4 ------------------------------------------------------------------------------------------
alter table timebill.decisions drop constraint decisions_tenant_id_item_id_fkey;
alter table timebill.audit drop constraint audit_tenant_id_item_id_fkey;
alter table timebill.writes drop constraint writes_item;
alter table timebill.reviews drop constraint reviews_item;
alter table timebill.entry_ledger drop constraint ledger_item;

-- The tenant's own item, in the inbox or the archive (the superuser included: no RLS needed,
-- the tenant is in the condition). The message names no row. After the row is written, as
-- a foreign key is checked: row-level security refuses another tenant's row first.
create function timebill.own_item() returns trigger
language plpgsql stable security invoker
set search_path = ''
as $$
begin
    if new.item_id is not null
        and not exists (select from timebill.inbox as i
                        where i.tenant_id = new.tenant_id and i.id = new.item_id)
        and not exists (select from timebill.inbox_archive as a
                        where a.tenant_id = new.tenant_id and a.id = new.item_id) then
        raise exception 'not an item of this tenant' using errcode = '23503';
    end if;
    return null;
end
$$;

do $$
declare
    t text;
begin
    foreach t in array array['decisions', 'audit', 'writes', 'reviews'] loop
        execute format(
            'create trigger %I after insert on timebill.%I for each row '
            'execute function timebill.own_item()', t || '_own_item', t);
    end loop;
end
$$;
create trigger entry_ledger_own_item after insert or update of item_id on timebill.entry_ledger
    for each row execute function timebill.own_item();

-- Tenant isolation, as on every table (0001); what each role may do.
do $$
declare
    t text;
begin
    foreach t in array array['inbox_counts', 'inbox_archive'] loop
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

revoke all on timebill.inbox_counts, timebill.inbox_archive from public, anon, authenticated;
grant select, insert, update on timebill.inbox_counts to timebill_worker;
grant select on timebill.inbox_archive to timebill_worker;

revoke all on function
    timebill.inbox_count_changes(),
    timebill.archived_item(timebill.inbox_archive),
    timebill.tb_archive(timestamptz, timestamptz, integer),
    timebill.own_item()
from public, anon, authenticated;
grant execute on function
    timebill.inbox_count_changes(),
    timebill.archived_item(timebill.inbox_archive),
    timebill.own_item()
to timebill_worker;
grant execute on function timebill.tb_archive(timestamptz, timestamptz, integer)
to timebill_sweeper;
