#!/usr/bin/env bash
# Issue 13, section 2: `dsr bulk` with 1,000 rows for different subjects, each kind of row
# timed as one `dsr bulk FILE --json` process (per row = total / rows), beside a reference
# that does the same work in one process or one script:
#   1. locate: 1,000 `locate` rows beside the sqlite3 CLI answering the same 1,000 questions
#      (bench/locate.sh's queries, one set per subject) from one script on the canonical,
#      indexed copy (canon_db in bench/lib.sh; built once, not timed). The index is built
#      before (`dsr index rebuild`, not timed) and a warm-up run goes first, so the lookups are
#      timed, not an index build. Every dsr row also appends its audit entry (a commit); the
#      sqlite3 CLI only reads. The records and files each row reports are checked against the
#      sqlite3 rows of the same subject, for every subject, before anything is timed.
#      Target: per row <= 2x sqlite3's.
#   2. access: 1,000 `access` rows (zip, the default format): exports per second, and the
#      per-row overhead beyond writing the archives. The reference writes the same archives:
#      every archive of the warm-up run is extracted (not timed), then one script runs bsdtar
#      once per archive with the same entries in the same order, deflated (dsr deflates text
#      and stores audio; the callers' archives are nearly all text), and a second timing adds
#      `sync` of the 1,000 archives (dsr fsyncs each archive before its rename). bsdtar's
#      process starts (`bsdtar --version` run as often, timed apart) are taken off: writing the
#      archives = bsdtar with sync less its starts; the overhead = dsr's time less that.
#   3. erasure: `erasure` rows with `"apply": true` for the first ERASE_ROWS subjects, on a
#      pristine copy per run (restored, not timed: ops.db rewritten in place so the index stays
#      valid, state and files copied back, exports emptied; no warm-up run, the restore leaves
#      the files in the page cache). Reference: the sqlite3 CLI running
#      the same statements by primary key in one script, generated from each subject's plan
#      (`dsr erase --json`, computed before on the pristine workspace, not timed; each row's
#      digest in the bulk result must equal its plan's), a transaction per subject as dsr
#      makes one per erasure, with `PRAGMA secure_delete=ON` and `PRAGMA
#      wal_checkpoint(TRUNCATE)` after each (as bench/erase.sh). The changed rows of both
#      databases must be equal afterwards (pseudonym tokens aside). dsr's figure INCLUDES the
#      one residue scan `dsr bulk` makes after all the run's erasures (ops.db, its journal
#      files, the state dir with the index and the message files rewritten: ~1.1 GB at 10M
#      calls). The fixed part is also reported apart: a `dsr bulk` of the first row alone
#      (process, workspace load, one erasure, one scan) is timed before each run, and the
#      marginal cost of a row is (t(ROWS) - t(1)) / (ROWS - 1).
#      The bytes one scan reads are printed. dsr also deletes
#      the plans' files and writes a letter and notices per row; the sqlite3 CLI does neither.
#      Target: per row <= 2x sqlite3's.
# Subjects: ROWS distinct callers of the workspace's cdrs (canonical E.164 numbers from the
# canonical copy, the same fixed pseudo-random choice as bench/locate.sh section 7, the planted
# caller left out), as `phone:+...`. Refs carry a tag of this run, so a reused workspace never
# skips a row; every run of locate and access uses new refs (no restore needed: those rows do
# not change ops.db), and their exports are deleted between runs.
#
# Usage: DSR=.build/release/dsr bench/bulk.sh
#   CALLS=10000000  CDRs in the demo workspace      RUNS=3     timed runs (medians reported)
#   WORKSPACE=dir   reuse a demo workspace (read only: it is copied; a current canon.db in it
#                   is reused)
#   ROWS=1000       subjects, rows of the locate and access files
#   ERASE_ROWS      erasure rows (default ROWS)
#   ERASE_RUNS      timed erasure runs (default RUNS)
#   KEEP=1          keep the work dir
# At 10M calls: about 12-15 minutes (an estimate from smaller runs; it prints each phase's time).
set -euo pipefail
export LC_ALL=C

DSR="${DSR:-.build/release/dsr}"
CALLS="${CALLS:-10000000}"
RUNS="${RUNS:-3}"
ROWS="${ROWS:-1000}"
PLANTED="+31681234567"         # the demo's planted caller: bench/erase.sh's subject, left out
for tool in sqlite3 python3 bsdtar sync; do
    command -v "$tool" >/dev/null || { echo "$tool not found (apt-get install sqlite3 python3 libarchive-tools)" >&2; exit 66; }
done
[ -x /usr/bin/time ] || { echo "/usr/bin/time not found (apt-get install time)" >&2; exit 66; }
[ -x "$DSR" ] || { echo "dsr binary not found: $DSR" >&2; exit 66; }
DSR="$(cd "$(dirname "$DSR")" && pwd)/$(basename "$DSR")"

work="$(mktemp -d)"
if [ "${KEEP:-0}" = 1 ]; then echo "work dir kept: $work"; else trap 'rm -rf "$work"' EXIT; fi

# shellcheck source=bench/lib.sh
. "$(dirname "$0")/lib.sh"
ms() { awk -v s="$1" -v n="${2:-1}" 'BEGIN { printf "%.3f", s * 1000 / n }'; }
m() { printf '%s\n' "$@" | median; }
script_start="$(now)"
phase_start="$script_start"
phases=()
phase() {  # NAME: the time since the last phase ended, printed and kept for the summary
    local s
    s="$(since "$phase_start")"
    phases+=("$(printf '%s %.1f s' "$1" "$s")")
    printf -- '-- %s: %.1f s\n' "$1" "$s"
    phase_start="$(now)"
}
die() { echo "bulk.sh: $*" >&2; exit 1; }

# run_bulk FILE OUT: `dsr bulk FILE --json` into OUT, its peak RSS (kB) into $work/rss. The
# caller times it; check_bulk reads OUT afterwards.
run_bulk() {
    bulk_rc=0
    /usr/bin/time -f %M -o "$work/rss" "$DSR" bulk "$1" --config "$CFG" --json >"$2" 2>"$work/bulk.err" \
        || bulk_rc=$?
}
# check_bulk FILE OUT: stops the script unless every row of FILE is done (exit 0, or 1 for an
# erasure's residue, which is reported).
check_bulk() {
    if [ "$bulk_rc" != 0 ] && [ "$bulk_rc" != 1 ]; then
        echo "dsr bulk $(basename "$1") exited $bulk_rc; stderr:" >&2
        head -n 20 "$work/bulk.err" >&2
        grep -q 'signal' "$work/rss" 2>/dev/null && cat "$work/rss" >&2
        die "dsr bulk failed (exit $bulk_rc) on $1"
    fi
    python3 - "$1" "$2" <<'PY' || die "dsr bulk did not carry out every row of $1 (exit $bulk_rc)"
import json, sys
rows = sum(1 for line in open(sys.argv[1]) if line.strip())
d = json.load(open(sys.argv[2]))
bad = [r for r in d["rows"] if r["status"] != "done" or (r["error"] and not r.get("residue"))]
if len(d["rows"]) != rows or bad or d.get("stopped"):
    print(f"{len(d['rows'])} rows of {rows}: done {d['done']}, skipped {d['skipped']}, failed {d['failed']};"
          f" stopped: {d.get('stopped')}", file=sys.stderr)
    for r in bad[:5]: print(f"  line {r['line']}: {r['status']}: {r['error']}", file=sys.stderr)
    sys.exit(1)
PY
}

# ---- 1. the workspace, its index, the canonical copy, the subjects -----------------------
B="$work/base"
if [ -n "${WORKSPACE:-}" ] && [ -f "$WORKSPACE/dsr.yaml" ]; then
    echo "workspace: copying $WORKSPACE"
    cp -a --reflink=auto "$WORKSPACE" "$B"
else
    "$DSR" demo --dir "$B" --calls "$CALLS" --seed 7 >/dev/null
    echo "workspace: dsr demo --calls $CALLS --seed 7"
fi
CFG="$B/dsr.yaml"
[ -f "$B/ops.db" ] || die "no ops.db in $B (this script expects the demo layout)"
find "$B/exports" -mindepth 1 -delete 2>/dev/null || true
ncdrs="$(sqlite3 "$B/ops.db" 'SELECT count(*) FROM cdrs')"
if [ "$ncdrs" -gt 1000000 ]; then big=1; else big=0; fi
ERASE_ROWS="${ERASE_ROWS:-$ROWS}"
ERASE_RUNS="${ERASE_RUNS:-$RUNS}"
[ "$ERASE_ROWS" -le "$ROWS" ] || die "ERASE_ROWS ($ERASE_ROWS) > ROWS ($ROWS)"
start="$(now)"
"$DSR" index rebuild --config "$CFG" >/dev/null
printf 'index rebuild: %.1f s (before anything is timed)\n' "$(since "$start")"
canon_db "$B/ops.db" "$B/canon.db"
callers "$B/canon.db" "$ROWS" "$PLANTED" >"$work/callers.txt"
[ "$(wc -l <"$work/callers.txt")" = "$ROWS" ] || die "the workspace has fewer than $ROWS distinct callers"
tag="b$(date +%s)"                 # refs unique to this run of the script
echo "cdrs rows: $ncdrs; subjects: $ROWS distinct callers as phone:+E.164 (first: phone:$(head -n 1 "$work/callers.txt"))"
phase "setup (workspace, index, canon.db)"

# ---- 2. erasure plans and the sqlite3 statements (not timed) -----------------------------
mkdir -p "$work/plans"
n=0
while IFS= read -r phone; do
    n=$((n + 1))
    [ "$n" -le "$ERASE_ROWS" ] || break
    "$DSR" erase --config "$CFG" --json "phone:$phone" >"$work/plans/$n.json" \
        || die "dsr erase --json phone:$phone (the plan of subject $n) failed"
done <"$work/callers.txt"
"$DSR" datamap show --config "$CFG" >"$work/datamap.yaml"
python3 - "$work" "$ERASE_ROWS" <<'PY'
import collections, json, re, sys
work, n = sys.argv[1], int(sys.argv[2])
keys, table = {}, None
for line in open(f"{work}/datamap.yaml"):
    m = re.match(r"^  ([A-Za-z_][A-Za-z0-9_]*):\s*$", line)
    if m: table = m.group(1)
    m = re.match(r"^    primary_key: (\S+)", line)
    if m and table: keys[table] = m.group(1)
def q(name): return '"' + name.replace('"', '""') + '"'
def lit(value): return str(value) if isinstance(value, int) else "'" + str(value).replace("'", "''") + "'"
sql = ["PRAGMA secure_delete=ON;"]
counts, touched, digests, files = collections.Counter(), [], [], 0
for i in range(1, n + 1):
    plan = json.load(open(f"{work}/plans/{i}.json"))
    digests.append(plan["digest"])
    files += len(plan["files"])
    sql.append("BEGIN IMMEDIATE;")
    for s in plan["steps"]:
        t, k, c, a = s["table"], s["key"], s.get("column"), s["action"]
        where = f"WHERE {q(keys[t])} = {lit(k)}"
        if a == "delete-row": sql.append(f"DELETE FROM {q(t)} {where};")
        elif a == "set-null": sql.append(f"UPDATE {q(t)} SET {q(c)} = NULL {where};")
        elif a == "pseudonymise": sql.append(f"UPDATE {q(t)} SET {q(c)} = 'erased:0123456789abcdef' {where};")
        elif a == "redact": sql.append(f"UPDATE {q(t)} SET {q(c)} = '[redacted]' {where};")
        else: continue
        counts[a] += 1
        touched.append([t, keys[t], k])
    sql += ["COMMIT;", "PRAGMA wal_checkpoint(TRUNCATE);"]
open(f"{work}/erase.sql", "w").write("\n".join(sql) + "\n")
json.dump({"digests": digests, "touched": touched}, open(f"{work}/erase-facts.json", "w"))
print(f"erasure plans: {n} subjects, {sum(counts.values())} statements"
      f" ({', '.join(f'{a} {c}' for a, c in sorted(counts.items()))}), {files} files to delete")
PY
pristine "$B" "$work/pristine"
phase "erasure plans ($ERASE_ROWS dsr erase --json) and the pristine copy"

# ---- 3. locate ---------------------------------------------------------------------------
locate_queries "$work/callers.txt" >"$work/locate.sql"
sqlite3 "$B/canon.db" <"$work/locate.sql" >"$work/locate.out"           # warm-up and the rows
jsonl "$work/callers.txt" locate "$tag-L0" >"$work/locate-0.jsonl"
run_bulk "$work/locate-0.jsonl" "$work/locate-0.json"                   # warm-up and the counts
check_bulk "$work/locate-0.jsonl" "$work/locate-0.json"
locate_agree "$work/locate.out" "$work/locate-0.json" sqlite3 \
    || die "dsr locate and the sqlite3 reference disagree (above): the comparison would be worthless"
loc_dsr=(); loc_sql=(); loc_rss=()
for i in $(seq "$RUNS"); do
    jsonl "$work/callers.txt" locate "$tag-L$i" >"$work/locate-$i.jsonl"
    start="$(now)"
    run_bulk "$work/locate-$i.jsonl" "$work/locate-$i.json"
    t="$(since "$start")"
    check_bulk "$work/locate-$i.jsonl" "$work/locate-$i.json"
    loc_dsr+=("$t"); loc_rss+=("$(tail -n 1 "$work/rss")")
    start="$(now)"
    sqlite3 "$B/canon.db" <"$work/locate.sql" >/dev/null
    loc_sql+=("$(since "$start")")
    printf 'locate run %d: dsr bulk %.2f s (%s ms/row), sqlite3 %.3f s (%s ms/row)\n' "$i" "$t" "$(ms "$t" "$ROWS")" \
        "${loc_sql[-1]}" "$(ms "${loc_sql[-1]}" "$ROWS")"
done
loc_dsr_m="$(m "${loc_dsr[@]}")"; loc_sql_m="$(m "${loc_sql[@]}")"
loc_rss_max="$(printf '%s\n' "${loc_rss[@]}" | sort -g | tail -n 1)"
phase "locate ($((RUNS + 1)) runs of $ROWS rows and of the sqlite3 script)"

# ---- 4. access ---------------------------------------------------------------------------
exports_clear() { find "$B/exports" -mindepth 1 -delete; }
jsonl "$work/callers.txt" access "$tag-A0" >"$work/access-0.jsonl"
run_bulk "$work/access-0.jsonl" "$work/access-0.json"                   # warm-up and the archives
check_bulk "$work/access-0.jsonl" "$work/access-0.json"
# Every archive extracted (not timed), and the bsdtar script that writes it again.
python3 - "$work" "$work/access-0.json" <<'PY' || die "could not read the archives of the access run"
import json, os, shlex, subprocess, sys
work = sys.argv[1]
rows = json.load(open(sys.argv[2]))["rows"]
os.makedirs(f"{work}/trees"); os.makedirs(f"{work}/ref")
script, syncs, entries, size = [], [], 0, 0
for i, r in enumerate(rows, 1):
    archive, tree = r["archive"], f"{work}/trees/{i}"
    os.makedirs(tree)
    names = [n for n in subprocess.run(["bsdtar", "-tf", archive], check=True, capture_output=True,
                                        text=True).stdout.split("\n") if n and not n.endswith("/")]
    subprocess.run(["bsdtar", "-xf", archive, "-C", tree], check=True)
    entries += len(names); size += os.path.getsize(archive)
    out = f"{work}/ref/{i}.zip"
    script.append(f"bsdtar -c --format zip --options zip:compression=deflate -f {shlex.quote(out)}"
                  f" -C {shlex.quote(tree)} -- " + " ".join(shlex.quote(n) for n in names))
    syncs.append(shlex.quote(out))
open(f"{work}/ref.sh", "w").write("set -e\n" + "\n".join(script) + "\n")
open(f"{work}/ref-sync.sh", "w").write("set -e\n" + "\n".join(script) + "\nsync -- " + " ".join(syncs) + "\n")
open(f"{work}/ref-start.sh", "w").write("set -e\n" + "bsdtar --version >/dev/null\n" * len(rows))
print(f"access: {len(rows)} archives, {entries} entries, {size / 1e6:.1f} MB (zip), extracted for the bsdtar reference")
PY
bash "$work/ref.sh"                                                     # warm-up of the reference
acc_dsr=(); acc_tar=(); acc_sync=(); acc_start=(); acc_rss=()
for i in $(seq "$RUNS"); do
    exports_clear
    jsonl "$work/callers.txt" access "$tag-A$i" >"$work/access-$i.jsonl"
    start="$(now)"
    run_bulk "$work/access-$i.jsonl" "$work/access-$i.json"
    t="$(since "$start")"
    check_bulk "$work/access-$i.jsonl" "$work/access-$i.json"
    acc_dsr+=("$t"); acc_rss+=("$(tail -n 1 "$work/rss")")
    rm -f "$work"/ref/*.zip; sync
    start="$(now)"; bash "$work/ref.sh"; acc_tar+=("$(since "$start")")
    rm -f "$work"/ref/*.zip; sync
    start="$(now)"; bash "$work/ref-sync.sh"; acc_sync+=("$(since "$start")")
    start="$(now)"; bash "$work/ref-start.sh"; acc_start+=("$(since "$start")")
    printf 'access run %d: dsr bulk %.2f s (%s ms/row), bsdtar %.2f s, with sync %.2f s, bsdtar --version x%d %.2f s\n' \
        "$i" "$t" "$(ms "$t" "$ROWS")" "${acc_tar[-1]}" "${acc_sync[-1]}" "$ROWS" "${acc_start[-1]}"
done
exports_clear
acc_dsr_m="$(m "${acc_dsr[@]}")"; acc_tar_m="$(m "${acc_tar[@]}")"; acc_sync_m="$(m "${acc_sync[@]}")"
acc_start_m="$(m "${acc_start[@]}")"
acc_rss_max="$(printf '%s\n' "${acc_rss[@]}" | sort -g | tail -n 1)"
rm -rf "$work/trees" "$work/ref"
phase "access ($((RUNS + 1)) runs of $ROWS rows, extraction, the bsdtar scripts)"

# ---- 5. erasure --------------------------------------------------------------------------
# What one residue scan reads: ops.db (no journal files between erasures) and the state dir.
scan_bytes="$(du -cb "$work/pristine/ops.db" "$work/pristine/state" | tail -n 1 | cut -f 1)"
jsonl "$work/callers.txt" erasure "$tag-E" "$ERASE_ROWS" true >"$work/erase.jsonl"
compare_erasure() {  # DSR_DB REF_DB BULK_JSON: digests and changed rows, else the script stops
    python3 - "$1" "$2" "$work/erase-facts.json" "$3" <<'PY'
import json, re, sqlite3, sys
dsr, ref = (sqlite3.connect(f"file:{p}?mode=ro", uri=True) for p in sys.argv[1:3])
facts = json.load(open(sys.argv[3]))
rows = json.load(open(sys.argv[4]))["rows"]
digests = [r["digest"] for r in rows]
same = sum(1 for a, b in zip(digests, facts["digests"]) if a == b)
token = re.compile(r"erased:[0-9a-f]{16}")
def row(db, t, k, v):
    r = db.execute(f'SELECT * FROM "{t}" WHERE "{k}" = ?', (v,)).fetchone()
    return None if r is None else tuple(token.sub("erased:X", x) if isinstance(x, str) else x for x in r)
seen = {(t, k, v) for t, k, v in facts["touched"]}
differ = [(t, k, v) for t, k, v in sorted(seen, key=str) if row(dsr, t, k, v) != row(ref, t, k, v)]
counts = "SELECT (SELECT count(*) FROM recordings), (SELECT count(*) FROM voicemails), (SELECT count(*) FROM emails), (SELECT count(*) FROM cdrs)"
cd, cr = dsr.execute(counts).fetchone(), ref.execute(counts).fetchone()
residue = (json.load(open(sys.argv[4])).get("residue") or {}).get("found")
print(f"erasure check: digests {same} of {len(rows)} equal to the plans'; {len(seen)} changed rows,"
      f" {len(seen) - len(differ)} equal in both databases; recordings|voicemails|emails|cdrs dsr {cd}, sqlite3 {cr};"
      f" residue left {residue}")
if same != len(rows) or differ or cd != cr:
    for t, k, v in differ[:5]: print(f"  {t} {k} = {v}: dsr {row(dsr, t, k, v)}, sqlite3 {row(ref, t, k, v)}", file=sys.stderr)
    sys.exit(1)
PY
}
er_dsr=(); er_sql=(); er_rss=(); er_one=()
head -n 1 "$work/erase.jsonl" >"$work/erase-one.jsonl"
for i in $(seq "$ERASE_RUNS"); do
    restore "$work/pristine" "$B"; find "$B/exports" -mindepth 1 -delete
    start="$(now)"
    run_bulk "$work/erase-one.jsonl" "$work/erase-one.json"
    er_one+=("$(since "$start")")
    check_bulk "$work/erase-one.jsonl" "$work/erase-one.json"
    restore "$work/pristine" "$B"; find "$B/exports" -mindepth 1 -delete
    start="$(now)"
    run_bulk "$work/erase.jsonl" "$work/erase.json"
    t="$(since "$start")"
    check_bulk "$work/erase.jsonl" "$work/erase.json"
    er_dsr+=("$t"); er_rss+=("$(tail -n 1 "$work/rss")")
    rm -f "$work/ref.db" "$work/ref.db-journal" "$work/ref.db-wal"
    cp "$work/pristine/ops.db" "$work/ref.db"; sync
    start="$(now)"
    sqlite3 "$work/ref.db" <"$work/erase.sql" >/dev/null
    er_sql+=("$(since "$start")")
    if [ "$i" = 1 ]; then
        compare_erasure "$B/ops.db" "$work/ref.db" "$work/erase.json" \
            || die "the sqlite3 reference does not do what dsr bulk did (above)"
    fi
    printf 'erasure run %d: dsr bulk %.2f s (%s ms/row; one row alone %.3f s), sqlite3 %.3f s (%s ms/row)\n' "$i" "$t" \
        "$(ms "$t" "$ERASE_ROWS")" "${er_one[-1]}" "${er_sql[-1]}" "$(ms "${er_sql[-1]}" "$ERASE_ROWS")"
done
er_dsr_m="$(m "${er_dsr[@]}")"; er_sql_m="$(m "${er_sql[@]}")"; er_one_m="$(m "${er_one[@]}")"
er_rss_max="$(printf '%s\n' "${er_rss[@]}" | sort -g | tail -n 1)"
rm -f "$work/ref.db"
phase "erasure ($ERASE_RUNS runs of $ERASE_ROWS rows, restores, the sqlite3 script)"

# ---- 6. summary --------------------------------------------------------------------------
verdict() { awk -v r="$1" 'BEGIN { print (r <= 2.0 ? "met" : "NOT met") }'; }
loc_ratio="$(awk -v d="$loc_dsr_m" -v s="$loc_sql_m" 'BEGIN { printf "%.2f", d / s }')"
er_ratio="$(awk -v d="$er_dsr_m" -v s="$er_sql_m" 'BEGIN { printf "%.2f", d / s }')"
# The marginal row: what each row beyond the first adds (process, load and the one scan are fixed).
er_marg="$(awk -v d="$er_dsr_m" -v o="$er_one_m" -v n="$ERASE_ROWS" 'BEGIN { printf "%.6f", (n > 1 ? (d - o) / (n - 1) : d) }')"
er_marg_ratio="$(awk -v d="$er_marg" -v s="$er_sql_m" -v n="$ERASE_ROWS" 'BEGIN { printf "%.2f", d / (s / n) }')"
echo
echo "summary ($ncdrs CDRs; subjects: distinct callers, phone:+E.164; medians of $RUNS runs, erasure of $ERASE_RUNS)"
printf '  locate, dsr bulk:          %9s ms/row   %d rows in %.2f s, one process, audit entry each; peak RSS %.1f MB\n' \
    "$(ms "$loc_dsr_m" "$ROWS")" "$ROWS" "$loc_dsr_m" "$(awk -v k="$loc_rss_max" 'BEGIN { print k / 1024 }')"
printf '  locate, sqlite3 CLI:       %9s ms/row   the same questions, one script, canonical indexed copy\n' \
    "$(ms "$loc_sql_m" "$ROWS")"
printf '  ratio locate:              %9s          (target <= 2.0: %s); records and files agree for %s of %s subjects\n' \
    "$loc_ratio" "$(verdict "$loc_ratio")" "$agree_n" "$agree_of"
printf '  erasure, dsr bulk apply:   %9s ms/row   %d rows in %.2f s, one residue scan INCLUDED (%.0f MB); peak RSS %.1f MB\n' \
    "$(ms "$er_dsr_m" "$ERASE_ROWS")" "$ERASE_ROWS" "$er_dsr_m" "$(awk -v b="$scan_bytes" 'BEGIN { print b / 1e6 }')" \
    "$(awk -v k="$er_rss_max" 'BEGIN { print k / 1024 }')"
printf '  erasure, one row alone:    %9s ms       process, workspace load, one erasure and the one residue scan\n' \
    "$(ms "$er_one_m")"
printf '  erasure, marginal row:     %9s ms/row   (t(%d rows) - t(1 row)) / %d\n' \
    "$(ms "$er_marg")" "$ERASE_ROWS" "$((ERASE_ROWS - 1))"
printf '  erasure, sqlite3 CLI:      %9s ms/row   the plans'"'"' statements, a transaction each, secure_delete, checkpoint\n' \
    "$(ms "$er_sql_m" "$ERASE_ROWS")"
printf '  ratio erasure:             %9s          (target <= 2.0: %s), one scan included\n' "$er_ratio" "$(verdict "$er_ratio")"
printf '  ratio erasure, marginal:   %9s          (target <= 2.0: %s), the scan and the process apart\n' \
    "$er_marg_ratio" "$(verdict "$er_marg_ratio")"
awk -v d="$acc_dsr_m" -v t="$acc_tar_m" -v s="$acc_sync_m" -v v="$acc_start_m" -v n="$ROWS" -v r="$acc_rss_max" 'BEGIN {
    printf "  access, dsr bulk:          %9.3f ms/row   %.1f exports/s (%d rows in %.2f s); peak RSS %.1f MB\n", d * 1000 / n, n / d, n, d, r / 1024
    printf "  bsdtar, same archives:     %9.3f ms/row   one process each (bsdtar --version: %.3f ms); %.3f ms/row with sync of the archives\n", t * 1000 / n, v * 1000 / n, s * 1000 / n
    printf "  writing the archives:      %9.3f ms/row   bsdtar with sync less its process starts\n", (s - v) * 1000 / n
    printf "  overhead beyond writing:   %9.3f ms/row   dsr less that (%.3f ms/row less bsdtar as run, %.3f with sync)\n", (d - s + v) * 1000 / n, (d - t) * 1000 / n, (d - s) * 1000 / n }'
echo "  phases: $(printf '%s; ' "${phases[@]}")total $(awk -v s="$(since "$script_start")" 'BEGIN { printf "%.1f s", s }')"
