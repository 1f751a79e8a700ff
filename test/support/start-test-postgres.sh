#!/usr/bin/env bash
# Starts a throwaway PostgreSQL for the tests of the DATABASE_URL path, and prints its URL.
# Installs the Debian package when the server is missing. Runs the server as the `postgres` user,
# since initdb refuses root. Usage: export TEST_DATABASE_URL=$(test/support/start-test-postgres.sh)
set -euo pipefail
# Below the kernel's ephemeral range (32768–60999), so an outgoing connection never holds it.
PORT="${TEST_POSTGRES_PORT:-25432}"
DIR="${TEST_POSTGRES_DIR:-/tmp/resident-graph-test-postgres}"

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql) >&2
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
fi

as_postgres() { if [ "$(id -u)" = 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

if ! as_postgres "$bin/pg_ctl -D $DIR status" >/dev/null 2>&1; then
  rm -rf "$DIR" && mkdir -p "$DIR"
  [ "$(id -u)" = 0 ] && chown postgres "$DIR"
  as_postgres "$bin/initdb -D $DIR -U postgres --auth=trust -E UTF8" >/dev/null
  as_postgres "$bin/pg_ctl -D $DIR -o '-p $PORT -k /tmp -c listen_addresses=127.0.0.1' -l $DIR/server.log -w start" >/dev/null
fi
echo "postgres://postgres@127.0.0.1:$PORT/postgres"
