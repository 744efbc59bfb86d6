#!/usr/bin/env bash
# Issue 12, benchmark section: the retention audit and purge on a 10,000,000-CDR demo
# workspace dated (--as-of 2026-08-24) so that about 30 % of the CDRs are past the 400-day rule
# (2,989,537 of 10M with --seed 7).
#   1. `dsr retention audit --json` beside the sqlite3 CLI running the equivalent
#      `SELECT count(*)` queries (one script, one process). Medians of RUNS, after one warm-up
#      run of each. dsr's count per rule must equal sqlite3's (exit 1 at once otherwise).
#      Target: <= 1.5x sqlite3.
#   2. `dsr retention audit --apply --max-rows MAX_ROWS --json` (one run purges everything)
#      beside the sqlite3 CLI running the equivalent DELETE/UPDATE statements with
#      `PRAGMA secure_delete = ON` in one transaction on a fresh copy of ops.db, then
#      `PRAGMA wal_checkpoint(TRUNCATE)`. Target: <= 2x sqlite3, peak RSS < 64 MB.
#      dsr's run does more than the reference: its journal, the files (recordings, voicemail
#      audio, e-mails: ~1,200 at 10M, deleted after the commit; sqlite3 deletes no file), the
#      index entries of the changed rows, the residue scan, the audit entry. Afterwards the
#      row counts per table of both results are compared and printed; a mismatch is reported
#      (exit 1 at the end, after the timings). APPLY_RUNS=1 by default: one purge at 10M takes
#      minutes, for dsr and for sqlite3.
# Times: wall clock around each process (EPOCHREALTIME, µs) and /usr/bin/time -f '%e %M'
# (its %e, wall in 10 ms steps, is kept as a cross-check; %M is the peak RSS in kB).
# The index (state/index.db) is bound to ops.db's device and inode, size and mtime: a copied
# workspace has its index rebuilt at first use. So, as bench/erase.sh does, the work copy gets
# its index once (`dsr index refresh`, not timed) and is then set back to a pristine snapshot
# in place before every purge (ops.db rewritten into the same inode with its old mtime, state
# and files copied back; not timed): no timed dsr run includes an index build. The audit reads
# no index and changes nothing in ops.db, so its runs share one copy. sqlite3 gets a fresh
# copy of ops.db for every purge.
#
# Usage: DSR=.build/release/dsr bench/retention.sh
#   CALLS=10000000  CDRs of the demo workspace      AS_OF=2026-08-24  the audit's --as-of day
#   RUNS=5          timed audit runs (medians)      APPLY_RUNS=1      timed purges (long at 10M)
#   MAX_ROWS=10000000  --max-rows of the purge (enough for one run to purge everything)
#   WORKSPACE=dir   reuse a demo workspace (read only: it is copied)
#   SKIP_APPLY=1    the audit only                  KEEP=1            keep the work dir
set -euo pipefail
export LC_ALL=C

DSR="${DSR:-.build/release/dsr}"
CALLS="${CALLS:-10000000}"
AS_OF="${AS_OF:-2026-08-24}"
RUNS="${RUNS:-5}"
APPLY_RUNS="${APPLY_RUNS:-1}"
MAX_ROWS="${MAX_ROWS:-10000000}"
SKIP_APPLY="${SKIP_APPLY:-0}"
for tool in sqlite3 python3; do
    command -v "$tool" >/dev/null || { echo "$tool not found" >&2; exit 66; }
done
[ -x /usr/bin/time ] || { echo "/usr/bin/time not found (apt-get install time)" >&2; exit 66; }
[ -x "$DSR" ] || { echo "dsr binary not found: $DSR" >&2; exit 66; }
DSR="$(cd "$(dirname "$DSR")" && pwd)/$(basename "$DSR")"
[[ "$AS_OF" =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || { echo "AS_OF must be YYYY-MM-DD: $AS_OF" >&2; exit 64; }
for n in "$CALLS" "$RUNS" "$APPLY_RUNS" "$MAX_ROWS"; do
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "CALLS, RUNS, APPLY_RUNS and MAX_ROWS must be positive integers" >&2; exit 64; }
done
[ "$(sqlite3 :memory: "SELECT unixepoch('2026-01-01')" 2>/dev/null || true)" = 1767225600 ] ||
    { echo "the sqlite3 CLI lacks unixepoch() (needs SQLite >= 3.38)" >&2; exit 66; }

work="$(mktemp -d)"
if [ "${KEEP:-0}" = 1 ]; then echo "work dir kept: $work"; else trap 'rm -rf "$work"' EXIT; fi

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
m() { printf '%s\n' "$@" | median; }
maxof() { printf '%s\n' "$@" | sort -g | tail -n 1; }
# timed OUT CMD...: runs CMD under /usr/bin/time -f '%e %M'; sets wall (s, EPOCHREALTIME),
# rss (kB) and rc (CMD's exit status: the caller judges it, set -e does not). OUT gets stdout.
timed() {
    local out="$1"; shift
    local start; start="$(now)"
    rc=0
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" >"$out" 2>"$work/stderr" || rc=$?
    wall="$(since "$start")"
    # /usr/bin/time writes "Command exited with non-zero status N" first when N != 0.
    read -r time_e rss <<<"$(tail -n 1 "$work/time")"
}
fail() {  # MESSAGE: stops the benchmark (stderr of the last timed command shown)
    echo "$1" >&2
    [ -s "$work/stderr" ] && sed 's/^/  | /' "$work/stderr" >&2
    exit 1
}

# ---- 1. the workspace ---------------------------------------------------------------------
if [ -n "${WORKSPACE:-}" ] && [ -f "$WORKSPACE/dsr.yaml" ]; then
    echo "workspace: copying $WORKSPACE"
    cp -a --reflink=auto "$WORKSPACE" "$work/base"
elif [ -n "${WORKSPACE:-}" ]; then
    echo "WORKSPACE=$WORKSPACE has no dsr.yaml" >&2; exit 66
else
    start="$(now)"
    "$DSR" demo --dir "$work/base" --calls "$CALLS" --seed 7 >/dev/null
    printf 'workspace: dsr demo --calls %s --seed 7 in %.1f s\n' "$CALLS" "$(since "$start")"
fi
B="$work/base"
CFG="$B/dsr.yaml"
[ -f "$B/ops.db" ] || { echo "no ops.db in $B (this script expects the demo layout)" >&2; exit 66; }
rm -f "$B/ops.db-journal" "$B/ops.db-wal" "$B/ops.db-shm"
ncdrs="$(sqlite3 -readonly "$B/ops.db" 'SELECT count(*) FROM cdrs')"
if [ "$SKIP_APPLY" != 1 ]; then
    # The copy's index (rebuilt: the copy is another file), before the snapshot, not timed.
    start="$(now)"
    "$DSR" index refresh --config "$CFG" >/dev/null
    printf 'index: dsr index refresh of the copy in %.1f s (not timed; restore() keeps it valid)\n' "$(since "$start")"
    pristine "$B" "$work/pristine"
fi

# ---- the reference SQL --------------------------------------------------------------------
A="unixepoch('$AS_OF')"
PAST_RECORDINGS="SELECT r.id FROM recordings r JOIN cdrs c ON c.id = r.cdr_id
  JOIN service_numbers s ON s.number = c.service_number
  WHERE s.recording_retention_days IS NOT NULL AND unixepoch(r.recorded_at) + s.recording_retention_days*86400 < $A"
# One line per rule, in this order (the names are the keys of dsr's violations: table[.column]).
RULES=(cdrs recordings voicemails.file_path voicemails emails orders.ip_address invoices)
# A call past 400 days counts when it still holds a number in clear, or when no recording or
# voicemail keeps it (CONTRACT.md section 7): a kept call without numbers (withheld, not
# forwarded, or pseudonymised already) is what the rule wants, not a violation.
CLEAR="((coalesce(caller_number, '') <> '' AND caller_number NOT LIKE 'erased:%')
  OR (coalesce(forwarded_to, '') <> '' AND forwarded_to NOT LIKE 'erased:%'))"
KEPT="(id IN (SELECT cdr_id FROM recordings WHERE cdr_id IS NOT NULL)
  OR id IN (SELECT cdr_id FROM voicemails WHERE cdr_id IS NOT NULL))"
cat >"$work/audit.sql" <<SQL
SELECT count(*) FROM cdrs WHERE unixepoch(started_at) + 400*86400 < $A AND ($CLEAR OR NOT $KEPT);
SELECT count(*) FROM ($PAST_RECORDINGS);
SELECT count(*) FROM voicemails WHERE file_path IS NOT NULL AND emailed_at IS NOT NULL AND unixepoch(emailed_at) < $A;
SELECT count(*) FROM voicemails WHERE unixepoch(received_at) + 400*86400 < $A;
SELECT count(*) FROM emails WHERE unixepoch(sent_at) + 730*86400 < $A;
SELECT count(*) FROM orders WHERE ip_address IS NOT NULL AND unixepoch(ordered_at) + 365*86400 < $A;
SELECT count(*) FROM invoices WHERE unixepoch(issued_at) + 2555*86400 < $A;
SQL
cat >"$work/purge.sql" <<SQL
PRAGMA secure_delete = ON;
BEGIN;
DELETE FROM recordings WHERE id IN ($PAST_RECORDINGS);
DELETE FROM emails WHERE id IN (SELECT email_id FROM voicemails WHERE unixepoch(received_at) + 400*86400 < $A);
DELETE FROM voicemails WHERE unixepoch(received_at) + 400*86400 < $A;
UPDATE voicemails SET file_path = NULL WHERE emailed_at IS NOT NULL AND file_path IS NOT NULL AND unixepoch(emailed_at) < $A;
UPDATE voicemails SET email_id = NULL WHERE email_id IN (SELECT id FROM emails WHERE unixepoch(sent_at) + 730*86400 < $A);
UPDATE orders SET ip_address = NULL WHERE ip_address IS NOT NULL AND unixepoch(ordered_at) + 365*86400 < $A;
UPDATE cdrs SET caller_number = 'erased:0', forwarded_to = NULL WHERE unixepoch(started_at) + 400*86400 < $A
  AND $KEPT;
DELETE FROM cdrs WHERE unixepoch(started_at) + 400*86400 < $A AND NOT $KEPT;
DELETE FROM emails WHERE unixepoch(sent_at) + 730*86400 < $A;
DELETE FROM invoices WHERE unixepoch(issued_at) + 2555*86400 < $A
  AND id NOT IN (SELECT invoice_id FROM cdrs WHERE invoice_id IS NOT NULL);
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
SQL
# Rows after a purge; the first five decide (CHECKED), the others are printed for information.
# cdrs.past_left: CDRs past retention still there (after a purge: those a recording or voicemail
# keeps); cdrs.past_number: those of them with a caller or forwarded-to number that is not a
# token (0 after a purge). Rows, not tokens: the reference writes 'erased:0' over a withheld
# caller's NULL as well, and sets forwarded_to NULL where dsr pseudonymises it.
COUNT_NAMES=(cdrs recordings voicemails emails orders.ip_null cdrs.past_left cdrs.past_number voicemails.no_audio invoices)
CHECKED=5
count_sql="SELECT (SELECT count(*) FROM cdrs), (SELECT count(*) FROM recordings), (SELECT count(*) FROM voicemails),
  (SELECT count(*) FROM emails), (SELECT count(*) FROM orders WHERE ip_address IS NULL),
  (SELECT count(*) FROM cdrs WHERE unixepoch(started_at) + 400*86400 < $A),
  (SELECT count(*) FROM cdrs WHERE unixepoch(started_at) + 400*86400 < $A
     AND (caller_number NOT LIKE 'erased:%' OR forwarded_to NOT LIKE 'erased:%')),
  (SELECT count(*) FROM voicemails WHERE file_path IS NULL),
  (SELECT count(*) FROM invoices)"
rows() { sqlite3 -readonly -separator ' ' "$1" "$count_sql"; }  # DB
# dsr's count per rule from an audit --json document, in the order of RULES (0 when absent).
dsr_counts() {
    python3 - "$1" "${RULES[@]}" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
found = {}
for v in doc["violations"]:
    key = v["table"] + ("." + v["column"] if v.get("column") else "")
    found[key] = found.get(key, 0) + v["count"]
print(" ".join(str(found.get(rule, 0)) for rule in sys.argv[2:]))
PY
}

# ---- 2. the audit -------------------------------------------------------------------------
audit_wall=(); audit_rss=(); audit_e=(); sqla_wall=(); sqla_rss=(); sqla_e=()
for i in $(seq 0 "$RUNS"); do   # run 0 is a warm-up, not counted
    timed "$work/audit.json" "$DSR" retention audit --config "$CFG" --as-of "$AS_OF" --json
    # Exit 1: something is past retention (expected here); 0: nothing is.
    [ "$rc" = 0 ] || [ "$rc" = 1 ] || fail "dsr retention audit failed (exit $rc)"
    d_wall="$wall"; d_rss="$rss"; d_e="$time_e"; d_rc="$rc"
    timed "$work/audit.out" sqlite3 -readonly "$B/ops.db" <"$work/audit.sql"
    [ "$rc" = 0 ] || fail "sqlite3 audit failed (exit $rc)"
    if [ "$i" = 0 ]; then
        got="$(dsr_counts "$work/audit.json")"
        want="$(tr '\n' ' ' <"$work/audit.out" | sed 's/ $//')"
        echo "audit as of $AS_OF (exit $d_rc): rule: dsr / sqlite3"
        read -r -a g <<<"$got"; read -r -a w <<<"$want"
        for k in "${!RULES[@]}"; do
            printf '  %-20s %9s / %-9s %s\n' "${RULES[$k]}" "${g[$k]:-?}" "${w[$k]:-?}" \
                "$([ "${g[$k]:-}" = "${w[$k]:-}" ] && echo ok || echo MISMATCH)"
        done
        if [ "$got" != "$want" ]; then
            fail "dsr's audit counts differ from the sqlite3 reference"
        fi
        past_cdrs="${w[0]}"
        continue
    fi
    audit_wall+=("$d_wall"); audit_rss+=("$d_rss"); audit_e+=("$d_e")
    sqla_wall+=("$wall"); sqla_rss+=("$rss"); sqla_e+=("$time_e")
    printf 'audit run %d: dsr %.3f s (%s s by time(1), %.1f MB), sqlite3 %.3f s (%s s, %.1f MB)\n' "$i" \
        "$d_wall" "$d_e" "$(awk -v k="$d_rss" 'BEGIN { print k / 1024 }')" \
        "$wall" "$time_e" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')"
done
audit_m="$(m "${audit_wall[@]}")"; sqla_m="$(m "${sqla_wall[@]}")"
audit_rss_max="$(maxof "${audit_rss[@]}")"; sqla_rss_max="$(maxof "${sqla_rss[@]}")"

# ---- 3. the purge -------------------------------------------------------------------------
mismatch=0
if [ "$SKIP_APPLY" != 1 ]; then
    echo "purge: before: $(paste -d= <(printf '%s\n' "${COUNT_NAMES[@]}") <(rows "$work/pristine/ops.db" | tr ' ' '\n') | tr '\n' ' ')"
    apply_wall=(); apply_rss=(); sqlp_wall=(); sqlp_rss=()
    for i in $(seq "$APPLY_RUNS"); do
        restore "$work/pristine" "$B"
        # A check, not timed: the restored index must still be valid (a refresh with nothing to do).
        "$DSR" index refresh --config "$CFG" >"$work/refresh.out"
        grep -q 'rows read: 0,' "$work/refresh.out" ||
            echo "WARNING: the restored index was not valid; refreshed untimed: $(tr '\n' ' ' <"$work/refresh.out")" >&2
        timed "$work/apply.json" "$DSR" retention audit --config "$CFG" --as-of "$AS_OF" \
            --apply --max-rows "$MAX_ROWS" --json
        # Exit 0: all purged, residue 0; exit 1: residue left (reported below, not a crash).
        [ "$rc" = 0 ] || [ "$rc" = 1 ] || fail "dsr retention audit --apply failed (exit $rc)"
        d_wall="$wall"; d_rss="$rss"; d_e="$time_e"; d_rc="$rc"
        after_dsr="$(rows "$B/ops.db")"
        rc=0; "$DSR" retention audit --config "$CFG" --as-of "$AS_OF" >/dev/null 2>"$work/after-audit.err" || rc=$?
        after_audit_rc="$rc"
        rm -f "$work/ref.db" "$work/ref.db-journal" "$work/ref.db-wal"
        cp "$work/pristine/ops.db" "$work/ref.db"; sync
        timed /dev/null sqlite3 -bail "$work/ref.db" <"$work/purge.sql"
        [ "$rc" = 0 ] || fail "sqlite3 purge failed (exit $rc)"
        after_sql="$(rows "$work/ref.db")"
        apply_wall+=("$d_wall"); apply_rss+=("$d_rss"); sqlp_wall+=("$wall"); sqlp_rss+=("$rss")
        printf 'purge run %d: dsr %.2f s (%s s by time(1), %.1f MB, exit %s), sqlite3 %.2f s (%s s, %.1f MB)\n' "$i" \
            "$d_wall" "$d_e" "$(awk -v k="$d_rss" 'BEGIN { print k / 1024 }')" "$d_rc" \
            "$wall" "$time_e" "$(awk -v k="$rss" 'BEGIN { print k / 1024 }')"
    done
    rm -f "$work/ref.db" "$work/ref.db-journal"
    # What the (last) purge reported: per rule purged / blocked / left, the residue scan.
    python3 - "$work/apply.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
parts = []
for c in doc.get("purged") or []:
    name = c["table"] + ("." + c["column"] if c.get("column") else "") + (" (files)" if c.get("scope") == "file" else "")
    extra = "".join(f", {k} {c[k]}" for k in ("blocked", "left") if c.get(k))
    parts.append(f"{name} {c['purged']}{extra}")
print("purged (dsr --json): " + (", ".join(parts) or "nothing"))
r = doc.get("residue") or {}
places = ", ".join(f"{p['place']} ({p['count']})" for p in r.get("places", []))
print(f"residue: {r.get('found', '?')} found" + (f" in {places}" if places else "") + f"; compacted: {doc.get('compacted')}")
left = sum(c.get("left", 0) for c in doc.get("purged") or [])
if left: print(f"NOTE: {left} records left past retention (MAX_ROWS too small, or held)")
PY
    echo "after the purge: dsr retention audit exits $after_audit_rc$([ "$after_audit_rc" = 0 ] && echo ' (nothing past retention)')"
    [ -s "$work/after-audit.err" ] && sed 's/^/  | /' "$work/after-audit.err"
    read -r -a ad <<<"$after_dsr"; read -r -a as <<<"$after_sql"
    echo "rows after the purge: dsr / sqlite3"
    for k in "${!COUNT_NAMES[@]}"; do
        if [ "${ad[$k]:-}" = "${as[$k]:-}" ]; then verdict=ok
        elif [ "$k" -lt "$CHECKED" ]; then verdict=MISMATCH; mismatch=1
        else verdict="differs (not checked)"; fi
        printf '  %-20s %9s / %-9s %s\n' "${COUNT_NAMES[$k]}" "${ad[$k]:-?}" "${as[$k]:-?}" "$verdict"
    done
    apply_m="$(m "${apply_wall[@]}")"; sqlp_m="$(m "${sqlp_wall[@]}")"
    apply_rss_max="$(maxof "${apply_rss[@]}")"; sqlp_rss_max="$(maxof "${sqlp_rss[@]}")"
    rm -rf "$work/pristine"
fi

# ---- 4. summary ---------------------------------------------------------------------------
verdict() { if awk -v a="$1" -v b="$2" "BEGIN { exit !(a $3 b) }"; then echo met; else echo "NOT met"; fi; }
echo
echo "summary ($ncdrs CDRs, as of $AS_OF: $past_cdrs CDRs past the 400-day rule)"
printf '  %-8s %10s %9s %11s %9s %7s  %s\n' "" "dsr" "dsr RSS" "sqlite3" "sql RSS" "ratio" "targets"
a_ratio="$(awk -v a="$audit_m" -v b="$sqla_m" 'BEGIN { printf "%.2f", a / b }')"
a_mb="$(awk -v k="$audit_rss_max" 'BEGIN { printf "%.1f", k / 1024 }')"
printf '  %-8s %8.3f s %6.1f MB %9.3f s %6.1f MB %7s  ratio <= 1.5: %s; RSS < 64 MB: %s (medians of %d)\n' \
    audit "$audit_m" "$a_mb" "$sqla_m" "$(awk -v k="$sqla_rss_max" 'BEGIN { print k / 1024 }')" "$a_ratio" \
    "$(verdict "$a_ratio" 1.5 '<=')" "$(verdict "$a_mb" 64 '<')" "$RUNS"
if [ "$SKIP_APPLY" != 1 ]; then
    p_ratio="$(awk -v a="$apply_m" -v b="$sqlp_m" 'BEGIN { printf "%.2f", a / b }')"
    p_mb="$(awk -v k="$apply_rss_max" 'BEGIN { printf "%.1f", k / 1024 }')"
    printf '  %-8s %8.2f s %6.1f MB %9.2f s %6.1f MB %7s  ratio <= 2.0: %s; RSS < 64 MB: %s (%s of %d)\n' \
        apply "$apply_m" "$p_mb" "$sqlp_m" "$(awk -v k="$sqlp_rss_max" 'BEGIN { print k / 1024 }')" "$p_ratio" \
        "$(verdict "$p_ratio" 2.0 '<=')" "$(verdict "$p_mb" 64 '<')" \
        "$([ "$APPLY_RUNS" = 1 ] && echo 'one run' || echo 'median')" "$APPLY_RUNS"
    echo "  (dsr's purge also deletes the files, forgets index entries and scans for residue; sqlite3's does none of it)"
    [ "$mismatch" = 0 ] || { echo "rows after the purge differ between dsr and the sqlite3 reference" >&2; exit 1; }
else
    echo "  apply: skipped (SKIP_APPLY=1)"
fi
