-- 0003 What the writer wrote: one row per entry version written out, naming the external
-- record it created.
--
-- Two questions rest on it: "did we already write this version?" (a retry after a crash
-- between the external write and our commit must not write a second record) and "is this
-- record ours?" (QuickBooks fires a webhook for the TimeActivity we created: skip the echo).
-- Same fences as 0001: tenant_id NOT NULL, keys that include the tenant, a composite foreign
-- key to the tenant's own inbox item, RLS enabled and forced, invoker-rights functions with an
-- empty search_path. The worker may read and add rows, never change or delete them.

create table timebill.writes (
    tenant_id text not null,
    item_id uuid not null,
    entry_version text not null
        constraint entry_version_length check (length(entry_version) between 1 and 300),
    system text not null constraint system_format check (system ~ '^[a-z][a-z0-9_]{0,29}$'),
    record_id text not null
        constraint record_id_length check (length(record_id) between 1 and 300),
    written_at timestamptz not null,
    -- One write per entry version of an item ...
    constraint writes_pkey primary key (tenant_id, item_id, entry_version),
    -- ... and one write per external record: what own_record looks up.
    constraint writes_record unique (tenant_id, system, record_id),
    constraint writes_item foreign key (tenant_id, item_id)
        references timebill.inbox (tenant_id, id)
);

alter table timebill.writes enable row level security;
alter table timebill.writes force row level security;
create policy tenant_isolation on timebill.writes as permissive for all
    to timebill_worker
    using (tenant_id = (select timebill.current_tenant()))
    with check (tenant_id = (select timebill.current_tenant()));

revoke all on timebill.writes from public, anon, authenticated;
grant select, insert on timebill.writes to timebill_worker;

-- Record a write, once. Answers the write kept for (tenant, item, version): the new row, or
-- the first one unchanged when the version was recorded before (also when concurrent callers
-- race: "on conflict do nothing" without a target makes every unique key an arbiter, so the
-- losers wait for the winner's commit instead of failing). No row when the tenant has no such
-- item; unique_violation (23505) when the record id belongs to another write of the tenant.
create function timebill.tb_record_write(
    p_tenant_id text,
    p_item_id uuid,
    p_entry_version text,
    p_system text,
    p_record_id text,
    p_written_at timestamptz
) returns setof timebill.writes
language plpgsql volatile security invoker
set search_path = ''
as $$
begin
    if not exists (
        select from timebill.inbox as i where i.tenant_id = p_tenant_id and i.id = p_item_id
    ) then
        return;
    end if;

    insert into timebill.writes (
        tenant_id, item_id, entry_version, system, record_id, written_at
    ) values (
        p_tenant_id, p_item_id, p_entry_version, p_system, p_record_id, p_written_at
    )
    on conflict do nothing;

    return query
        select w.* from timebill.writes as w
        where w.tenant_id = p_tenant_id and w.item_id = p_item_id
            and w.entry_version = p_entry_version;
    if not found then
        raise exception 'record already recorded for another write'
            using errcode = 'unique_violation', constraint = 'writes_record';
    end if;
end
$$;

-- The write recorded for one entry version of an item, if any.
create function timebill.tb_write_for(
    p_tenant_id text,
    p_item_id uuid,
    p_entry_version text
) returns setof timebill.writes
language sql stable security invoker
set search_path = ''
as $$
    select w.* from timebill.writes as w
    where w.tenant_id = p_tenant_id and w.item_id = p_item_id
        and w.entry_version = p_entry_version
$$;

-- The write that created an external record, if it was ours.
create function timebill.tb_own_record(
    p_tenant_id text,
    p_system text,
    p_record_id text
) returns setof timebill.writes
language sql stable security invoker
set search_path = ''
as $$
    select w.* from timebill.writes as w
    where w.tenant_id = p_tenant_id and w.system = p_system and w.record_id = p_record_id
$$;

revoke all on function
    timebill.tb_record_write(text, uuid, text, text, text, timestamptz),
    timebill.tb_write_for(text, uuid, text),
    timebill.tb_own_record(text, text, text)
from public, anon, authenticated;

grant execute on function
    timebill.tb_record_write(text, uuid, text, text, text, timestamptz),
    timebill.tb_write_for(text, uuid, text),
    timebill.tb_own_record(text, text, text)
to timebill_worker;
