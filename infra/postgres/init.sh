#!/usr/bin/env bash
# Runs once, when the postgres container initialises an empty data directory
# (/docker-entrypoint-initdb.d): one database and one login per service, each login owning
# its database. The same statements as ./totem's, so both ways of running agree.
set -euo pipefail
: "${TOTEM_DB_PASSWORD:?TOTEM_DB_PASSWORD is required (see .env.example)}"

for id in ticket payment queue print report; do
  psql -v ON_ERROR_STOP=1 -q --username "${POSTGRES_USER:-postgres}" --dbname postgres \
    -v role="totem_$id" -v db="totem_$id" -v pw="$TOTEM_DB_PASSWORD" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', :'role', :'pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SQL
  echo "totem: database totem_$id owned by login totem_$id"
done
