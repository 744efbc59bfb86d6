#!/usr/bin/env bash
# Issue 10, benchmark section: `dsr erase` of one subject with ~100 records among 10,000,000
# CDRs, and what a crash does to it.
#   1. the erasure without the residue scan (`dsr-bench erase`, in one process: plan, journal,
#      transaction, audit entry, index, files) beside the sqlite3 CLI running the same
#      statements by primary key, generated from the plan's `--json` steps, in one transaction
#      with `PRAGMA secure_delete=ON` and `PRAGMA wal_checkpoint(TRUNCATE)`.
#      Target: <= 2x sqlite3, peak RSS < 64 MB.
#   2. the residue scan: DSRKit's ResidueScanner (`dsr-bench erase --forms`, timed on its own
#      after the erasure) beside `LC_ALL=C grep -F -c -i -f FORMS` over the same files (ops.db,
#      its -wal/-journal, every file of the state dir) with the same forms: the subject's
#      identifiers and the stored text of every cell the plan changes. Target: >= 0.5x grep's
#      throughput. Also the scan as `dsr erase --apply` runs it (`dsr-bench erase --scan`),
#      given as the difference of medians.
#   3. kill -9 trials on a small demo workspace: `dsr erase --apply --yes` killed after a random
#      delay in [0, T] (T: the median uninterrupted run), then `dsr erase --resume`; the end
#      state (`sqlite3 .dump` of ops.db with pseudonym tokens normalised, sha256 of every file
#      under files/) must equal an uninterrupted run's. A kill that lands before the journal
#      entry exists leaves nothing to resume: such a trial must have left everything as it was,
#      and then a plain re-run must reach the same end state (counted apart).
# Every run starts from the same pristine files (restoring them is not timed): dsr changes
# ops.db, the index, state.db and files, so its workspace is set back whole (see restore());
# sqlite3 gets a fresh copy of ops.db.
#
# Usage: DSR=.build/release/dsr BENCH=.build/release/dsr-bench bench/erase.sh
#   CALLS=10000000  CDRs in the big workspace       RUNS=5        timed runs of each
#   WORKSPACE=dir   reuse a demo workspace (read only: it is copied)
#   TRIALS=100      kill -9 trials                  SMALL_CALLS=3000  CDRs of the trial workspace
#   FLAGS="--include-processor-data"  erase flags (default: the subject's recordings and
#                   voicemails too, so that all ~100 records and 16 files go)
#   KEEP=1          keep the work dir (a differing trial's folder is always kept)
set -euo pipefail
export LC_ALL=C

DSR="${DSR:-.build/release/dsr}"
BENCH="${BENCH:-$(dirname "$DSR")/dsr-bench}"
CALLS="${CALLS:-10000000}"
RUNS="${RUNS:-5}"
TRIALS="${TRIALS:-100}"
SMALL_CALLS="${SMALL_CALLS:-3000}"
FLAGS="${FLAGS---include-processor-data}"
read -r -a flags <<<"$FLAGS"
SUBJECT=(phone:+31681234567 email:sanne.bakker@example.nl)   # the demo's planted "caller"
for tool in sqlite3 python3 grep sha256sum; do
    command -v "$tool" >/dev/null || { echo "$tool not found" >&2; exit 66; }
done
[ -x /usr/bin/time ] || { echo "/usr/bin/time not found (apt-get install time)" >&2; exit 66; }
[ -x "$DSR" ] || { echo "dsr binary not found: $DSR" >&2; exit 66; }
[ -x "$BENCH" ] || { echo "dsr-bench not found: $BENCH" >&2; exit 66; }
DSR="$(cd "$(dirname "$DSR")" && pwd)/$(basename "$DSR")"
BENCH="$(cd "$(dirname "$BENCH")" && pwd)/$(basename "$BENCH")"

work="$(mktemp -d)"
if [ "${KEEP:-0}" = 1 ]; then echo "work dir kept: $work"; else trap 'rm -rf "$work"' EXIT; fi

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
field() { python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"; }

# ---- 1. the workspace and the plan ------------------------------------------------------
if [ -n "${WORKSPACE:-}" ] && [ -f "$WORKSPACE/dsr.yaml" ]; then
    echo "workspace: copying $WORKSPACE"
    cp -a --reflink=auto "$WORKSPACE" "$work/base"
else
    start="$(now)"
    "$DSR" demo --dir "$work/base" --calls "$CALLS" --seed 7 >/dev/null
    printf 'workspace: dsr demo --calls %s in %.1f s\n' "$CALLS" "$(since "$start")"
fi
B="$work/base"
[ -f "$B/ops.db" ] || { echo "no ops.db in $B (this script expects the demo layout)" >&2; exit 66; }
ncdrs="$(sqlite3 "$B/ops.db" 'SELECT count(*) FROM cdrs')"
# The plan (also builds the index when the workspace has none, so every copy starts with one).
start="$(now)"
"$DSR" erase --config "$B/dsr.yaml" --json "${flags[@]}" "${SUBJECT[@]}" >"$work/plan.json"
printf 'plan: dsr erase --json in %.1f s (first run: includes an index build if there was none)\n' "$(since "$start")"
"$DSR" datamap show --config "$B/dsr.yaml" >"$work/datamap.yaml"
pristine "$B" "$work/pristine"

# The sqlite3 reference and the forms, from the plan's steps. Primary keys from the data map.
python3 - "$work" "$B/ops.db" "${SUBJECT[@]}" <<'PY'
import collections, json, re, sqlite3, sys
work, db, subject = sys.argv[1], sys.argv[2], sys.argv[3:]
plan = json.load(open(f"{work}/plan.json"))
keys, table = {}, None
for line in open(f"{work}/datamap.yaml"):
    m = re.match(r"^  ([A-Za-z_][A-Za-z0-9_]*):\s*$", line)
    if m: table = m.group(1)
    m = re.match(r"^    primary_key: (\S+)", line)
    if m and table: keys[table] = m.group(1)
def q(name): return '"' + name.replace('"', '""') + '"'
def lit(value): return str(value) if isinstance(value, int) else "'" + str(value).replace("'", "''") + "'"
sql = ["PRAGMA secure_delete=ON;", "BEGIN IMMEDIATE;"]
counts = collections.Counter()
forms = set()
con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
for s in plan["steps"]:
    t, k, c, a = s["table"], s["key"], s.get("column"), s["action"]
    where = f"WHERE {q(keys[t])} = {lit(k)}"
    if a in ("set-null", "pseudonymise", "redact"):
        value = con.execute(f"SELECT {q(c)} FROM {q(t)} {where}").fetchone()[0]
        if value is not None: forms.add(str(value))
    if a == "delete-row": sql.append(f"DELETE FROM {q(t)} {where};")
    elif a == "set-null": sql.append(f"UPDATE {q(t)} SET {q(c)} = NULL {where};")
    elif a == "pseudonymise": sql.append(f"UPDATE {q(t)} SET {q(c)} = 'erased:0123456789abcdef' {where};")
    elif a == "redact": sql.append(f"UPDATE {q(t)} SET {q(c)} = '[redacted]' {where};")
    else: continue
    counts[a] += 1
sql += ["COMMIT;", "PRAGMA wal_checkpoint(TRUNCATE);"]
open(f"{work}/erase.sql", "w").write("\n".join(sql) + "\n")
# The subject's identifiers as typed, and E.164 without "+" (how dsr's own scan adds them).
for ident in subject:
    value = ident.split(":", 1)[1]
    forms.add(value)
    if ident.startswith("phone:+"): forms.add(value[1:])
forms = sorted(f for f in forms if len(f.encode()) >= 5)   # the scanner's minimum length
open(f"{work}/forms.txt", "w").write("\n".join(forms) + "\n")
print(f"plan: {len(plan['steps'])} steps ({', '.join(f'{a} {n}' for a, n in sorted(counts.items()))} change"
      f" the database), {len(plan['files'])} files, {len(plan['processor_held'])} processor-held;"
      f" {len(forms)} forms: {', '.join(forms)}")
PY
check_sql="SELECT (SELECT count(*) FROM recordings), (SELECT count(*) FROM voicemails), (SELECT count(*) FROM emails),
    (SELECT count(*) FROM cdrs WHERE caller_number LIKE 'erased:%'), (SELECT count(*) FROM cdrs)"
echo "before: recordings|voicemails|emails|pseudonymised cdrs|cdrs = $(sqlite3 "$B/ops.db" "$check_sql")"

# The files the scans read: ops.db, its journal files and every regular file of the state dir.
scan_files() {  # WORKSPACE
    local f
    for f in "$1/ops.db" "$1/ops.db-wal" "$1/ops.db-journal"; do [ -f "$f" ] && echo "$f"; done
    find "$1/state" -type f | sort
}

# ---- 2. the erasure, and the residue scan beside grep ------------------------------------
R="$B"
erase_wall=(); erase_in=(); erase_rss=(); sql_wall=(); sql_rss=(); scan_in=(); grep_s=()
withscan_in=(); scan_bytes=0
for i in $(seq 0 "$RUNS"); do   # run 0 is a warm-up, not counted
    restore "$work/pristine" "$R"
    start="$(now)"
    /usr/bin/time -f %M -o "$work/rss" "$BENCH" erase "$R/dsr.yaml" "${SUBJECT[@]}" "${flags[@]}" \
        --forms "$work/forms.txt" >"$work/erase.json"
    wall="$(since "$start")"
    after_dsr="$(sqlite3 "$R/ops.db" "$check_sql")"
    # grep over the same files, just read by the scanner (page cache warm for both).
    mapfile -t files < <(scan_files "$R")
    start="$(now)"
    grep -F -c -i -f "$work/forms.txt" "${files[@]}" >"$work/grep.out" || true
    g="$(since "$start")"
    if [ "$i" = 0 ]; then
        echo "dsr-bench erase: $(cat "$work/erase.json")"
        echo "after dsr:     $after_dsr"
        echo "grep after the erasure: $(awk -F: '{ s += $NF } END { print s + 0 }' "$work/grep.out") matching lines" \
            "($(grep -v ':0$' "$work/grep.out" | sed "s|$R/||" | tr '\n' ' '))"
    fi
    # The scan as dsr erase --apply runs it, on another copy.
    restore "$work/pristine" "$R"
    "$BENCH" erase "$R/dsr.yaml" "${SUBJECT[@]}" "${flags[@]}" --scan >"$work/erase-scan.json"
    [ "$i" = 0 ] && echo "dsr-bench erase --scan: $(cat "$work/erase-scan.json")"
    # sqlite3 on a copy of ops.db.
    rm -f "$work/ref.db"; cp "$work/pristine/ops.db" "$work/ref.db"; sync
    start="$(now)"
    /usr/bin/time -f %M -o "$work/rss-sql" sqlite3 "$work/ref.db" <"$work/erase.sql" >/dev/null
    s="$(since "$start")"
    if [ "$i" = 0 ]; then
        after_sql="$(sqlite3 "$work/ref.db" "$check_sql")"
        echo "after sqlite3: $after_sql"
        [ "$after_sql" = "$after_dsr" ] || { echo "the sqlite3 reference does not do what dsr did" >&2; exit 1; }
        continue
    fi
    erase_wall+=("$wall"); erase_in+=("$(field "$work/erase.json" erase_s)"); erase_rss+=("$(cat "$work/rss")")
    scan_in+=("$(field "$work/erase.json" scan_s)"); scan_bytes="$(field "$work/erase.json" scan_bytes)"
    grep_s+=("$g"); withscan_in+=("$(field "$work/erase-scan.json" erase_s)")
    sql_wall+=("$s"); sql_rss+=("$(cat "$work/rss-sql")")
    printf 'run %d: dsr-bench %.1f ms (in process %.1f ms, with scan %.1f ms), sqlite3 %.1f ms; scan %.1f ms, grep %.1f ms\n' \
        "$i" "$(awk -v s="$wall" 'BEGIN { print s * 1000 }')" "$(awk -v s="${erase_in[-1]}" 'BEGIN { print s * 1000 }')" \
        "$(awk -v s="${withscan_in[-1]}" 'BEGIN { print s * 1000 }')" "$(awk -v s="$s" 'BEGIN { print s * 1000 }')" \
        "$(awk -v s="${scan_in[-1]}" 'BEGIN { print s * 1000 }')" "$(awk -v s="$g" 'BEGIN { print s * 1000 }')"
done
m() { printf '%s\n' "$@" | median; }
erase_wall_m="$(m "${erase_wall[@]}")"; erase_in_m="$(m "${erase_in[@]}")"; sql_m="$(m "${sql_wall[@]}")"
scan_m="$(m "${scan_in[@]}")"; grep_m="$(m "${grep_s[@]}")"; withscan_m="$(m "${withscan_in[@]}")"
erase_rss_max="$(printf '%s\n' "${erase_rss[@]}" | sort -g | tail -1)"
sql_rss_max="$(printf '%s\n' "${sql_rss[@]}" | sort -g | tail -1)"
rm -rf "$B" "$work/pristine" "$work/ref.db"

# ---- 3. kill -9 trials -------------------------------------------------------------------
S="$work/small"
"$DSR" demo --dir "$S" --calls "$SMALL_CALLS" --seed 7 >/dev/null
"$DSR" erase --config "$S/dsr.yaml" --json "${flags[@]}" "${SUBJECT[@]}" >/dev/null   # builds the index
pristine "$S" "$work/small-pristine"
end_state() {  # WORKSPACE OUT: ops.db's dump with tokens normalised, then every file's sha256
    { sqlite3 "$1/ops.db" .dump | sed -E 's/erased:[0-9a-f]{16}/erased:X/g'
      (cd "$1/files" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum); } >"$2"
}
end_state "$S" "$work/untouched.state"
T="$S"
uninterrupted=()
for i in $(seq 0 5); do
    restore "$work/small-pristine" "$T"
    start="$(now)"
    "$DSR" erase --config "$T/dsr.yaml" --apply --yes "${flags[@]}" "${SUBJECT[@]}" >/dev/null
    [ "$i" = 0 ] || uninterrupted+=("$(since "$start")")
done
end_state "$T" "$work/erased.state"
cmp -s "$work/erased.state" "$work/untouched.state" && { echo "the erasure changed nothing" >&2; exit 1; }
full_s="$(m "${uninterrupted[@]}")"
full_us="$(awk -v s="$full_s" 'BEGIN { printf "%d", s * 1e6 }')"
printf 'kill trials: uninterrupted dsr erase --apply %.1f ms (median of 5); delays uniform in [0, %.1f ms]\n' \
    "$(awk -v s="$full_s" 'BEGIN { print s * 1000 }')" "$(awk -v s="$full_s" 'BEGIN { print s * 1000 }')"
journal_sql="SELECT coalesce(group_concat(phase), 'none') FROM erasure_journal"
: >"$work/trials.txt"
identical=0; restarted=0; differing=0
for t in $(seq "$TRIALS"); do
    restore "$work/small-pristine" "$T"
    delay_us=$(( (RANDOM * 32768 + RANDOM) % (full_us + 1) ))
    delay="$(awk -v u="$delay_us" 'BEGIN { printf "%.6f", u / 1e6 }')"
    start="$(now)"
    "$DSR" erase --config "$T/dsr.yaml" --apply --yes "${flags[@]}" "${SUBJECT[@]}" >/dev/null 2>&1 &
    pid=$!
    sleep "$delay"
    if kill -9 "$pid" 2>/dev/null; then killed=yes; else killed=finished; fi
    at="$(since "$start")"
    wait "$pid" 2>/dev/null || true
    # Where the kill landed: the journal entry's phase (read only), the erase.apply entries.
    phase="$(sqlite3 -readonly "$T/state/state.db" "$journal_sql")"
    applied="$(sqlite3 -readonly "$T/state/state.db" "SELECT count(*) FROM audit_log WHERE action = 'erase.apply'")"
    "$DSR" erase --config "$T/dsr.yaml" --resume >"$work/resume.out" 2>&1 && resume_rc=0 || resume_rc=$?
    left="$(sqlite3 -readonly "$T/state/state.db" "SELECT count(*) FROM erasure_journal")"
    end_state "$T" "$work/trial.state"
    outcome=identical
    if ! cmp -s "$work/trial.state" "$work/erased.state" || [ "$left" != 0 ]; then
        if [ "$phase" = none ] && [ "$applied" = 0 ] && cmp -s "$work/trial.state" "$work/untouched.state"; then
            # Killed before the journal entry: nothing was started, nothing to resume. A re-run must finish it.
            "$DSR" erase --config "$T/dsr.yaml" --apply --yes "${flags[@]}" "${SUBJECT[@]}" >/dev/null 2>&1 || true
            end_state "$T" "$work/trial.state"
            if cmp -s "$work/trial.state" "$work/erased.state"; then outcome=not-started; fi
        fi
        [ "$outcome" = identical ] && outcome=DIFFERENT
    fi
    case "$outcome" in
        identical) identical=$((identical + 1)) ;;
        not-started) restarted=$((restarted + 1)) ;;
        *) differing=$((differing + 1))
           keep="$work/differing-$t"; cp -a "$T" "$keep"
           diff "$work/erased.state" "$work/trial.state" >"$keep.diff" || true
           echo "trial $t DIFFERS (killed at $at s, journal $phase, resume exit $resume_rc, journal entries left $left):" \
               "kept $keep, diff $keep.diff ($(wc -l <"$keep.diff") lines)" >&2
           trap - EXIT ;;
    esac
    printf '%d %s %s %s %s %s %s\n' "$t" "$at" "$killed" "$phase" "$applied" "$resume_rc" "$outcome" >>"$work/trials.txt"
done
kill_summary="$(python3 - "$work/trials.txt" "$full_s" <<'PY'
import collections, sys
rows = [l.split() for l in open(sys.argv[1])]
full = float(sys.argv[2])
at = sorted(float(r[1]) * 1000 for r in rows)
q = lambda p: at[min(len(at) - 1, int(p * (len(at) - 1) + 0.5))]
where = collections.Counter()
for _, t, killed, phase, applied, rc, outcome in rows:
    if killed == "finished": where["finished before the kill"] += 1
    elif phase != "none": where[f"journal entry '{phase}'"] += 1
    elif applied != "0": where["after the journal entry was removed"] += 1
    else: where["before the journal entry"] += 1
rcs = collections.Counter(r[5] for r in rows)
print(f"  kill times (ms): min {at[0]:.1f}, p25 {q(.25):.1f}, median {q(.5):.1f}, p75 {q(.75):.1f}, max {at[-1]:.1f}"
      f" (uninterrupted run {full * 1000:.1f} ms)")
bins = collections.Counter(min(4, int(float(r[1]) / full * 5)) for r in rows)
print("  kill time / uninterrupted: " + ", ".join(f"{b * 20}-{b * 20 + 20} % {bins[b]}" for b in range(5)))
print("  where the kill landed: " + ", ".join(f"{k} {n}" for k, n in where.most_common()))
print("  --resume exit codes: " + ", ".join(f"{k}: {n}" for k, n in sorted(rcs.items())))
PY
)"

# ---- 4. summary --------------------------------------------------------------------------
echo
echo "summary ($ncdrs CDRs, ${SUBJECT[*]} ${FLAGS}; medians of $RUNS, each on a fresh copy)"
awk -v w="$erase_wall_m" -v e="$erase_in_m" -v s="$sql_m" -v er="$erase_rss_max" -v sr="$sql_rss_max" 'BEGIN {
    printf "  dsr-bench erase (process):  %8.1f ms   in process %.1f ms; peak RSS %.1f MB (max of runs)\n", w * 1000, e * 1000, er / 1024
    printf "  sqlite3 CLI, same steps:    %8.1f ms   peak RSS %.1f MB\n", s * 1000, sr / 1024
    printf "  ratio dsr-bench/sqlite3:    %8.2f      (in process: %.2f; target <= 2.0, RSS < 64 MB)\n", w / s, e / s }'
awk -v sc="$scan_m" -v g="$grep_m" -v b="$scan_bytes" -v ws="$withscan_m" -v e="$erase_in_m" 'BEGIN {
    printf "  residue scan (ResidueScanner): %6.1f ms  %7.1f MB/s over %.1f MB (ops.db, journals, state dir)\n", sc * 1000, b / sc / 1e6, b / 1e6
    printf "  grep -F -c -i, same files:  %8.1f ms   %7.1f MB/s\n", g * 1000, b / g / 1e6
    printf "  ratio scanner/grep throughput: %5.2fx    (target >= 0.5x)\n", g / sc
    printf "  erase with its scan (--scan): %6.1f ms   difference of medians %.1f ms\n", ws * 1000, (ws - e) * 1000 }'
echo "  kill -9 trials: $identical of $TRIALS identical after --resume, $restarted killed before anything started" \
    "(untouched; identical after a re-run), $differing differing"
echo "$kill_summary"
[ "$differing" = 0 ]
