-- 0007 The QuickBooks mapping per tenant, held in the store and editable: its realm, and
-- client -> Customer, person -> Employee, billing code -> service Item ids (app/domain/mapping.py,
-- QboMapping). One jsonb column on the tenant's own row, so the tenant_isolation policy of 0001
-- already covers it; tb_put_tenant leaves it alone (a tenant's settings and its mapping are
-- edited apart). The mapping file (TIMEBILL_QBO_MAPPING_PATH) stays the import/export format
-- and the fallback for tenants with no stored mapping.
-- Same fences as 0001: an invoker-rights function with an empty search_path, a column grant to
-- timebill_worker only (never the sweeper, anon or authenticated).

alter table timebill.tenants add column qbo_mapping jsonb
    constraint qbo_mapping_is_object
        check (qbo_mapping is null or (jsonb_typeof(qbo_mapping) = 'object'
                                       and jsonb_typeof(qbo_mapping -> 'realm') = 'string'));

grant update (qbo_mapping) on timebill.tenants to timebill_worker;

-- Replace one tenant's mapping: true, or null when the caller's tenant has no row.
create function timebill.tb_put_qbo_mapping(p_tenant_id text, p_mapping jsonb)
returns boolean
language sql volatile security invoker
set search_path = ''
as $$
    update timebill.tenants as t
    set qbo_mapping = p_mapping, updated_at = pg_catalog.now()
    where t.tenant_id = p_tenant_id
    returning true
$$;

revoke all on function timebill.tb_put_qbo_mapping(text, jsonb) from public, anon, authenticated;
grant execute on function timebill.tb_put_qbo_mapping(text, jsonb) to timebill_worker;
