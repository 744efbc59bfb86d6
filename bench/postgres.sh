#!/usr/bin/env bash
# Issue 14, benchmark section: dsr on PostgreSQL against the same work done without dsr.
#   1. index build: `dsr index rebuild` of the demo loaded into PostgreSQL against the same
#      rebuild of the same demo in SQLite. Target: PostgreSQL's rate >= 0.5x SQLite's.
#   2. erase one subject (the demo's planted caller, --include-processor-data): `dsr erase
#      --apply --yes` on a fresh copy of the database (CREATE DATABASE … TEMPLATE, index
#      rebuilt untimed) against psql running the plan's statements by primary key in one
#      transaction on another fresh copy. Both timed as processes. Target: <= 2x psql.
#   Not here yet: locate per request against psql on a canonical indexed copy (bench/bulk.sh
#   does it for SQLite).
# The server: $BENCH_POSTGRES_URL (postgresql://USER@HOST:PORT/DB, a role with CREATEDB; the
# password in $PGPASSWORD); without it the script runs itself beside a throw-away cluster
# (scripts/postgres-test-server.sh run, fsync off). Its settings are printed with the figures.
#
# Usage: DSR=.build/release/dsr bench/postgres.sh
#   CALLS=10000000  CDRs of the demo     RUNS=5  timed runs of each (medians reported)
set -euo pipefail
export LC_ALL=C
here="$(cd "$(dirname "$0")" && pwd)"
if [ -z "${BENCH_POSTGRES_URL:-}" ]; then
    [ -n "${DSR_TEST_POSTGRES_URL:-}" ] || exec bash "$here/../scripts/postgres-test-server.sh" run bash "$0" "$@"
    export BENCH_POSTGRES_URL="$DSR_TEST_POSTGRES_URL" PGPASSWORD="$DSR_TEST_POSTGRES_PASSWORD"
fi
DSR="${DSR:-.build/release/dsr}"
CALLS="${CALLS:-10000000}"
RUNS="${RUNS:-5}"
SUBJECT=(phone:+31681234567 email:sanne.bakker@example.nl)
[ -x "$DSR" ] || { echo "dsr binary not found: $DSR" >&2; exit 66; }
DSR="$(cd "$(dirname "$DSR")" && pwd)/$(basename "$DSR")"
for tool in psql python3; do command -v "$tool" >/dev/null || { echo "$tool not found" >&2; exit 66; }; done

read -r host port user base <<<"$(python3 -c '
import sys, urllib.parse as u
p = u.urlparse(sys.argv[1]); print(p.hostname, p.port or 5432, p.username, p.path.lstrip("/"))' "$BENCH_POSTGRES_URL")"
url() { echo "postgresql://$user@$host:$port/$1?sslmode=disable"; }
sql() { local db=$1; shift; psql -qAtX -v ON_ERROR_STOP=1 -h "$host" -p "$port" -U "$user" -d "$db" "$@"; }
now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }

work="$(mktemp -d)"
cleanup() {
    rm -rf "$work"
    for d in $(sql "$base" -c "SELECT datname FROM pg_database WHERE datname LIKE 'dsr_bench_%'"); do
        sql "$base" -c "DROP DATABASE $d WITH (FORCE)"
    done
}
trap cleanup EXIT

echo "server: $(sql "$base" -c 'SELECT version()')"
echo "settings: $(sql "$base" -c "SELECT string_agg(name || '=' || setting || coalesce(unit, ''), ', ' ORDER BY name) FROM pg_settings WHERE name IN ('shared_buffers', 'work_mem', 'maintenance_work_mem', 'fsync', 'synchronous_commit', 'full_page_writes', 'max_wal_size', 'effective_cache_size', 'wal_level')")"

# ---- the two workspaces --------------------------------------------------------------------
sql "$base" -c "CREATE DATABASE dsr_bench_base"
start=$(now)
"$DSR" demo --dir "$work/sqlite" --calls "$CALLS" --seed 7 >/dev/null
echo "demo, SQLite, $CALLS calls: $(python3 -c "print(f'{$(now) - $start:.1f}')") s"
start=$(now)
"$DSR" demo --dir "$work/pg" --calls "$CALLS" --seed 7 --postgres "$(url dsr_bench_base)" >/dev/null
echo "demo, PostgreSQL (generate, then COPY): $(python3 -c "print(f'{$(now) - $start:.1f}')") s"
sql dsr_bench_base -c "VACUUM ANALYZE" 2>/dev/null  # the catalog tables it may not vacuum warn

# ---- 1. index build --------------------------------------------------------------------------
for i in $(seq "$RUNS"); do
    start=$(now); "$DSR" index rebuild --config "$work/sqlite/dsr.yaml" >/dev/null; s=$(python3 -c "print($(now) - $start)")
    start=$(now); "$DSR" index rebuild --config "$work/pg/dsr.yaml" >/dev/null; p=$(python3 -c "print($(now) - $start)")
    echo "$s $p" >>"$work/index.txt"
    printf 'index run %d: SQLite %.2f s, PostgreSQL %.2f s\n' "$i" "$s" "$p"
done
s_index=$(cut -d' ' -f1 "$work/index.txt" | median)
p_index=$(cut -d' ' -f2 "$work/index.txt" | median)

# ---- 2. erase one subject ------------------------------------------------------------------
"$DSR" erase --include-processor-data --json "${SUBJECT[@]}" --config "$work/pg/dsr.yaml" >"$work/plan.json"
python3 - "$work" <<'PY' >"$work/erase.sql"
import json, sys
plan = json.load(open(f"{sys.argv[1]}/plan.json"))
plan = plan.get("report", plan)
keys = {"customers": "id", "contacts": "id", "orders": "id", "service_numbers": "number", "invoices": "id",
        "cdrs": "id", "recordings": "id", "emails": "id", "voicemails": "id"}
q = lambda n: '"' + n.replace('"', '""') + '"'
lit = lambda v: str(v) if isinstance(v, int) else "'" + str(v).replace("'", "''") + "'"
print("BEGIN;")
for s in plan["steps"]:
    t, k, c, a = s["table"], s["key"], s.get("column"), s["action"]
    where = f"WHERE {q(keys[t])} = {lit(k)}"
    if a == "delete-row": print(f"DELETE FROM {q(t)} {where};")
    elif a == "set-null": print(f"UPDATE {q(t)} SET {q(c)} = NULL {where};")
    elif a == "pseudonymise": print(f"UPDATE {q(t)} SET {q(c)} = 'erased:0123456789abcdef' {where};")
    elif a == "redact": print(f"UPDATE {q(t)} SET {q(c)} = '[redacted]' {where};")
print("COMMIT;")
PY
echo "erase: the plan's $(grep -c -E '^(UPDATE|DELETE)' "$work/erase.sql") statements"
cp -a "$work/pg" "$work/pg-pristine"
for i in $(seq "$RUNS"); do
    sql "$base" -c "CREATE DATABASE dsr_bench_d$i TEMPLATE dsr_bench_base" -c "CREATE DATABASE dsr_bench_p$i TEMPLATE dsr_bench_base"
    rm -rf "$work/run"; cp -a "$work/pg-pristine" "$work/run"
    sed -i "s|dsr_bench_base|dsr_bench_d$i|" "$work/run/dsr.yaml"
    "$DSR" index rebuild --config "$work/run/dsr.yaml" >/dev/null
    start=$(now)
    "$DSR" erase --apply --yes --include-processor-data "${SUBJECT[@]}" --config "$work/run/dsr.yaml" >/dev/null
    d=$(python3 -c "print($(now) - $start)")
    start=$(now); sql "dsr_bench_p$i" -f "$work/erase.sql" >/dev/null; p=$(python3 -c "print($(now) - $start)")
    a=$(sql "dsr_bench_d$i" -c "SELECT count(*) FROM cdrs WHERE caller_number LIKE 'erased:%'")
    b=$(sql "dsr_bench_p$i" -c "SELECT count(*) FROM cdrs WHERE caller_number LIKE 'erased:%'")
    [ "$a" = "$b" ] || { echo "the erasures differ: dsr pseudonymised $a CDRs, psql $b" >&2; exit 1; }
    echo "$d $p" >>"$work/erase.txt"
    printf 'erase run %d: dsr %.3f s, psql %.3f s (%s CDRs pseudonymised by each)\n' "$i" "$d" "$p" "$a"
    sql "$base" -c "DROP DATABASE dsr_bench_d$i WITH (FORCE)" -c "DROP DATABASE dsr_bench_p$i WITH (FORCE)"
done
d_erase=$(cut -d' ' -f1 "$work/erase.txt" | median)
p_erase=$(cut -d' ' -f2 "$work/erase.txt" | median)

python3 - "$CALLS" "$s_index" "$p_index" "$d_erase" "$p_erase" <<'PY'
import sys
calls, si, pi, de, pe = int(sys.argv[1]), *map(float, sys.argv[2:])
rate = si / pi
print(f"index build, {calls} calls: SQLite {si:.2f} s, PostgreSQL {pi:.2f} s: PostgreSQL at {rate:.2f}x SQLite's rate"
      f" (target >= 0.5: {'met' if rate >= 0.5 else 'NOT met'})")
print(f"erase one subject: dsr {de * 1000:.0f} ms, psql {pe * 1000:.0f} ms: {de / pe:.2f}x"
      f" (target <= 2.0: {'met' if de / pe <= 2 else 'NOT met'})")
PY
