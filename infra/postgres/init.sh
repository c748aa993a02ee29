#!/usr/bin/env bash
# One database and one login per service, each login owning its database; idempotent.
# Run by the postgres container when it initialises an empty data directory
# (/docker-entrypoint-initdb.d, no arguments: the five services), and by ./totem up with the
# database ids of its service table (PGHOST, PGPORT and POSTGRES_USER say where and as whom).
set -euo pipefail
: "${TOTEM_DB_PASSWORD:?TOTEM_DB_PASSWORD is required (see .env.example)}"

ids=("$@")
((${#ids[@]})) || ids=(ticket payment queue print report)
for id in "${ids[@]}"; do
  psql -X -v ON_ERROR_STOP=1 -q --username "${POSTGRES_USER:-postgres}" --dbname postgres \
    -v role="totem_$id" -v db="totem_$id" -v pw="$TOTEM_DB_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', :'role', :'pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
  echo "totem: database totem_$id owned by login totem_$id"
done
