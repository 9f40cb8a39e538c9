-- 0004 The people's loop: what reviewers did to flagged entries, and who the reviewers are.
--
-- reviews: one row per action a person took on an inbox item (approve, change the code, mark
-- non-billable, split, retry a failed write): who, when, the decision before, the decision(s)
-- after, why. Append-only: the worker may read and add rows, never change or delete them.
-- reviewers: the people who may review a tenant's entries in the embedded set-up, by the
-- SHA-256 of their sign-in token (production reviewers sign in with Supabase Auth instead).
-- Same fences as 0001 and 0003: tenant_id NOT NULL, keys that include the tenant, a composite
-- foreign key to the tenant's own inbox item, RLS enabled and forced, invoker-rights functions
-- with an empty search_path, nothing for anon or authenticated.

create table timebill.reviews (
    tenant_id text not null,
    seq bigint generated always as identity,
    id text not null constraint review_id_length check (length(id) between 1 and 64),
    item_id uuid not null,
    reviewer text not null constraint reviewer_length check (length(reviewer) between 1 and 200),
    at timestamptz not null,
    action text not null constraint action_known check (action in (
        'approve', 'change_code', 'non_billable', 'split', 'retry'
    )),
    before jsonb,
    after jsonb not null
        constraint after_is_a_list check (
            jsonb_typeof(after) = 'array' and jsonb_array_length(after) >= 1
        ),
    why text not null default '' constraint why_length check (length(why) <= 2000),
    client_id text,
    description text not null default ''
        constraint description_length check (length(description) <= 4000),
    pattern text not null default '' constraint pattern_length check (length(pattern) <= 500),
    constraint reviews_pkey primary key (tenant_id, seq),
    constraint reviews_id unique (tenant_id, id),
    constraint reviews_item foreign key (tenant_id, item_id)
        references timebill.inbox (tenant_id, id)
);
create index reviews_by_item on timebill.reviews (tenant_id, item_id, seq);
create index reviews_by_pattern on timebill.reviews (tenant_id, pattern, seq);

create table timebill.reviewers (
    tenant_id text not null references timebill.tenants (tenant_id),
    name text not null constraint reviewer_name_format check (name ~ '^[a-z0-9][a-z0-9_.@-]{0,79}$'),
    token_hash text not null constraint token_hash_format check (token_hash ~ '^[0-9a-f]{64}$'),
    created_at timestamptz not null,
    disabled boolean not null default false,
    constraint reviewers_pkey primary key (tenant_id, name),
    constraint reviewers_token unique (token_hash)
);

create index inbox_needs_review on timebill.inbox (tenant_id, status)
    where status = 'needs_review';

do $$
declare
    t text;
begin
    foreach t in array array['reviews', 'reviewers'] loop
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

revoke all on timebill.reviews, timebill.reviewers from public, anon, authenticated;
grant select, insert on timebill.reviews to timebill_worker;
grant select, insert on timebill.reviewers to timebill_worker;
grant update (token_hash, created_at, disabled) on timebill.reviewers to timebill_worker;

-- Keep a review and add its line to the item's audit trail, in one transaction. Answers the
-- review kept for (tenant, id): the new row, or the first one unchanged on a repeat (nothing
-- is appended then). No row when the tenant has no such item.
create function timebill.tb_record_review(
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
    p_detail text
) returns setof timebill.reviews
language plpgsql volatile security invoker
set search_path = ''
as $$
declare
    v_status timebill.item_status;
    v_seq bigint;
begin
    select i.status into v_status from timebill.inbox as i
    where i.tenant_id = p_tenant_id and i.id = p_item_id;
    if not found then
        return;
    end if;

    insert into timebill.reviews (
        tenant_id, id, item_id, reviewer, at, action, before, after, why, client_id,
        description, pattern
    ) values (
        p_tenant_id, p_id, p_item_id, p_reviewer, p_at, p_action, p_before, p_after,
        coalesce(p_why, ''), p_client_id, coalesce(p_description, ''), coalesce(p_pattern, '')
    )
    on conflict (tenant_id, id) do nothing
    returning seq into v_seq;

    if v_seq is not null then
        insert into timebill.audit (tenant_id, item_id, at, status, detail)
        values (
            p_tenant_id, p_item_id, p_at, v_status,
            case when pg_catalog.length(p_detail) <= 300 then p_detail
                 else pg_catalog.left(p_detail, 299) || '…' end
        );
    end if;

    return query
        select r.* from timebill.reviews as r
        where r.tenant_id = p_tenant_id and r.id = p_id;
end
$$;

-- The tenant's items waiting for a person, with their current decision: money at stake first
-- (the decision's amount, highest first, then the least confident), or the oldest first.
create function timebill.tb_review_queue(
    p_tenant_id text,
    p_limit integer,
    p_order text
) returns setof timebill.inbox_items
language sql stable security invoker
set search_path = ''
as $$
    select v.* from timebill.inbox_items as v
    where v.tenant_id = p_tenant_id and v.status = 'needs_review'
    order by
        case when p_order = 'stake'
             then coalesce((v.decision ->> 'amount')::numeric, 0) end desc nulls last,
        case when p_order = 'stake'
             then coalesce((v.decision ->> 'confidence')::double precision, 0) end asc,
        v.received_at, v.seq
    limit least(greatest(p_limit, 0), 1000)
$$;

-- Create a reviewer or give an existing one a new token (the old one stops working).
create function timebill.tb_put_reviewer(
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
        disabled = excluded.disabled
    returning true
$$;

revoke all on function
    timebill.tb_record_review(
        text, text, uuid, text, timestamptz, text, jsonb, jsonb, text, text, text, text, text
    ),
    timebill.tb_review_queue(text, integer, text),
    timebill.tb_put_reviewer(text, text, text, timestamptz, boolean)
from public, anon, authenticated;

grant execute on function
    timebill.tb_record_review(
        text, text, uuid, text, timestamptz, text, jsonb, jsonb, text, text, text, text, text
    ),
    timebill.tb_review_queue(text, integer, text),
    timebill.tb_put_reviewer(text, text, text, timestamptz, boolean)
to timebill_worker;
