#!/usr/bin/env bash
# One database and one login per service, each login owning its database and with its own
# password; idempotent (a login's password is set again on every run). Only its login may connect
# to a database: CONNECT is revoked from PUBLIC, so a service's login cannot open another
# service's database even where the server trusts local connections (issue 12 item 11).
# Run by ./totem up with the database ids of its service table, and by the compose one-shot
# service postgres-users on every start (no arguments: the five services); PGHOST, PGPORT and
# POSTGRES_USER (PGPASSWORD) say where and as whom.
# TOTEM_<ID>_DB_PASSWORD is the password of login totem_<id> (ID: TICKET, PAYMENT, …).
set -euo pipefail

ids=("$@")
((${#ids[@]})) || ids=(ticket payment queue print report)
for id in "${ids[@]}"; do
  var="TOTEM_${id^^}_DB_PASSWORD"
  [[ -n "${!var:-}" ]] || { echo "totem: $var is required (the password of login totem_$id; see .env.example)" >&2; exit 1; }
done
for id in "${ids[@]}"; do
  var="TOTEM_${id^^}_DB_PASSWORD"
  psql -X -v ON_ERROR_STOP=1 -q --username "${POSTGRES_USER:-postgres}" --dbname postgres \
    -v role="totem_$id" -v db="totem_$id" -v pw="${!var}" <<'SQL'
SELECT format('CREATE ROLE %I LOGIN', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN PASSWORD %L', :'role', :'pw') \gexec
SELECT format('CREATE DATABASE %I OWNER %I', :'db', :'role') WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') \gexec
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', :'db') \gexec
SELECT format('GRANT CONNECT, TEMPORARY ON DATABASE %I TO %I', :'db', :'role') \gexec
SQL
  echo "totem: database totem_$id owned by login totem_$id (the only login that may connect to it)"
done
