#!/usr/bin/env bash
# Makes a PostgreSQL server available for the contest-server tests and prints its
# admin URL: installs Debian's postgresql where it is missing (as root), creates a
# cluster if the package made none, starts it, and adds a login role `jiayuan` that may
# create databases (each test makes its own). Safe to run again.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ]; then
    echo "PostgreSQL is missing: run 'sudo apt-get install -y postgresql'" >&2
    exit 1
  fi
  apt-get update -q >&2
  apt-get install -y -q postgresql >&2
fi
version=$(ls /usr/lib/postgresql | sort -V | tail -n1)
if ! pg_lsclusters -h | awk '{print $1, $2}' | grep -q "^$version main$"; then
  pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters -h | grep -q "^$version main .* online"; then
  pg_ctlcluster "$version" main start >&2
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')
for _ in $(seq 1 30); do
  su postgres -c "psql -p $port -tAc 'SELECT 1'" >/dev/null 2>&1 && break
  sleep 1
done
su postgres -c "psql -p $port -v ON_ERROR_STOP=1 -q" >&2 <<SQL
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'jiayuan') THEN
    CREATE ROLE jiayuan LOGIN CREATEDB PASSWORD 'jiayuan';
  END IF;
END \$\$;
SQL
echo "postgres://jiayuan:jiayuan@127.0.0.1:$port/postgres"
