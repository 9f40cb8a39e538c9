-- 0015 What a rules version's back-test measured, kept with the version: each rule's matches
-- and right answers on the approved history it was published with (and its definition's hash,
-- so a measure never outlives an edit of its rule), and the precedences that history settled
-- (app/domain/rules_versions.py, VersionCalibration). The worker trusts each rule as far as the
-- history showed, as `timebill classify --history` does; null for a set published with no
-- history and none in force to carry over, and for versions written before this migration.
-- The version rows stay immutable: the column is written once, by tb_add_rules_version.

alter table timebill.rules_versions
    add column calibration jsonb
        constraint rules_calibration_object
        check (calibration is null or jsonb_typeof(calibration) = 'object');

-- tb_add_rules_version as 0011 made it, plus p_calibration (default null: an older caller
-- still publishes, with no calibration).
drop function timebill.tb_add_rules_version(text, jsonb, text, text, timestamptz, text, text,
                                            integer);

create function timebill.tb_add_rules_version(
    p_tenant_id text,
    p_files jsonb,
    p_sha256 text,
    p_approved_by text,
    p_approved_at timestamptz,
    p_source text,
    p_backtest text,
    p_based_on integer,
    p_calibration jsonb default null
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
                                         number, files, source, backtest, sha256, calibration)
    values (p_tenant_id, 'v' || v_number,
            (select pg_catalog.string_agg('# ---- ' || f.key || E'\n' || f.value, E'\n'
                                          order by f.key)
             from pg_catalog.jsonb_each_text(p_files) as f),
            p_approved_by, p_approved_at, v_number, p_files, p_source, p_backtest, p_sha256,
            p_calibration);
    insert into timebill.rules_current as c (tenant_id, number, switched_by, switched_at)
    values (p_tenant_id, v_number, p_approved_by, p_approved_at)
    on conflict (tenant_id) do update
    set number = excluded.number, switched_by = excluded.switched_by,
        switched_at = excluded.switched_at;
    return v_number;
end
$$;

revoke all on function
    timebill.tb_add_rules_version(text, jsonb, text, text, timestamptz, text, text, integer, jsonb)
from public, anon, authenticated;

grant execute on function
    timebill.tb_add_rules_version(text, jsonb, text, text, timestamptz, text, text, integer, jsonb)
to timebill_worker;
