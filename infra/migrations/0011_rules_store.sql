-- 0011 Each tenant's SOW rules in the store: every approved version of its rules set (the
-- firm file and the client files, name -> text, in `files`), who approved it, when, from what
-- (a draft, a proposal accepted on the review page, an import) and its back-test summary; and
-- which version is in force (`rules_current`, exactly one row per tenant that has rules); and
-- the rules the review page proposes from repeated corrections, waiting for a reviewer to
-- accept or dismiss them (`rules_proposed`; the Lambda's code folder, where they used to be
-- files, is read-only).
-- The worker reads `rules_current` once per batch and compiles a version once per warm
-- process (app/service/rules_provider.py). Writes go through app/rules/publish.py, which
-- validates the set and runs its examples first; here a publish is one function, so the new
-- row and the switch of the pointer commit together or not at all.
-- `rules_versions` was created by 0001 and never written by any code; its rows stay
-- immutable (the worker has select and insert only). Same fences as 0001 and 0009: RLS
-- enabled and forced on the new table, invoker-rights functions with an empty search_path,
-- nothing for anon or authenticated.

alter table timebill.rules_versions
    add column number integer,
    add column files jsonb,
    add column source text,
    add column backtest text,
    add column sha256 text,
    add constraint rules_versions_number_key unique (tenant_id, number),
    add constraint rules_version_complete check (number is null or (
        number >= 1 and version = 'v' || number and jsonb_typeof(files) = 'object'
        and source is not null and backtest is not null and sha256 is not null
        and approved_by is not null
    ));

create table timebill.rules_current (
    tenant_id text not null references timebill.tenants (tenant_id),
    number integer not null,
    switched_by text not null
        constraint rules_switched_by_length check (length(switched_by) between 1 and 200),
    switched_at timestamptz not null,
    constraint rules_current_pkey primary key (tenant_id),
    constraint rules_current_version_fkey foreign key (tenant_id, number)
        references timebill.rules_versions (tenant_id, number)
);

create table timebill.rules_proposed (
    tenant_id text not null references timebill.tenants (tenant_id),
    rule_id text not null constraint proposed_rule_id_length
        check (length(rule_id) between 1 and 200),
    rules_file text not null constraint proposed_rules_file_length
        check (length(rules_file) between 1 and 200),
    rule jsonb not null constraint proposed_rule_object check (jsonb_typeof(rule) = 'object'),
    proposed_at timestamptz not null,
    closed_at timestamptz,  -- accepted or dismissed: no longer waiting (rows are never deleted)
    constraint rules_proposed_pkey primary key (tenant_id, rule_id)
);

do $$
declare
    t text;
begin
    foreach t in array array['rules_current', 'rules_proposed'] loop
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

revoke all on timebill.rules_current, timebill.rules_proposed from public, anon, authenticated;
grant select, insert on timebill.rules_current to timebill_worker;
grant update (number, switched_by, switched_at) on timebill.rules_current to timebill_worker;
grant select, insert on timebill.rules_proposed to timebill_worker;
grant update (rules_file, rule, proposed_at, closed_at) on timebill.rules_proposed
    to timebill_worker;

-- Store a new version as the tenant's next number and make it current. Returns the number;
-- 0 when the version in force is not p_based_on (someone published meanwhile: nothing is
-- stored); null when the tenant is unknown (or not the caller's: RLS hides it). The advisory
-- lock serialises two publishes of one tenant, so neither is lost.
create function timebill.tb_add_rules_version(
    p_tenant_id text,
    p_files jsonb,
    p_sha256 text,
    p_approved_by text,
    p_approved_at timestamptz,
    p_source text,
    p_backtest text,
    p_based_on integer
) returns integer
language plpgsql volatile security invoker
set search_path = ''
as $$
declare
    v_number integer;
begin
    if not exists (select from timebill.tenants as t where t.tenant_id = p_tenant_id) then
        return null;
    end if;
    perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('timebill.rules.' || p_tenant_id));
    if (select c.number from timebill.rules_current as c where c.tenant_id = p_tenant_id)
        is distinct from p_based_on then
        return 0;
    end if;
    select coalesce(max(r.number), 0) + 1 into v_number
    from timebill.rules_versions as r where r.tenant_id = p_tenant_id;
    insert into timebill.rules_versions (tenant_id, version, yaml, approved_by, approved_at,
                                         number, files, source, backtest, sha256)
    values (p_tenant_id, 'v' || v_number,
            (select pg_catalog.string_agg('# ---- ' || f.key || E'\n' || f.value, E'\n'
                                          order by f.key)
             from pg_catalog.jsonb_each_text(p_files) as f),
            p_approved_by, p_approved_at, v_number, p_files, p_source, p_backtest, p_sha256);
    insert into timebill.rules_current as c (tenant_id, number, switched_by, switched_at)
    values (p_tenant_id, v_number, p_approved_by, p_approved_at)
    on conflict (tenant_id) do update
    set number = excluded.number, switched_by = excluded.switched_by,
        switched_at = excluded.switched_at;
    return v_number;
end
$$;

-- Put an existing version back in force (a rollback); false when the tenant has no such
-- version (or it is not the caller's).
create function timebill.tb_switch_rules(
    p_tenant_id text,
    p_number integer,
    p_by text,
    p_now timestamptz
) returns boolean
language plpgsql volatile security invoker
set search_path = ''
as $$
begin
    if not exists (
        select from timebill.rules_versions as r
        where r.tenant_id = p_tenant_id and r.number = p_number
    ) then
        return false;
    end if;
    perform pg_catalog.pg_advisory_xact_lock(pg_catalog.hashtext('timebill.rules.' || p_tenant_id));
    insert into timebill.rules_current as c (tenant_id, number, switched_by, switched_at)
    values (p_tenant_id, p_number, p_by, p_now)
    on conflict (tenant_id) do update
    set number = excluded.number, switched_by = excluded.switched_by,
        switched_at = excluded.switched_at;
    return true;
end
$$;

-- Keep a proposed rule: true when kept, false when that rule id already waits, null when the
-- tenant is unknown (or not the caller's). A rule id closed before may be proposed again.
create function timebill.tb_propose_rule(
    p_tenant_id text,
    p_rule_id text,
    p_rules_file text,
    p_rule jsonb,
    p_proposed_at timestamptz
) returns boolean
language plpgsql volatile security invoker
set search_path = ''
as $$
begin
    if not exists (select from timebill.tenants as t where t.tenant_id = p_tenant_id) then
        return null;
    end if;
    insert into timebill.rules_proposed as r (tenant_id, rule_id, rules_file, rule, proposed_at)
    values (p_tenant_id, p_rule_id, p_rules_file, p_rule, p_proposed_at)
    on conflict (tenant_id, rule_id) do update
    set rules_file = excluded.rules_file, rule = excluded.rule,
        proposed_at = excluded.proposed_at, closed_at = null
    where r.closed_at is not null;
    return found;
end
$$;

-- A waiting proposal accepted or dismissed; false when none was waiting.
create function timebill.tb_close_proposed_rule(p_tenant_id text, p_rule_id text,
                                                p_now timestamptz)
returns boolean
language sql volatile security invoker
set search_path = ''
as $$
    with closed as (
        update timebill.rules_proposed as r set closed_at = p_now
        where r.tenant_id = p_tenant_id and r.rule_id = p_rule_id and r.closed_at is null
        returning 1
    )
    select exists (select from closed)
$$;

revoke all on function
    timebill.tb_add_rules_version(text, jsonb, text, text, timestamptz, text, text, integer),
    timebill.tb_switch_rules(text, integer, text, timestamptz),
    timebill.tb_propose_rule(text, text, text, jsonb, timestamptz),
    timebill.tb_close_proposed_rule(text, text, timestamptz)
from public, anon, authenticated;

grant execute on function
    timebill.tb_add_rules_version(text, jsonb, text, text, timestamptz, text, text, integer),
    timebill.tb_switch_rules(text, integer, text, timestamptz),
    timebill.tb_propose_rule(text, text, text, jsonb, timestamptz),
    timebill.tb_close_proposed_rule(text, text, timestamptz)
to timebill_worker;
