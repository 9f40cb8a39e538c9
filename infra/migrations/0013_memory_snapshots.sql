-- 0013 Each tenant's learned memory, kept so a cold worker does not relearn it. The worker's
-- memory stage is taught by reviews (app/review/learning.py); a Lambda's /tmp does not outlive
-- its instance, so without this every cold worker read and learned the tenant's whole review
-- log. One row per tenant: the memory as bytes (app/classify/memory_snapshot.py's format,
-- zlib-compressed; opaque here) and the review log position (`reviews.seq`) it was learned up
-- to. A cold worker loads it and reads only the reviews after that position.
-- Writers race (several warm workers of one tenant): tb_save_memory is one conditional upsert,
-- so the snapshot at the later position is kept whatever order they commit in; one at the same
-- position replaces it (the same reviews, perhaps in a newer format); an older one never does.
-- Same fences as 0001 and 0011: RLS enabled and forced, invoker-rights functions with an empty
-- search_path, nothing for anon or authenticated; the worker may select, insert and update its
-- tenant's row, never delete it. The body crosses PostgREST as base64 text.

create table timebill.memory_snapshots (
    tenant_id text not null references timebill.tenants (tenant_id),
    review_seq bigint not null constraint memory_review_seq_nonnegative check (review_seq >= 0),
    body bytea not null
        constraint memory_body_size check (octet_length(body) between 1 and 67108864),
    saved_at timestamptz not null,
    constraint memory_snapshots_pkey primary key (tenant_id)
);

alter table timebill.memory_snapshots enable row level security;
alter table timebill.memory_snapshots force row level security;
create policy tenant_isolation on timebill.memory_snapshots as permissive for all
    to timebill_worker
    using (tenant_id = (select timebill.current_tenant()))
    with check (tenant_id = (select timebill.current_tenant()));

revoke all on timebill.memory_snapshots from public, anon, authenticated;
grant select, insert on timebill.memory_snapshots to timebill_worker;
grant update (review_seq, body, saved_at) on timebill.memory_snapshots to timebill_worker;

-- Keep a snapshot unless the one kept is at a later position. True when kept, false when a
-- later one is kept, null when the tenant is unknown (or not the caller's: RLS hides it).
create function timebill.tb_save_memory(
    p_tenant_id text,
    p_review_seq bigint,
    p_body text,
    p_saved_at timestamptz
) returns boolean
language plpgsql volatile security invoker
set search_path = ''
as $$
begin
    if not exists (select from timebill.tenants as t where t.tenant_id = p_tenant_id) then
        return null;
    end if;
    insert into timebill.memory_snapshots as m (tenant_id, review_seq, body, saved_at)
    values (p_tenant_id, p_review_seq, pg_catalog.decode(p_body, 'base64'), p_saved_at)
    on conflict (tenant_id) do update
    set review_seq = excluded.review_seq, body = excluded.body, saved_at = excluded.saved_at
    where excluded.review_seq >= m.review_seq;
    return found;
end
$$;

-- The tenant's snapshot (no row when none is kept), the body as base64 text.
create function timebill.tb_load_memory(p_tenant_id text)
returns table (tenant_id text, review_seq bigint, body text, saved_at timestamptz)
language sql stable security invoker
set search_path = ''
as $$
    select m.tenant_id, m.review_seq, pg_catalog.encode(m.body, 'base64'), m.saved_at
    from timebill.memory_snapshots as m
    where m.tenant_id = p_tenant_id
$$;

revoke all on function
    timebill.tb_save_memory(text, bigint, text, timestamptz),
    timebill.tb_load_memory(text)
from public, anon, authenticated;

grant execute on function
    timebill.tb_save_memory(text, bigint, text, timestamptz),
    timebill.tb_load_memory(text)
to timebill_worker;
