#!/usr/bin/env bash
# Issue 13, section 3: `dsr index rebuild` beside the sqlite3 CLI reading the same columns.
#
# Reference: one sqlite3 script that reads every column the index covers, table by table
# (`SELECT sum(length(col)), ... FROM table`, one SELECT per table, as the issue measured it;
# dsr also reads each row's rowid, which would add about a quarter to sqlite3's time),
# the columns taken from the index a first rebuild wrote (`index_sources` in index.db), so it
# reads what dsr reads whatever the data map says. The two are timed alternately, RUNS times
# each, and each dsr run is paired with the sqlite3 run just before it (this host's speed
# drifts): the medians of both, of the paired ratios, and their spread are printed.
# Also: index.db beside ops.db after the rebuild (the target is <= 0.75x) and the build's
# peak RSS. Target: rebuild <= 10x the sqlite3 read.
#
# Usage: DSR=.build/release/dsr bench/index.sh
#   CALLS=10000000  CDRs in the demo workspace       RUNS=5  timed runs of each
#   WORKSPACE=dir   a demo workspace to copy instead of making one (left unchanged)
#   DSR_BASE=bin    another dsr binary, timed alternately too (an A/B of two builds)
#   KEEP=1          keep the work dir
# At 10M calls: about 6 minutes with a workspace, 9 without.
set -euo pipefail
export LC_ALL=C

DSR="${DSR:-.build/release/dsr}"
CALLS="${CALLS:-10000000}"
RUNS="${RUNS:-5}"
for tool in sqlite3 python3; do
    command -v "$tool" >/dev/null || { echo "bench/index.sh: $tool is needed" >&2; exit 69; }
done
[ -x "$DSR" ] || { echo "bench/index.sh: no dsr binary at $DSR (run make release)" >&2; exit 66; }

work="$(mktemp -d)"
if [ -z "${KEEP:-}" ]; then trap 'rm -rf "$work"' EXIT; else echo "work dir: $work"; fi
. "$(dirname "$0")/lib.sh"

W="$work/ws"
if [ -n "${WORKSPACE:-}" ] && [ -f "$WORKSPACE/dsr.yaml" ]; then
    cp -a --reflink=auto "$WORKSPACE" "$W"
    echo "workspace: a copy of $WORKSPACE"
else
    "$DSR" demo --dir "$W" --calls "$CALLS" --seed 7 >/dev/null
    echo "workspace: dsr demo --calls $CALLS --seed 7"
fi
CFG="$W/dsr.yaml"
OPS="$W/ops.db"
[ -f "$OPS" ] || { echo "no ops.db in $W (this script expects the demo layout)" >&2; exit 66; }
echo "cdrs rows: $(sqlite3 "$OPS" 'SELECT count(*) FROM cdrs'); ops.db $(($(stat -c %s "$OPS") / 1048576)) MB"

# The first rebuild (not timed) says which columns the index covers.
"$DSR" index rebuild --config "$CFG" >/dev/null
sqlite3 "$W/state/index.db" "SELECT table_name, column_name FROM index_sources ORDER BY id" |
    python3 -c '
import collections, sys
def q(name): return "\"" + name.replace("\"", "\"\"") + "\""
columns = collections.OrderedDict()
for line in sys.stdin:
    table, column = line.rstrip("\n").split("|")
    columns.setdefault(table, [])
    if column not in columns[table]: columns[table].append(column)
for table, cols in columns.items():
    reads = ", ".join(f"sum(length({q(c)}))" for c in cols)
    print(f"SELECT {reads} FROM {q(table)};")
print(sum(len(c) for c in columns.values()), "columns of", len(columns), "tables", file=sys.stderr)
' >"$work/read.sql" 2>"$work/read.txt"
echo "reference: sqlite3 reading $(cat "$work/read.txt") (the index's sources)"
sqlite3 "$OPS" <"$work/read.sql" >/dev/null  # warm-up

rebuild() {  # BINARY RSS_FILE: seconds
    local start
    start="$(now)"
    /usr/bin/time -f %M -o "$2" "$1" index rebuild --config "$CFG" >/dev/null
    since "$start"
}
: >"$work/runs"
for i in $(seq "$RUNS"); do
    start="$(now)"
    sqlite3 "$OPS" <"$work/read.sql" >/dev/null
    ref="$(since "$start")"
    t="$(rebuild "$DSR" "$work/rss")"
    line="$i $ref $t $(tail -n 1 "$work/rss") $(stat -c %s "$W/state/index.db")"
    if [ -n "${DSR_BASE:-}" ]; then line="$line $(rebuild "$DSR_BASE" "$work/rss-base")"; fi
    echo "$line" >>"$work/runs"
    awk '{ printf "run %d: sqlite3 %.2f s, dsr index rebuild %.2f s (%.1fx)%s\n", $1, $2, $3, $3 / $2,
        (NF > 5) ? sprintf(", DSR_BASE %.2f s", $6) : "" }' <<<"$line"
done

ops_bytes="$(stat -c %s "$OPS")"
awk -v ops="$ops_bytes" -v runs="$RUNS" '
function med(a, n,   i, j, t) {
    for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] > a[j]; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
    return a[int((n + 1) / 2)]
}
{ r[NR] = $2; d[NR] = $3; p[NR] = $3 / $2; rss[NR] = $4; idx = $5; if (NF > 5) b[NR] = $6 }
END {
    lo = p[1]; hi = p[1]; for (i = 1; i <= NR; i++) { if (p[i] < lo) lo = p[i]; if (p[i] > hi) hi = p[i] }
    printf "\nsummary (medians of %d runs)\n", runs
    printf "  sqlite3 reading the columns: %8.2f s\n", med(r, NR)
    printf "  dsr index rebuild:           %8.2f s   peak RSS %.0f MB\n", med(d, NR), med(rss, NR) / 1024
    printf "  ratio of the medians:        %8.2f     (target <= 10)\n", med(d, NR) / med(r, NR)
    printf "  paired ratio:                %8.2f     (median; %.2f to %.2f)\n", med(p, NR), lo, hi
    if (length(b) > 0) printf "  DSR_BASE rebuild:            %8.2f s   (%.2fx the sqlite3 median)\n", med(b, NR), med(b, NR) / med(r, NR)
    printf "  index.db / ops.db:           %8.2f     (%.0f MB / %.0f MB; target <= 0.75)\n", idx / ops, idx / 1048576, ops / 1048576
}' "$work/runs"
