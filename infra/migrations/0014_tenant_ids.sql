-- Which tenants the store holds, for operators (`timebill tenants list`).
-- Why SECURITY DEFINER (as tb_counts in 0006): a tenant's JWT sees its own row only, and the
-- sweeper role reads no tenant's row; a listing has to cross tenants. The function answers
-- tenant ids only (no name, no sources: each tenant is then read with its own JWT, through
-- row-level security), has a fixed, empty search_path, and only the sweeper may execute it.
-- Numbered 0014: 0013 is taken by another change made at the same time.
create function timebill.tb_tenant_ids()
returns table (tenant_id text)
language sql stable security definer
set search_path = ''
as $$
    select t.tenant_id from timebill.tenants as t order by t.tenant_id
$$;

revoke all on function timebill.tb_tenant_ids() from public, anon, authenticated;
grant execute on function timebill.tb_tenant_ids() to timebill_sweeper;
