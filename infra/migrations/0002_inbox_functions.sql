-- 0002 The inbox's atomic operations, called through PostgREST as /rpc/<name>.
--
-- Every function is SECURITY INVOKER (the caller's RLS and privileges apply: they grant
-- nothing the caller's role lacks) with a fixed, empty search_path and schema-qualified
-- names. Each one takes the tenant explicitly and filters on it, and RLS filters again.
-- "Pending" means: received; retrying and due; or processing with an expired lease.

-- Insert unless (tenant, source, dedupe_key) exists. Under concurrency the unique index
-- makes the losers wait for the winner's commit, then return its row with created = false.
create function timebill.tb_accept(
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
    insert into timebill.inbox as i (
        tenant_id, source, dedupe_key, event_type, entry, ref, received_at, status, updated_at
    ) values (
        p_tenant_id, p_source, p_dedupe_key, p_event_type, p_entry, p_ref, p_received_at,
        'received', p_received_at
    )
    on conflict (tenant_id, source, dedupe_key) do nothing
    returning i.id into v_id;

    return query
        select v_id is not null, v
        from timebill.inbox_items as v
        where v.tenant_id = p_tenant_id and v.source = p_source
            and v.dedupe_key = p_dedupe_key;
end
$$;

-- Take a pending item: one attempt more, leased until now + lease. Concurrent callers
-- serialise on the row lock and re-check the condition, so exactly one gets the row.
create function timebill.tb_claim(
    p_tenant_id text,
    p_item_id uuid,
    p_now timestamptz,
    p_lease_s double precision
) returns setof timebill.inbox_items
language plpgsql volatile security invoker
set search_path = ''
as $$
declare
    v_id uuid;
begin
    if p_lease_s is null or p_lease_s <= 0 then
        raise exception 'lease must be positive' using errcode = '22023';
    end if;
    update timebill.inbox as i
    set status = 'processing',
        attempts = i.attempts + 1,
        lease_until = p_now + pg_catalog.make_interval(secs => p_lease_s),
        updated_at = p_now
    where i.tenant_id = p_tenant_id and i.id = p_item_id
        and (i.status = 'received'
            or (i.status = 'retrying' and coalesce(i.next_attempt_at <= p_now, true))
            or (i.status = 'processing' and coalesce(i.lease_until <= p_now, true)))
    returning i.id into v_id;

    return query
        select v.* from timebill.inbox_items as v
        where v_id is not null and v.tenant_id = p_tenant_id and v.id = v_id;
end
$$;

-- The audit line for a finished step: the error, else the decision, else the status.
create function timebill.audit_detail(p_status text, p_decision jsonb, p_error text)
returns text
language sql immutable security invoker
set search_path = ''
as $$
    select case
        when pg_catalog.length(d) <= 300 then d
        else pg_catalog.left(d, 299) || '…'
    end
    from (
        select case
            when coalesce(p_error, '') <> '' then p_error
            when p_decision is not null then
                'decided ' || coalesce(nullif(p_decision ->> 'code', ''), '-')
                || ' by ' || (p_decision ->> 'stage')
            else p_status
        end as d
    ) as x
$$;

-- Move an item to p_status, record the decision (if any) and append to its trail.
-- Returns false when the tenant has no such item.
create function timebill.tb_finish(
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
        updated_at = p_now
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

-- Create or update a tenant (the caller's own: RLS checks the tenant claim).
create function timebill.tb_put_tenant(
    p_tenant_id text,
    p_name text,
    p_sources jsonb,
    p_paused boolean
) returns boolean
language sql volatile security invoker
set search_path = ''
as $$
    insert into timebill.tenants as t (tenant_id, name, sources, paused)
    values (p_tenant_id, p_name, p_sources, p_paused)
    on conflict (tenant_id) do update
    set name = excluded.name, sources = excluded.sources, paused = excluded.paused,
        updated_at = pg_catalog.now()
    returning true
$$;

-- (tenant, item) of pending work across tenants, oldest first: for the sweep role, which
-- sees only these columns of pending rows.
create function timebill.tb_due(p_now timestamptz, p_limit integer)
returns table (tenant_id text, item_id uuid)
language sql stable security invoker
set search_path = ''
as $$
    select i.tenant_id, i.id
    from timebill.inbox as i
    where i.status = 'received'
        or (i.status = 'retrying' and coalesce(i.next_attempt_at <= p_now, true))
        or (i.status = 'processing' and coalesce(i.lease_until <= p_now, true))
    order by i.received_at, i.seq
    limit least(greatest(p_limit, 0), 1000)
$$;

revoke all on function
    timebill.tb_accept(text, text, text, text, jsonb, jsonb, timestamptz),
    timebill.tb_claim(text, uuid, timestamptz, double precision),
    timebill.audit_detail(text, jsonb, text),
    timebill.tb_finish(text, uuid, text, timestamptz, jsonb, text, timestamptz),
    timebill.tb_put_tenant(text, text, jsonb, boolean),
    timebill.tb_due(timestamptz, integer)
from public, anon, authenticated;

grant execute on function
    timebill.tb_accept(text, text, text, text, jsonb, jsonb, timestamptz),
    timebill.tb_claim(text, uuid, timestamptz, double precision),
    timebill.audit_detail(text, jsonb, text),
    timebill.tb_finish(text, uuid, text, timestamptz, jsonb, text, timestamptz),
    timebill.tb_put_tenant(text, text, jsonb, boolean)
to timebill_worker;

grant execute on function timebill.tb_due(timestamptz, integer) to timebill_sweeper;
