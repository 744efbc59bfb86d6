#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the tests: initdb into a fresh directory owned by the
# postgres user, listening on 127.0.0.1 only, password (scram-sha-256) authentication for
# TCP, a role `dsr` with a random password and a database `dsr_test` it owns.
#
#   scripts/postgres-test-server.sh start DIR   prints the shell lines to source:
#                                               DSR_TEST_POSTGRES_URL=… and PGPASSWORD for it
#   scripts/postgres-test-server.sh stop DIR    stops the cluster and removes DIR
#   scripts/postgres-test-server.sh run CMD...  starts a cluster in a new temporary directory
#                                               on a free port, runs CMD with the two
#                                               variables set, and stops and removes the
#                                               cluster afterwards, even when CMD fails;
#                                               exits with CMD's status
#
# Needs Debian's `postgresql` package (make deps installs it) and root, or the postgres user.
set -euo pipefail
action="${1:-}"; dir="${2:-}"
[ -n "$action" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR | run CMD..." >&2; exit 64; }
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$bin/initdb" ] || { echo "postgres-test-server: no PostgreSQL server binaries (apt-get install postgresql)" >&2; exit 69; }
as_postgres() {
    if [ "$(id -un)" = postgres ]; then "$@"; else runuser -u postgres -- "$@"; fi
}
port="${DSR_TEST_POSTGRES_PORT:-54329}"

if [ "$action" = run ]; then
    shift
    # A port nothing listens on yet, so a cluster left running by hand does not collide.
    if [ -z "${DSR_TEST_POSTGRES_PORT:-}" ]; then
        while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
    fi
    cluster="$(mktemp -d /tmp/dsr-test-postgres.XXXXXX)"
    trap 'DSR_TEST_POSTGRES_PORT=$port "$0" stop "$cluster"' EXIT
    lines="$(DSR_TEST_POSTGRES_PORT=$port "$0" start "$cluster")"
    eval "$lines"
    echo "postgres-test-server: a throw-away cluster on 127.0.0.1:$port for: $1" >&2
    status=0
    "$@" || status=$?
    exit "$status"
fi

case "$action" in
start)
    mkdir -p "$dir"
    chown postgres "$dir" 2>/dev/null || true
    chmod 700 "$dir"
    password="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
    as_postgres "$bin/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
        -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 70; }
    # Small and quick: no fsync (a test cluster is thrown away), one socket in DIR.
    as_postgres "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir -c fsync=off \
            -c synchronous_commit=off -c full_page_writes=off -c max_connections=60" >/dev/null \
        || { cat "$dir/server.log" >&2; exit 70; }
    as_postgres "$bin/psql" -q -h "$dir" -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
        -c "CREATE ROLE dsr LOGIN PASSWORD '$password' CREATEDB" \
        -c "CREATE DATABASE dsr_test OWNER dsr" >/dev/null
    echo "export DSR_TEST_POSTGRES_URL='postgresql://dsr@127.0.0.1:$port/dsr_test?sslmode=disable'"
    echo "export DSR_TEST_POSTGRES_PASSWORD='$password'"
    ;;
stop)
    if [ -d "$dir/data" ]; then
        as_postgres "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$dir"
    ;;
*)
    echo "usage: $0 start|stop DIR | run CMD..." >&2; exit 64 ;;
esac
