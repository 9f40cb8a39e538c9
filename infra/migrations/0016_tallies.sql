-- 0016 Running totals the live worker checks as entries arrive: caps (hours or amounts per code
-- and month, phase or whole SOW), hours per request, hours per person-day
-- (app/service/live_sums.py). `timebill classify` totals a whole export at once; the worker
-- sees one entry at a time, so the totals are kept here.
-- tally_parts: what each entry adds to each total, one row per (tenant, entry, total), so an
-- entry counts once whatever happens to it: a resend or a retry changes nothing, an edit
-- replaces its part, a delete sets it to zero (the worker deletes nothing, 0001's rule). tally_totals: the totals, moved by the difference
-- in the same statement, so a check costs the same at a SOW's ten-thousandth entry as at its
-- first. Writers of one total serialise on its tally_totals row (the upsert's row lock);
-- writers of one entry are already serialised by its lease (0008).
-- Same fences as 0001 and 0013: RLS enabled and forced, an invoker-rights function with an
-- empty search_path, nothing for anon or authenticated.

create table timebill.tally_parts (
    tenant_id text not null references timebill.tenants (tenant_id),
    entry_key text not null
        constraint tally_entry_key_length check (char_length(entry_key) between 1 and 300),
    key text not null constraint tally_part_key_length check (char_length(key) between 1 and 300),
    amount numeric not null,
    constraint tally_parts_pkey primary key (tenant_id, entry_key, key)
);

create table timebill.tally_totals (
    tenant_id text not null references timebill.tenants (tenant_id),
    key text not null constraint tally_total_key_length check (char_length(key) between 1 and 300),
    total numeric not null,
    constraint tally_totals_pkey primary key (tenant_id, key)
);

alter table timebill.tally_parts enable row level security;
alter table timebill.tally_parts force row level security;
create policy tenant_isolation on timebill.tally_parts as permissive for all
    to timebill_worker
    using (tenant_id = (select timebill.current_tenant()))
    with check (tenant_id = (select timebill.current_tenant()));

alter table timebill.tally_totals enable row level security;
alter table timebill.tally_totals force row level security;
create policy tenant_isolation on timebill.tally_totals as permissive for all
    to timebill_worker
    using (tenant_id = (select timebill.current_tenant()))
    with check (tenant_id = (select timebill.current_tenant()));

revoke all on timebill.tally_parts, timebill.tally_totals from public, anon, authenticated;
grant select, insert on timebill.tally_parts to timebill_worker;
grant update (amount) on timebill.tally_parts to timebill_worker;
grant select, insert on timebill.tally_totals to timebill_worker;
grant update (total) on timebill.tally_totals to timebill_worker;

-- Make p_counts ({"key": "decimal"}) what entry p_entry_key adds, replacing what it added
-- before; return the totals of p_counts' keys ({"key": "decimal"}), this entry included.
-- Null when the tenant is unknown (or not the caller's: RLS hides it).
create function timebill.tb_tally(p_tenant_id text, p_entry_key text, p_counts jsonb)
returns jsonb
language plpgsql volatile security invoker
set search_path = ''
as $$
declare
    kept jsonb;
begin
    if not exists (select from timebill.tenants as t where t.tenant_id = p_tenant_id) then
        return null;
    end if;
    if pg_catalog.jsonb_typeof(p_counts) is distinct from 'object' then
        raise exception 'p_counts must be a JSON object' using errcode = '22023';
    end if;
    -- Two calls for one entry take turns (the worker's lease already sees to it; this holds
    -- even without it: an entry's first two calls would otherwise both find nothing to undo).
    perform pg_catalog.pg_advisory_xact_lock(
        pg_catalog.hashtextextended(p_tenant_id || pg_catalog.chr(31) || p_entry_key, 16));
    -- One statement moves every total the entry touches, locking their rows in key order:
    -- two entries sharing totals never wait on each other in opposite orders.
    insert into timebill.tally_totals as t (tenant_id, key, total)
    select p_tenant_id, u.key, pg_catalog.sum(u.amount)
    from (
        select c.key, (c.value #>> '{}')::numeric as amount
        from pg_catalog.jsonb_each(p_counts) as c
        union all
        select p.key, -p.amount from timebill.tally_parts as p
        where p.tenant_id = p_tenant_id and p.entry_key = p_entry_key
    ) as u
    group by u.key
    order by u.key
    on conflict (tenant_id, key) do update set total = t.total + excluded.total;

    insert into timebill.tally_parts as p (tenant_id, entry_key, key, amount)
    select p_tenant_id, p_entry_key, c.key, (c.value #>> '{}')::numeric
    from pg_catalog.jsonb_each(p_counts) as c
    on conflict (tenant_id, entry_key, key) do update set amount = excluded.amount;
    update timebill.tally_parts as p set amount = 0
    where p.tenant_id = p_tenant_id and p.entry_key = p_entry_key and p.amount <> 0
        and not pg_catalog.jsonb_exists(p_counts, p.key);

    select coalesce(pg_catalog.jsonb_object_agg(t.key, t.total::text), '{}'::jsonb) into kept
    from timebill.tally_totals as t
    where t.tenant_id = p_tenant_id
        and t.key in (select c.key from pg_catalog.jsonb_object_keys(p_counts) as c (key));
    return kept;
end
$$;

revoke all on function timebill.tb_tally(text, text, jsonb) from public, anon, authenticated;
grant execute on function timebill.tb_tally(text, text, jsonb) to timebill_worker;
