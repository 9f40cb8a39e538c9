#!/usr/bin/env bash
# Apply infra/migrations/*.sql in name order with psql, each file in its own transaction,
# stopping at the first error.
#
#   SUPABASE_DB_URL='postgresql://postgres.<ref>:<password>@<host>:5432/postgres' \
#       infra/apply_migrations.sh
#
# SUPABASE_DB_URL is a connection string for a role that may create schemas and roles (the
# project's `postgres` user). PSQL overrides the psql binary. The files are not idempotent:
# apply each one once (see infra/README.md).
set -euo pipefail

if [[ -z "${SUPABASE_DB_URL:-}" ]]; then
    echo "SUPABASE_DB_URL is not set" >&2
    exit 2
fi

psql_bin="${PSQL:-psql}"
migrations="$(cd "$(dirname "$0")/migrations" && pwd)"

shopt -s nullglob
files=("$migrations"/[0-9][0-9][0-9][0-9]_*.sql)
if (( ${#files[@]} == 0 )); then
    echo "no migrations found in $migrations" >&2
    exit 2
fi

for file in "${files[@]}"; do
    echo "applying $(basename "$file")"
    "$psql_bin" "$SUPABASE_DB_URL" --no-psqlrc --quiet --set ON_ERROR_STOP=1 \
        --single-transaction --file "$file"
done
