#!/usr/bin/env bash
# Starts a throwaway Redis for the tests of the REDIS_URL path, and prints its URL.
# Installs the Debian package when the server is missing. Reuses a server this script started
# before (its pid file) when it still answers. Usage:
#   export TEST_REDIS_URL=$(test/support/start-test-redis.sh)
set -euo pipefail
DIR="${TEST_REDIS_DIR:-/tmp/resident-graph-test-redis}"
mkdir -p "$DIR"

if ! command -v redis-server >/dev/null 2>&1; then
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server) >&2
fi

if [ -f "$DIR/port" ] && redis-cli -p "$(cat "$DIR/port")" ping >/dev/null 2>&1; then
  echo "redis://127.0.0.1:$(cat "$DIR/port")"
  exit 0
fi

# A free port: the one asked for, or one the kernel hands out.
PORT="${TEST_REDIS_PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')}"
redis-server --port "$PORT" --bind 127.0.0.1 --save '' --appendonly no --daemonize yes \
  --dir "$DIR" --pidfile "$DIR/redis.pid" --logfile "$DIR/redis.log" >&2
for _ in $(seq 1 50); do
  if redis-cli -p "$PORT" ping >/dev/null 2>&1; then
    echo "$PORT" > "$DIR/port"
    echo "redis://127.0.0.1:$PORT"
    exit 0
  fi
  sleep 0.1
done
echo "redis-server did not start; see $DIR/redis.log" >&2
exit 1
