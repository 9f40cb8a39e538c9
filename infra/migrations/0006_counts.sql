-- 0006 Counts for the alarm metrics: how many items each tenant has in each state, and the
-- oldest one's received_at. The sweep publishes them (app/metrics.py) as CloudWatch metrics:
-- entries waiting for review too long, dead-lettered entries.
--
-- Why SECURITY DEFINER, the one exception to 0002's invoker-rights rule: the sweeper role sees
-- only pending rows (policy sweeper_reads_pending, 0001) and must keep seeing nothing else;
-- needs_review and dead_letter rows are invisible to it by design. Widening that policy would
-- hand it the ids of every finished item. This function instead runs with its owner's rights
-- (the migration role: a superuser locally, Supabase's postgres role, which has BYPASSRLS) and
-- returns aggregates only: tenant, state, a count and a timestamp, never an id or a row's
-- content. It takes no arguments (nothing a caller can steer), has a fixed, empty search_path
-- (every name is schema-qualified, so a caller's objects cannot be substituted), and only the
-- sweeper may execute it.
create function timebill.tb_counts()
returns table (tenant_id text, status text, n bigint, oldest timestamptz)
language sql stable security definer
set search_path = ''
as $$
    select i.tenant_id, i.status::text, pg_catalog.count(*), pg_catalog.min(i.received_at)
    from timebill.inbox as i
    group by i.tenant_id, i.status
    order by i.tenant_id, i.status::text
$$;

revoke all on function timebill.tb_counts() from public, anon, authenticated;
grant execute on function timebill.tb_counts() to timebill_sweeper;
