#!/bin/sh
# Primary of docker-compose.cluster.yml: the role and slot its streaming replica
# (postgres-replica) copies itself with. Runs once, when the primary's volume is initialised
# (docker-entrypoint-initdb.d). wal_level=replica comes from the command line.
set -eu
if [ -z "${POSTGRES_REPLICATION_PASSWORD:-}" ]; then
  echo "set POSTGRES_REPLICATION_PASSWORD (docs/operations.md, Deploy)" >&2
  exit 1
fi
psql -v ON_ERROR_STOP=1 -v password="$POSTGRES_REPLICATION_PASSWORD" \
  --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
CREATE ROLE replicator WITH REPLICATION LOGIN PASSWORD :'password';
SELECT pg_create_physical_replication_slot('kd_replica');
SQL
# The image's pg_hba.conf lets passwords in for every database but not for replication.
echo "host replication replicator all scram-sha-256" >> "$PGDATA/pg_hba.conf"
