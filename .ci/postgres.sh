#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on 127.0.0.1:$PGPORT for the backend tests.
# Installs Debian's postgresql package when it is missing. Prints the database URL.
set -euo pipefail
PGPORT=${PGPORT:-55433}
if ! ls -d /usr/lib/postgresql/*/bin >/dev/null 2>&1; then
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
PGDIR=$(mktemp -d /tmp/pg-ci.XXXXXX)
chown postgres "$PGDIR"
su postgres -c "$PGBIN/initdb -D $PGDIR/data -A trust -U postgres -E UTF8" >&2
su postgres -c "$PGBIN/pg_ctl -D $PGDIR/data -l $PGDIR/log -w \
  -o '-p $PGPORT -k $PGDIR -c listen_addresses=127.0.0.1' start" >&2
echo "$PGDIR" > /tmp/pg-ci.dir
echo "postgresql://postgres@127.0.0.1:$PGPORT/postgres"
