-- 0008 One entry, one external record for its whole life; people's actions as compare-and-set.
--
-- entry_ledger: per (tenant, writer system, source entry) the records written for the entry (one
-- per part) and the content hash they hold, the content hash and inbox item of the version last
-- taken up (written, or waiting for a person) with when that item arrived (so an older
-- delivery processed late never overwrites a newer one), whether the entry was deleted
-- at the source, the generation its creates use, and a short lease (holder, lease_until) so two
-- workers, or a worker and a reviewer, never write one entry at once (app/domain/ledger.py).
-- The worker may read, add and update rows, never delete them.
-- tb_claim_review: keep a person's review only if the item is still waiting for review in the
-- state they saw (its last audit line), under the item's row lock, so of two simultaneous
-- approvals exactly one is kept; the other learns who decided and when.
-- tb_supersede: an item still waiting for review whose entry has a newer version -> skipped.
-- Same fences as 0001-0004: tenant_id NOT NULL, keys that include the tenant, RLS enabled and
-- forced, invoker-rights functions with an empty search_path, nothing for anon or authenticated.

create table timebill.entry_ledger (
    tenant_id text not null references timebill.tenants (tenant_id),
    system text not null constraint ledger_system_format check (system ~ '^[a-z][a-z0-9_]{0,29}$'),
    entry_key text not null
        constraint ledger_entry_key_length check (length(entry_key) between 1 and 300),
    records jsonb not null default '[]'
        constraint ledger_records_is_a_list check (jsonb_typeof(records) = 'array'),
    content text not null default ''
        constraint ledger_content_length check (length(content) <= 100),
    written text not null default ''
        constraint ledger_written_length check (length(written) <= 100),
    deleted boolean not null default false,
    generation integer not null default 0 constraint ledger_generation check (generation >= 0),
    item_id uuid,
    review_id text,
    as_of timestamptz,
    item_seq bigint not null default 0 constraint ledger_item_seq check (item_seq >= 0),
    holder text constraint ledger_holder_length check (length(holder) <= 100),
    lease_until timestamptz,
    updated_at timestamptz not null,
    constraint entry_ledger_pkey primary key (tenant_id, system, entry_key),
    constraint ledger_item foreign key (tenant_id, item_id)
        references timebill.inbox (tenant_id, id)
);

alter table timebill.entry_ledger enable row level security;
alter table timebill.entry_ledger force row level security;
create policy tenant_isolation on timebill.entry_ledger as permissive for all
    to timebill_worker
    using (tenant_id = (select timebill.current_tenant()))
    with check (tenant_id = (select timebill.current_tenant()));

revoke all on timebill.entry_ledger from public, anon, authenticated;
grant select, insert on timebill.entry_ledger to timebill_worker;
grant update (records, content, written, deleted, generation, item_id, review_id, as_of,
              item_seq, holder, lease_until, updated_at) on timebill.entry_ledger to timebill_worker;

-- Take the entry's lease for p_holder (creating an empty row first): the row, or none while
-- another holder's lease is live. Concurrent callers serialise on the row lock and re-check
-- the condition, so exactly one gets it.
create function timebill.tb_lock_entry(
    p_tenant_id text,
    p_system text,
    p_entry_key text,
    p_holder text,
    p_now timestamptz,
    p_lease_s double precision
) returns setof timebill.entry_ledger
language plpgsql volatile security invoker
set search_path = ''
as $$
begin
    if p_lease_s is null or p_lease_s <= 0 or coalesce(p_holder, '') = '' then
        raise exception 'a lock needs a holder and a positive lease' using errcode = '22023';
    end if;
    insert into timebill.entry_ledger (tenant_id, system, entry_key, updated_at)
    values (p_tenant_id, p_system, p_entry_key, p_now)
    on conflict do nothing;

    return query
        with taken as (
            update timebill.entry_ledger as l
            set holder = p_holder,
                lease_until = p_now + pg_catalog.make_interval(secs => p_lease_s)
            where l.tenant_id = p_tenant_id and l.system = p_system
                and l.entry_key = p_entry_key
                and (l.holder is null or l.holder = p_holder
                     or coalesce(l.lease_until <= p_now, true))
            returning l.*
        )
        select t.* from taken as t;
end
$$;

-- Store the ledger and release the lease, if p_holder still holds it: true, else false.
create function timebill.tb_save_entry(
    p_tenant_id text,
    p_system text,
    p_entry_key text,
    p_holder text,
    p_records jsonb,
    p_content text,
    p_written text,
    p_deleted boolean,
    p_generation integer,
    p_item_id uuid,
    p_review_id text,
    p_as_of timestamptz,
    p_item_seq bigint,
    p_now timestamptz
) returns boolean
language sql volatile security invoker
set search_path = ''
as $$
    with saved as (
        update timebill.entry_ledger as l
        set records = p_records, content = p_content, written = p_written, deleted = p_deleted,
            generation = p_generation, item_id = p_item_id, review_id = p_review_id,
            as_of = p_as_of, item_seq = p_item_seq, updated_at = p_now, holder = null,
            lease_until = null
        where l.tenant_id = p_tenant_id and l.system = p_system and l.entry_key = p_entry_key
            and l.holder = p_holder
        returning 1
    )
    select exists (select from saved)
$$;

-- Release p_holder's lease without changing the ledger.
create function timebill.tb_unlock_entry(
    p_tenant_id text,
    p_system text,
    p_entry_key text,
    p_holder text
) returns boolean
language sql volatile security invoker
set search_path = ''
as $$
    with released as (
        update timebill.entry_ledger as l
        set holder = null, lease_until = null
        where l.tenant_id = p_tenant_id and l.system = p_system and l.entry_key = p_entry_key
            and l.holder = p_holder
        returning 1
    )
    select exists (select from released)
$$;

-- Keep a person's review if the item is still needs_review in state p_seen (its last audit
-- line id), as tb_record_review does. Answers {"claimed": true, "review": row} or
-- {"claimed": false, "status", "by", "by_at", "changed_at", "detail"}; null when the tenant has
-- no such item. The same review id again answers the first review.
create function timebill.tb_claim_review(
    p_tenant_id text,
    p_id text,
    p_item_id uuid,
    p_reviewer text,
    p_at timestamptz,
    p_action text,
    p_before jsonb,
    p_after jsonb,
    p_why text,
    p_client_id text,
    p_description text,
    p_pattern text,
    p_detail text,
    p_seen bigint
) returns jsonb
language plpgsql volatile security invoker
set search_path = ''
as $$
declare
    v_status timebill.item_status;
    v_state bigint;
    v_kept timebill.reviews;
    v_last timebill.reviews;
    v_event timebill.audit;
begin
    -- The row lock makes simultaneous claims on one item take turns.
    select i.status into v_status from timebill.inbox as i
    where i.tenant_id = p_tenant_id and i.id = p_item_id
    for update;
    if not found then
        return null;
    end if;

    select r.* into v_kept from timebill.reviews as r
    where r.tenant_id = p_tenant_id and r.id = p_id;
    if found then
        return pg_catalog.jsonb_build_object('claimed', true, 'review', pg_catalog.to_jsonb(v_kept));
    end if;

    select coalesce(max(a.id), 0) into v_state from timebill.audit as a
    where a.tenant_id = p_tenant_id and a.item_id = p_item_id;
    if v_status <> 'needs_review' or v_state <> p_seen then
        select r.* into v_last from timebill.reviews as r
        where r.tenant_id = p_tenant_id and r.item_id = p_item_id
        order by r.seq desc limit 1;
        select a.* into v_event from timebill.audit as a
        where a.tenant_id = p_tenant_id and a.item_id = p_item_id
        order by a.id desc limit 1;
        return pg_catalog.jsonb_build_object(
            'claimed', false, 'status', v_status, 'by', v_last.reviewer, 'by_at', v_last.at,
            'changed_at', v_event.at, 'detail', coalesce(v_event.detail, '')
        );
    end if;

    insert into timebill.reviews (
        tenant_id, id, item_id, reviewer, at, action, before, after, why, client_id,
        description, pattern
    ) values (
        p_tenant_id, p_id, p_item_id, p_reviewer, p_at, p_action, p_before, p_after,
        coalesce(p_why, ''), p_client_id, coalesce(p_description, ''), coalesce(p_pattern, '')
    )
    returning * into v_kept;

    insert into timebill.audit (tenant_id, item_id, at, status, detail)
    values (
        p_tenant_id, p_item_id, p_at, v_status,
        case when pg_catalog.length(p_detail) <= 300 then p_detail
             else pg_catalog.left(p_detail, 299) || '…' end
    );
    return pg_catalog.jsonb_build_object('claimed', true, 'review', pg_catalog.to_jsonb(v_kept));
end
$$;

-- The item's state as a person sees it: its last audit line id (0 for none).
create function timebill.tb_review_state(p_tenant_id text, p_item_id uuid)
returns bigint
language sql stable security invoker
set search_path = ''
as $$
    select coalesce(max(a.id), 0) from timebill.audit as a
    where a.tenant_id = p_tenant_id and a.item_id = p_item_id
$$;

-- needs_review -> skipped with p_note on the trail: true, or false when it was not waiting.
create function timebill.tb_supersede(
    p_tenant_id text,
    p_item_id uuid,
    p_now timestamptz,
    p_note text
) returns boolean
language plpgsql volatile security invoker
set search_path = ''
as $$
begin
    update timebill.inbox as i
    set status = 'skipped', last_error = p_note, next_attempt_at = null, lease_until = null,
        updated_at = p_now
    where i.tenant_id = p_tenant_id and i.id = p_item_id and i.status = 'needs_review';
    if not found then
        return false;
    end if;
    insert into timebill.audit (tenant_id, item_id, at, status, detail)
    values (
        p_tenant_id, p_item_id, p_now, 'skipped',
        case when pg_catalog.length(p_note) <= 300 then p_note
             else pg_catalog.left(p_note, 299) || '…' end
    );
    return true;
end
$$;

revoke all on function
    timebill.tb_lock_entry(text, text, text, text, timestamptz, double precision),
    timebill.tb_save_entry(
        text, text, text, text, jsonb, text, text, boolean, integer, uuid, text, timestamptz,
        bigint, timestamptz
    ),
    timebill.tb_unlock_entry(text, text, text, text),
    timebill.tb_claim_review(
        text, text, uuid, text, timestamptz, text, jsonb, jsonb, text, text, text, text, text,
        bigint
    ),
    timebill.tb_review_state(text, uuid),
    timebill.tb_supersede(text, uuid, timestamptz, text)
from public, anon, authenticated;

grant execute on function
    timebill.tb_lock_entry(text, text, text, text, timestamptz, double precision),
    timebill.tb_save_entry(
        text, text, text, text, jsonb, text, text, boolean, integer, uuid, text, timestamptz,
        bigint, timestamptz
    ),
    timebill.tb_unlock_entry(text, text, text, text),
    timebill.tb_claim_review(
        text, text, uuid, text, timestamptz, text, jsonb, jsonb, text, text, text, text, text,
        bigint
    ),
    timebill.tb_review_state(text, uuid),
    timebill.tb_supersede(text, uuid, timestamptz, text)
to timebill_worker;
