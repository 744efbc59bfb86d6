#!/usr/bin/env bash
# Issue 3, section 4: how fast `dsr locate` finds a subject with ~100 records among
# 10,000,000 CDRs, beside
#   (a) the physical limit: the sqlite3 CLI running the same queries on a copy of the
#       tables with a canonical, indexed phone column (built once, not timed), and
#   (b) a normalising full scan: `dsr locate --scan`.
# Also times the index build (target <= 60 s) and an incremental refresh after 10,000 new
# CDRs (target < 1 s), and records peak RSS. Target for locate: <= 2.0x the sqlite3 time.
#
# Usage: DSR=.build/release/dsr bench/locate.sh
#   CALLS=10000000  CDRs in the demo workspace        RUNS=11  timed locate/sqlite3 runs
#   KEEP=1          keep the work dir                 WORKSPACE=dir  reuse a demo workspace
# Step 6 adds 10,000 CDRs to the workspace's ops.db and deletes them again.
set -euo pipefail
export LC_ALL=C

DSR="${DSR:-.build/release/dsr}"
CALLS="${CALLS:-10000000}"
RUNS="${RUNS:-11}"
SCAN_RUNS=3
NEW_ROWS=10000
PHONE="+31681234567"          # the demo's planted subject "caller" (NL mobile)
command -v sqlite3 >/dev/null || { echo "sqlite3 CLI not found" >&2; exit 66; }
command -v python3 >/dev/null || { echo "python3 not found" >&2; exit 66; }
[ -x /usr/bin/time ] || { echo "/usr/bin/time not found (apt-get install time)" >&2; exit 66; }
[ -x "$DSR" ] || { echo "dsr binary not found: $DSR" >&2; exit 66; }
DSR="$(cd "$(dirname "$DSR")" && pwd)/$(basename "$DSR")"

work="$(mktemp -d)"
if [ "${KEEP:-0}" = 1 ]; then
    echo "work dir kept: $work"
else
    trap 'rm -rf "$work"' EXIT
fi

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
# Count records in a `dsr locate --json` document: "total", or "TABLE" / "TABLE:RELATION",
# or "cdrs<=N" (cdrs records with key <= N, any relation).
count() {
    python3 -c '
import json, sys
d = json.load(open(sys.argv[1])); q = sys.argv[2]; rs = d["records"]
if q == "total": print(len(rs))
elif q.startswith("cdrs<="): print(sum(1 for r in rs if r["table"] == "cdrs" and int(r["key"]) <= int(q[6:])))
elif ":" in q:
    t, rel = q.split(":"); print(sum(1 for r in rs if r["table"] == t and r["relation"] == rel))
else: print(sum(1 for r in rs if r["table"] == q))' "$1" "$2"
}
by_table() {
    python3 -c '
import json, sys, collections
d = json.load(open(sys.argv[1]))
c = collections.Counter((r["table"], r["relation"]) for r in d["records"])
m, f, w = d.get("method"), len(d.get("files", [])), len(d.get("warnings", []))
print(", ".join(f"{t} {n}" + ("" if rel == "subject" else f" ({rel})") for (t, rel), n in sorted(c.items())),
      f"| method {m}, files {f}, warnings {w}")' "$1"
}

# ---- 1. the workspace -------------------------------------------------------------------
if [ -n "${WORKSPACE:-}" ] && [ -f "$WORKSPACE/dsr.yaml" ]; then
    W="$(cd "$WORKSPACE" && pwd)"
    echo "workspace: reusing $W"
else
    W="$work/ws"
    start="$(now)"
    "$DSR" demo --dir "$W" --calls "$CALLS" --seed 7 >/dev/null
    printf 'workspace: dsr demo --calls %s in %.1f s\n' "$CALLS" "$(since "$start")"
fi
CFG="$W/dsr.yaml"
OPS="$W/ops.db"
[ -f "$OPS" ] || { echo "no ops.db in $W (this script expects the demo layout)" >&2; exit 66; }
ncdrs="$(sqlite3 "$OPS" 'SELECT count(*) FROM cdrs')"
echo "cdrs rows: $ncdrs; subject: phone:$PHONE"

# ---- 2. index build (one run) ------------------------------------------------------------
start="$(now)"
/usr/bin/time -f %M -o "$work/rss-build" "$DSR" index rebuild --config "$CFG" >/dev/null
build_s="$(since "$start")"
build_rss="$(tail -n 1 "$work/rss-build")"
printf 'index rebuild: %.2f s, peak RSS %d kB\n' "$build_s" "$build_rss"

# ---- 3. dsr locate (index) ---------------------------------------------------------------
locate() { "$DSR" locate --config "$CFG" --json "phone:$PHONE"; }
/usr/bin/time -f %M -o "$work/rss-locate" "$DSR" locate --config "$CFG" --json "phone:$PHONE" \
    >"$work/locate.json"                                   # warm-up, also gives the records
locate_rss="$(tail -n 1 "$work/rss-locate")"
locate_times=()
for _ in $(seq "$RUNS"); do
    start="$(now)"
    locate >/dev/null
    locate_times+=("$(since "$start")")
done
locate_med="$(printf '%s\n' "${locate_times[@]}" | median)"
locate_total="$(count "$work/locate.json" total)"
printf 'dsr locate: median %.1f ms of %d, %d records: %s\n' \
    "$(awk -v s="$locate_med" 'BEGIN { print s * 1000 }')" "$RUNS" "$locate_total" \
    "$(by_table "$work/locate.json")"

# ---- 4. reference (a): sqlite3 CLI on canonical, indexed copies --------------------------
# The canonical copy and its rules: canon_db in bench/lib.sh.
canon_db "$OPS" "$W/canon.db"

# One locate's queries: every phone column; the recordings and voicemails of the subject's
# calls and the notification e-mails of those voicemails; service numbers forwarding to the
# phone and the calls on them (related context); contacts and orders with the phone.
P="'$PHONE'"
SUBJ_CALLS="SELECT id FROM cdrs_canon WHERE caller = $P"
cat >"$work/queries.sql" <<SQL
SELECT 'cdrs', id, service_number FROM cdrs_canon WHERE caller = $P;
SELECT 'cdrs-forwarded', id, service_number FROM cdrs_canon WHERE forwarded = $P;
SELECT 'recordings', id, cdr_id, file_path FROM recordings WHERE cdr_id IN ($SUBJ_CALLS);
SELECT 'voicemails', id, cdr_id, email_id, file_path FROM voicemails WHERE cdr_id IN ($SUBJ_CALLS);
SELECT 'emails', id, file_path FROM emails
  WHERE id IN (SELECT email_id FROM voicemails WHERE cdr_id IN ($SUBJ_CALLS));
SELECT 'contacts', id FROM contacts_canon WHERE phone = $P;
SELECT 'orders', id FROM orders_canon WHERE service_number = $P;
SELECT 'service_numbers', number FROM service_numbers_canon WHERE forward_to = $P;
SELECT 'cdrs-on-forwarding-numbers', id FROM cdrs_canon
  WHERE service_number IN (SELECT number FROM service_numbers_canon WHERE forward_to = $P);
SQL
sqlite3 "$W/canon.db" <"$work/queries.sql" >"$work/sqlite.out"
sqlite3 "$W/canon.db" <"$work/queries.sql" >/dev/null           # warm-up
sqlite_times=()
for _ in $(seq "$RUNS"); do
    start="$(now)"
    sqlite3 "$W/canon.db" <"$work/queries.sql" >/dev/null
    sqlite_times+=("$(since "$start")")
done
sqlite_med="$(printf '%s\n' "${sqlite_times[@]}" | median)"
sq() { grep -c "^$1|" "$work/sqlite.out" || true; }
sqlite_cdrs_caller="$(sq cdrs)"
sqlite_cdrs_all="$(awk -F'|' '$1 ~ /^cdrs/ { print $2 }' "$work/sqlite.out" | sort -u | wc -l)"
sqlite_total=$(( sqlite_cdrs_all + $(sq recordings) + $(sq voicemails) + $(sq emails) + $(sq contacts) \
    + $(sq orders) + $(sq service_numbers) ))
printf 'sqlite3 canonical: median %.1f ms of %d, %d rows: cdrs %d (caller %d, forwarded %d, on forwarding numbers %d), recordings %d, voicemails %d, emails %d, contacts %d, orders %d, service_numbers %d\n' \
    "$(awk -v s="$sqlite_med" 'BEGIN { print s * 1000 }')" "$RUNS" "$sqlite_total" \
    "$sqlite_cdrs_all" "$sqlite_cdrs_caller" "$(sq cdrs-forwarded)" "$(sq cdrs-on-forwarding-numbers)" \
    "$(sq recordings)" "$(sq voicemails)" "$(sq emails)" "$(sq contacts)" "$(sq orders)" "$(sq service_numbers)"
dsr_cdrs="$(count "$work/locate.json" cdrs)"
dsr_cdrs_subject="$(count "$work/locate.json" cdrs:subject)"
if [ "$dsr_cdrs" = "$sqlite_cdrs_all" ] && [ "$dsr_cdrs_subject" = "$sqlite_cdrs_caller" ]; then
    agree="agree"
else
    agree="DISAGREE"
fi
echo "cdrs matched: sqlite3 canonical $sqlite_cdrs_all (caller $sqlite_cdrs_caller), dsr $dsr_cdrs (subject $dsr_cdrs_subject): $agree"

# ---- 5. reference (b): normalising full scan ---------------------------------------------
/usr/bin/time -f %M -o "$work/rss-scan" "$DSR" locate --config "$CFG" --json --scan "phone:$PHONE" \
    >"$work/scan.json"                                     # first run: records and RSS
scan_times=()
for _ in $(seq "$SCAN_RUNS"); do
    start="$(now)"
    "$DSR" locate --config "$CFG" --json --scan "phone:$PHONE" >/dev/null
    scan_times+=("$(since "$start")")
done
scan_med="$(printf '%s\n' "${scan_times[@]}" | median)"
scan_rss="$(tail -n 1 "$work/rss-scan")"
scan_total="$(count "$work/scan.json" total)"
printf 'dsr locate --scan: median %.2f s of %d, %d records: %s\n' "$scan_med" "$SCAN_RUNS" \
    "$scan_total" "$(by_table "$work/scan.json")"

# ---- 6. incremental refresh after NEW_ROWS new CDRs ---------------------------------------
# Copies of the NEW_ROWS CDRs from the subject's first call on (so the subject gains calls),
# appended above max(id). Afterwards the copies are deleted again (the workspace is left as
# it was, so WORKSPACE=dir can be reused) and locate must stop reporting them.
lo="$(python3 -c '
import json, sys
print(min(int(r["key"]) for r in json.load(open(sys.argv[1]))["records"] if r["table"] == "cdrs"))' \
    "$work/locate.json")"
hi=$(( lo + NEW_ROWS - 1 ))
old_max="$(sqlite3 "$OPS" 'SELECT max(id) FROM cdrs')"
found_in_window="$(python3 -c '
import json, sys
lo, hi = int(sys.argv[2]), int(sys.argv[3])
print(sum(1 for r in json.load(open(sys.argv[1]))["records"] if r["table"] == "cdrs" and lo <= int(r["key"]) <= hi))' \
    "$work/locate.json" "$lo" "$hi")"
inserted="$(sqlite3 "$OPS" <<SQL
BEGIN;
INSERT INTO cdrs (id, service_number, caller_number, caller_withheld, started_at, duration_s,
                  forwarded_to, charge_cents, invoice_id)
  SELECT id + $old_max, service_number, caller_number, caller_withheld,
         started_at, duration_s, forwarded_to, charge_cents, invoice_id
  FROM cdrs WHERE id BETWEEN $lo AND $hi ORDER BY id;
SELECT changes();
COMMIT;
SQL
)"
start="$(now)"
/usr/bin/time -f %M -o "$work/rss-refresh" "$DSR" index refresh --config "$CFG" >/dev/null
refresh_s="$(since "$start")"
refresh_rss="$(tail -n 1 "$work/rss-refresh")"
locate >"$work/after.json"
after_total="$(count "$work/after.json" total)"
expected_after=$(( locate_total + found_in_window ))
[ "$after_total" = "$expected_after" ] && after_ok="ok" || after_ok="WRONG"
printf 'index refresh after %d new CDRs (copies of ids %d..%d): %.3f s, peak RSS %d kB\n' \
    "$inserted" "$lo" "$hi" "$refresh_s" "$refresh_rss"
printf '  locate after the insert: %d records (expected %d = %d + %d copied calls of the subject): %s\n' \
    "$after_total" "$expected_after" "$locate_total" "$found_in_window" "$after_ok"
sqlite3 "$OPS" "DELETE FROM cdrs WHERE id > $old_max"
locate >"$work/deleted.json"
deleted_total="$(count "$work/deleted.json" total)"
[ "$deleted_total" = "$locate_total" ] && deleted_ok="ok" || deleted_ok="WRONG"
printf '  locate after deleting the copies again: %d records (expected %d): %s\n' \
    "$deleted_total" "$locate_total" "$deleted_ok"

# ---- fixed costs of one dsr process, for reading the locate figure -----------------------
version_times=(); noop_times=()
for _ in $(seq "$RUNS"); do
    start="$(now)"; "$DSR" --version >/dev/null; version_times+=("$(since "$start")")
    start="$(now)"; "$DSR" index refresh --config "$CFG" >/dev/null; noop_times+=("$(since "$start")")
done
version_med="$(printf '%s\n' "${version_times[@]}" | median)"
noop_med="$(printf '%s\n' "${noop_times[@]}" | median)"
printf 'fixed costs: dsr --version %.1f ms (process start), index refresh with nothing new %.1f ms (the freshness check locate makes first), medians of %d\n' \
    "$(awk -v s="$version_med" 'BEGIN { print s * 1000 }')" "$(awk -v s="$noop_med" 'BEGIN { print s * 1000 }')" "$RUNS"

# ---- 7. many subjects in one process (issue 8) -------------------------------------------
# A Swift process needs ~7 ms to start, so per-process locate cannot come near sqlite3; the
# lookup itself is measured in one process: dsr-bench locates MANY different callers (their
# canonical numbers from canon.db, a fixed pseudo-random choice) one after another, beside
# the sqlite3 CLI answering the same MANY questions (section 4's queries per caller) from one
# script. Both are timed as a whole; per request = total / MANY. Medians of MANY_RUNS.
BENCH="${BENCH:-$(dirname "$DSR")/dsr-bench}"
MANY="${MANY:-1000}"
MANY_RUNS="${MANY_RUNS:-5}"
[ -x "$BENCH" ] || { echo "dsr-bench not found: $BENCH" >&2; exit 66; }
callers "$W/canon.db" "$MANY" "$PHONE" >"$work/callers.txt"
sed 's/^/phone:/' "$work/callers.txt" >"$work/subjects.txt"
locate_queries "$work/callers.txt" >"$work/many.sql"
sqlite3 "$W/canon.db" <"$work/many.sql" >"$work/many.out"              # warm-up and the rows
many_sqlite_rows="$(awk -F'|' '{ print $1 "|" $2 "|" $3 }' "$work/many.out" | sort -u | wc -l)"
"$BENCH" "$CFG" "$work/subjects.txt" >"$work/many-dsr.json"            # warm-up and the records
many_dsr_records="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["records"])' "$work/many-dsr.json")"
many_sqlite=(); many_dsr=(); many_audited=()
for _ in $(seq "$MANY_RUNS"); do
    start="$(now)"; sqlite3 "$W/canon.db" <"$work/many.sql" >/dev/null; many_sqlite+=("$(since "$start")")
    start="$(now)"; "$BENCH" "$CFG" "$work/subjects.txt" >/dev/null; many_dsr+=("$(since "$start")")
    start="$(now)"; "$BENCH" "$CFG" "$work/subjects.txt" --audited >/dev/null; many_audited+=("$(since "$start")")
done
many_sqlite_med="$(printf '%s\n' "${many_sqlite[@]}" | median)"
many_dsr_med="$(printf '%s\n' "${many_dsr[@]}" | median)"
many_audited_med="$(printf '%s\n' "${many_audited[@]}" | median)"
printf 'in one process, %d callers: dsr %.3f ms/request (%.2f s), with audit entries %.3f ms/request, sqlite3 %.3f ms/request (%.2f s); records dsr %d, sqlite3 rows %d\n' \
    "$MANY" "$(awk -v s="$many_dsr_med" -v n="$MANY" 'BEGIN { print s * 1000 / n }')" "$many_dsr_med" \
    "$(awk -v s="$many_audited_med" -v n="$MANY" 'BEGIN { print s * 1000 / n }')" \
    "$(awk -v s="$many_sqlite_med" -v n="$MANY" 'BEGIN { print s * 1000 / n }')" "$many_sqlite_med" \
    "$many_dsr_records" "$many_sqlite_rows"

# ---- 8. summary --------------------------------------------------------------------------
echo
echo "summary ($ncdrs CDRs before the insert, phone:$PHONE)"
awk -v b="$build_s" -v l="$locate_med" -v s="$sqlite_med" -v sc="$scan_med" -v r="$refresh_s" -v k="$inserted" \
    -v br="$build_rss" -v lr="$locate_rss" -v sr="$scan_rss" -v rr="$refresh_rss" -v n="$RUNS" 'BEGIN {
    printf "  index build:             %8.2f s      (target <= 60 s)\n", b
    printf "  dsr locate (index):      %8.1f ms     median of %d\n", l * 1000, n
    printf "  sqlite3 canonical:       %8.1f ms     median of %d\n", s * 1000, n
    printf "  ratio locate/sqlite3:    %8.2f        (target <= 2.0)\n", l / s
    printf "  dsr locate --scan:       %8.2f s      median of 3, %.0fx the index locate\n", sc, sc / l
    printf "  refresh after %6d:    %8.3f s      (target < 1 s)\n", k, r
    printf "  peak RSS: build %.0f MB, locate %.0f MB, scan %.0f MB, refresh %.0f MB\n",
        br / 1024, lr / 1024, sr / 1024, rr / 1024
}'
awk -v v="$version_med" -v o="$noop_med" -v l="$locate_med" 'BEGIN {
    printf "  fixed costs in locate:   %8.1f ms     process start, %.1f ms with the freshness check\n", v * 1000, o * 1000
    printf "  ratio locate/--version:  %8.2f        (target <= 2.0)\n", l / v }'
awk -v d="$many_dsr_med" -v a="$many_audited_med" -v s="$many_sqlite_med" -v n="$MANY" 'BEGIN {
    printf "  in-process per request:  %8.3f ms     dsr (%.3f ms with audit entries), sqlite3 %.3f ms\n", d * 1000 / n, a * 1000 / n, s * 1000 / n
    printf "  ratio in-process/sqlite3:%8.2f        (target <= 2.0)\n", d / s }'
echo "  records: locate $locate_total, scan $scan_total, sqlite3 $sqlite_total; cdrs $agree;" \
    "after insert $after_ok, after delete $deleted_ok"
