#!/usr/bin/env bash
# Issue 14, benchmark section: dsr on PostgreSQL against the same work done without dsr.
#   1. index build: `dsr index rebuild` of the demo loaded into PostgreSQL against the same
#      rebuild of the same demo in SQLite. Target: PostgreSQL's rate >= 0.5x SQLite's.
#   2. erase one subject (the demo's planted caller, --include-processor-data) against psql
#      running the plan's statements by primary key in one transaction on a fresh copy of the
#      database (CREATE DATABASE … TEMPLATE), timed as a process. dsr on fresh copies of its
#      own (index rebuilt untimed): the erasure without the residue scan in one process
#      (`dsr-bench erase`'s erase_s: plan, journal, transaction, audit entry, index; as
#      bench/erase.sh measures it against sqlite3), and `dsr erase --apply --yes` as a process,
#      its scan of the state folder included. Target: the erasure <= 2x psql.
#   3. locate per request: ROWS `locate` rows for distinct callers (the planted one left out) in
#      one `dsr bulk --json` process on the PostgreSQL workspace (index current, untimed; a
#      warm-up run first), against one psql process answering the same questions (lib.sh's
#      locate_queries, as bench/bulk.sh asks sqlite3) from a canonical indexed copy in
#      PostgreSQL: lib.sh's canon_db of the SQLite demo (same seed, same data) loaded into
#      database dsr_bench_canon with COPY, its indexes, VACUUM ANALYZE (setup, untimed). Per
#      subject the records and files dsr reports must agree with psql's rows before anything
#      is timed. Target: per row <= 2x psql's.
# The server: $BENCH_POSTGRES_URL (postgresql://USER@HOST:PORT/DB, a role with CREATEDB; the
# password in $PGPASSWORD); without it the script runs itself beside a throw-away cluster
# (scripts/postgres-test-server.sh run, fsync off). Its settings are printed with the figures.
#
# Usage: DSR=.build/release/dsr [BENCH=.build/release/dsr-bench] bench/postgres.sh
#   CALLS=10000000  CDRs of the demo     RUNS=5  timed runs of each (medians reported)
#   ERASE_RUNS=$RUNS  runs of section 2 (its runs vary most)
#   ROWS=1000       subjects, locate rows of the bulk file
set -euo pipefail
export LC_ALL=C
here="$(cd "$(dirname "$0")" && pwd)"
if [ -z "${BENCH_POSTGRES_URL:-}" ]; then
    [ -n "${DSR_TEST_POSTGRES_URL:-}" ] || exec bash "$here/../scripts/postgres-test-server.sh" run bash "$0" "$@"
    export BENCH_POSTGRES_URL="$DSR_TEST_POSTGRES_URL" PGPASSWORD="$DSR_TEST_POSTGRES_PASSWORD"
fi
DSR="${DSR:-.build/release/dsr}"
BENCH="${BENCH:-$(dirname "$DSR")/dsr-bench}"
CALLS="${CALLS:-10000000}"
RUNS="${RUNS:-5}"
ERASE_RUNS="${ERASE_RUNS:-$RUNS}"
ROWS="${ROWS:-1000}"
PLANTED="+31681234567"         # the demo's planted caller: erased in section 2, left out of 3
SUBJECT=("phone:$PLANTED" email:sanne.bakker@example.nl)
[ -x "$DSR" ] || { echo "dsr binary not found: $DSR" >&2; exit 66; }
DSR="$(cd "$(dirname "$DSR")" && pwd)/$(basename "$DSR")"
[ -x "$BENCH" ] || { echo "dsr-bench not found: $BENCH" >&2; exit 66; }
BENCH="$(cd "$(dirname "$BENCH")" && pwd)/$(basename "$BENCH")"
for tool in psql sqlite3 python3; do command -v "$tool" >/dev/null || { echo "$tool not found" >&2; exit 66; }; done

read -r host port user base <<<"$(python3 -c '
import sys, urllib.parse as u
p = u.urlparse(sys.argv[1]); print(p.hostname, p.port or 5432, p.username, p.path.lstrip("/"))' "$BENCH_POSTGRES_URL")"
url() { echo "postgresql://$user@$host:$port/$1?sslmode=disable"; }
sql() { local db=$1; shift; psql -qAtX -v ON_ERROR_STOP=1 -h "$host" -p "$port" -U "$user" -d "$db" "$@"; }

work="$(mktemp -d)"
# shellcheck source=bench/lib.sh
. "$here/lib.sh"               # now, median; canon_db, callers, locate_queries, jsonl, locate_agree
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
# A copy by FILE_COPY: the default WAL_LOG strategy writes the whole 10M-call database to the
# WAL, and the checkpoints that follow land in whichever timed run comes next.
copy_db() { sql "$base" -c "CREATE DATABASE dsr_bench_$1 TEMPLATE dsr_bench_base STRATEGY FILE_COPY"; }
fresh() {  # NAME: a fresh copy of the database, and in $work/NAME a workspace on it, its index built
    copy_db "$1"
    rm -rf "${work:?}/$1"; cp -a "$work/pg-pristine" "$work/$1"
    sed -i "s|dsr_bench_base|dsr_bench_$1|" "$work/$1/dsr.yaml"
    "$DSR" index rebuild --config "$work/$1/dsr.yaml" >/dev/null
}
pseudonymised() { sql "dsr_bench_$1" -c "SELECT count(*) FROM cdrs WHERE caller_number LIKE 'erased:%'"; }
for i in $(seq "$ERASE_RUNS"); do
    fresh "d$i"; fresh "b$i"; copy_db "p$i"
    # The three in a turning order, so that none is always first after the copies.
    for turn in $(seq 0 2); do
        case $(( (turn + i) % 3 )) in
        0)  "$BENCH" erase "$work/b$i/dsr.yaml" "${SUBJECT[@]}" --include-processor-data >"$work/erase-bench.json"
            b=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["erase_s"])' "$work/erase-bench.json") ;;
        1)  start=$(now)
            "$DSR" erase --apply --yes --include-processor-data "${SUBJECT[@]}" --config "$work/d$i/dsr.yaml" >/dev/null
            d=$(python3 -c "print($(now) - $start)") ;;
        2)  start=$(now); sql "dsr_bench_p$i" -f "$work/erase.sql" >/dev/null; p=$(python3 -c "print($(now) - $start)") ;;
        esac
    done
    a=$(pseudonymised "d$i"); c=$(pseudonymised "b$i"); r=$(pseudonymised "p$i")
    [ "$a" = "$r" ] && [ "$c" = "$r" ] \
        || { echo "the erasures differ: dsr erase pseudonymised $a CDRs, dsr-bench $c, psql $r" >&2; exit 1; }
    echo "$b $d $p" >>"$work/erase.txt"
    printf 'erase run %d: dsr in process %.3f s, dsr erase --apply %.3f s, psql %.3f s (%s CDRs pseudonymised by each)\n' \
        "$i" "$b" "$d" "$p" "$a"
    for copy in "d$i" "b$i" "p$i"; do sql "$base" -c "DROP DATABASE dsr_bench_$copy WITH (FORCE)"; done
    rm -rf "${work:?}/d$i" "${work:?}/b$i"
done
b_erase=$(cut -d' ' -f1 "$work/erase.txt" | median)
d_erase=$(cut -d' ' -f2 "$work/erase.txt" | median)
p_erase=$(cut -d' ' -f3 "$work/erase.txt" | median)

# ---- 3. locate per request -----------------------------------------------------------------
# The reference: canon.db (lib.sh) of the SQLite demo, its tables loaded into PostgreSQL as they
# are (sqlite3 -csv writes NULL as an empty unquoted field, which COPY's csv format reads as
# NULL, and '' as ""), the same indexes, all checked by counts. Setup, not timed.
canon_db "$work/sqlite/ops.db" "$work/canon.db"
canon_tables="'cdrs_canon', 'contacts_canon', 'orders_canon', 'service_numbers_canon', 'recordings', 'voicemails', 'emails'"
start=$(now)
sql "$base" -c "CREATE DATABASE dsr_bench_canon"
sqlite3 "$work/canon.db" "SELECT sql || ';' FROM sqlite_master WHERE type = 'table' AND name IN ($canon_tables)" \
    | sed 's/\bINTEGER\b/bigint/g' | sql dsr_bench_canon
for t in $(sqlite3 "$work/canon.db" "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ($canon_tables)"); do
    sqlite3 -csv -noheader "$work/canon.db" "SELECT * FROM $t" | sql dsr_bench_canon -c "\\copy $t FROM pstdin WITH (FORMAT csv)"
    counts="SELECT count(*), $(sqlite3 "$work/canon.db" "SELECT group_concat('count(' || name || ')', ', ') FROM pragma_table_info('$t')") FROM $t"
    a=$(sqlite3 "$work/canon.db" "$counts"); b=$(sql dsr_bench_canon -c "$counts")
    [ "$a" = "$b" ] || { echo "$t loaded into PostgreSQL differs: rows and non-NULL values sqlite3 $a, psql $b" >&2; exit 1; }
done
sqlite3 "$work/canon.db" "SELECT sql || ';' FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ($canon_tables)" \
    | sql dsr_bench_canon
sql dsr_bench_canon -c "VACUUM ANALYZE" 2>/dev/null
echo "canonical copy in PostgreSQL (dsr_bench_canon, COPY, indexes, VACUUM ANALYZE): $(python3 -c "print(f'{$(now) - $start:.1f}')") s (setup, not timed)"

callers "$work/canon.db" "$ROWS" "$PLANTED" >"$work/callers.txt"
[ "$(wc -l <"$work/callers.txt")" = "$ROWS" ] || { echo "the demo has fewer than $ROWS distinct callers" >&2; exit 1; }
locate_queries "$work/callers.txt" >"$work/locate.sql"
start=$(now); "$DSR" index refresh --config "$work/pg/dsr.yaml" >/dev/null   # current since section 1; made sure
echo "locate: $ROWS subjects (distinct callers as phone:+E.164), index refreshed in $(python3 -c "print(f'{$(now) - $start:.1f}')") s (not timed)"
tag="p$(date +%s)"
per_row() { awk -v s="$1" -v n="$ROWS" 'BEGIN { print s * 1000 / n }'; }  # SECONDS: ms a row
locate_run() {  # N: run N's bulk file (new refs) in one `dsr bulk --json` process, its time in d; all rows done
    jsonl "$work/callers.txt" locate "$tag-L$1" >"$work/locate-$1.jsonl"
    start=$(now)
    "$DSR" bulk "$work/locate-$1.jsonl" --config "$work/pg/dsr.yaml" --json >"$work/locate-$1.json" \
        || { echo "dsr bulk (locate run $1) exited $?" >&2; exit 1; }
    d=$(python3 -c "print($(now) - $start)")
    python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); sys.exit(d["done"] != int(sys.argv[2]))' \
        "$work/locate-$1.json" "$ROWS" || { echo "dsr bulk did not carry out every row of locate run $1" >&2; exit 1; }
}
sql dsr_bench_canon -F '|' -f "$work/locate.sql" >"$work/locate.out"   # warm-up and the rows
locate_run 0                                                           # warm-up and the counts
locate_agree "$work/locate.out" "$work/locate-0.json" psql \
    || { echo "dsr locate and the psql reference disagree (above): the comparison would be worthless" >&2; exit 1; }
for i in $(seq "$RUNS"); do
    locate_run "$i"
    start=$(now); sql dsr_bench_canon -F '|' -f "$work/locate.sql" >/dev/null; p=$(python3 -c "print($(now) - $start)")
    echo "$d $p" >>"$work/locate.txt"
    printf 'locate run %d: dsr bulk %.2f s (%.3f ms/row), psql %.3f s (%.3f ms/row)\n' "$i" "$d" "$(per_row "$d")" "$p" "$(per_row "$p")"
done
d_locate=$(cut -d' ' -f1 "$work/locate.txt" | median)
p_locate=$(cut -d' ' -f2 "$work/locate.txt" | median)

python3 - "$CALLS" "$s_index" "$p_index" "$b_erase" "$d_erase" "$p_erase" "$ROWS" "$d_locate" "$p_locate" <<'PY'
import sys
calls, si, pi, be, de, pe = int(sys.argv[1]), *map(float, sys.argv[2:7])
rows, dl, pl = int(sys.argv[7]), *map(float, sys.argv[8:])
rate = si / pi
print(f"index build, {calls} calls: SQLite {si:.2f} s, PostgreSQL {pi:.2f} s: PostgreSQL at {rate:.2f}x SQLite's rate"
      f" (target >= 0.5: {'met' if rate >= 0.5 else 'NOT met'})")
print(f"erase one subject: dsr in process {be * 1000:.0f} ms, psql {pe * 1000:.0f} ms: {be / pe:.2f}x"
      f" (target <= 2.0: {'met' if be / pe <= 2 else 'NOT met'}); dsr erase --apply as a process, its"
      f" scan included, {de * 1000:.0f} ms: {de / pe:.2f}x")
print(f"locate per request, {rows} rows in one dsr bulk: dsr {dl * 1000 / rows:.3f} ms/row, psql {pl * 1000 / rows:.3f} ms/row:"
      f" {dl / pl:.2f}x (target <= 2.0: {'met' if dl / pl <= 2 else 'NOT met'})")
PY
