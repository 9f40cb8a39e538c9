-- 0017 Each rules version's validated rule book, kept beside its files
-- (app/domain/rulebook_snapshot.py): a cold worker validates the models from this JSON instead
-- of parsing the YAML files again, all of which the publish already did. A cache of what the
-- files say, never the record: it names the set it was made from (the files' sha256) and the
-- format of the code that wrote it, and a snapshot of other files or another format is not
-- used. Null for versions written before this migration, until a worker that parsed their files
-- keeps one (tb_keep_rules_book). The files, the number and every other column stay immutable:
-- the worker may update this one column, through that function only.

alter table timebill.rules_versions
    add column book jsonb
        constraint rules_book_object check (book is null or jsonb_typeof(book) = 'object');

-- tb_add_rules_version as 0015 made it, plus p_book (default null: an older caller still
-- publishes, with no book).
drop function timebill.tb_add_rules_version(text, jsonb, text, text, timestamptz, text, text,
                                            integer, jsonb);

create function timebill.tb_add_rules_version(
    p_tenant_id text,
    p_files jsonb,
    p_sha256 text,
    p_approved_by text,
    p_approved_at timestamptz,
    p_source text,
    p_backtest text,
    p_based_on integer,
    p_calibration jsonb default null,
    p_book jsonb default null
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
                                         number, files, source, backtest, sha256, calibration,
                                         book)
    values (p_tenant_id, 'v' || v_number,
            (select pg_catalog.string_agg('# ---- ' || f.key || E'\n' || f.value, E'\n'
                                          order by f.key)
             from pg_catalog.jsonb_each_text(p_files) as f),
            p_approved_by, p_approved_at, v_number, p_files, p_source, p_backtest, p_sha256,
            p_calibration, p_book);
    insert into timebill.rules_current as c (tenant_id, number, switched_by, switched_at)
    values (p_tenant_id, v_number, p_approved_by, p_approved_at)
    on conflict (tenant_id) do update
    set number = excluded.number, switched_by = excluded.switched_by,
        switched_at = excluded.switched_at;
    return v_number;
end
$$;

-- A worker that parsed a version's files keeps the book it built, for the next cold start.
-- True when the tenant has that version (RLS: only its own).
create function timebill.tb_keep_rules_book(
    p_tenant_id text,
    p_number integer,
    p_book jsonb
) returns boolean
language plpgsql volatile security invoker
set search_path = ''
as $$
begin
    update timebill.rules_versions as r set book = p_book
    where r.tenant_id = p_tenant_id and r.number = p_number;
    return found;
end
$$;

grant update (book) on timebill.rules_versions to timebill_worker;

revoke all on function
    timebill.tb_add_rules_version(text, jsonb, text, text, timestamptz, text, text, integer, jsonb,
                                  jsonb),
    timebill.tb_keep_rules_book(text, integer, jsonb)
from public, anon, authenticated;

grant execute on function
    timebill.tb_add_rules_version(text, jsonb, text, text, timestamptz, text, text, integer, jsonb,
                                  jsonb),
    timebill.tb_keep_rules_book(text, integer, jsonb)
to timebill_worker;
