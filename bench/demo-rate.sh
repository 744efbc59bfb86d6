#!/usr/bin/env bash
# Compares `dsr demo` (1,000,000 CDRs) with the sqlite3 CLI inserting 1,000,000 rows of the
# same shape into the same cdrs table in one transaction via a recursive CTE.
# Usage: DSR=.build/release/dsr bench/demo-rate.sh   (target: ratio dsr/sqlite3 >= 0.5)
set -euo pipefail

DSR="${DSR:-.build/release/dsr}"
ROWS=1000000
RUNS=3
command -v sqlite3 >/dev/null || { echo "sqlite3 CLI not found" >&2; exit 66; }
[ -x "$DSR" ] || { echo "dsr binary not found: $DSR" >&2; exit 66; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

cat >"$work/cte.sql" <<SQL
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
CREATE TABLE cdrs (id INTEGER PRIMARY KEY, service_number TEXT NOT NULL, caller_number TEXT,
  caller_withheld INTEGER NOT NULL, started_at TEXT NOT NULL, duration_s INTEGER NOT NULL,
  forwarded_to TEXT, charge_cents INTEGER, invoice_id INTEGER);
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $ROWS)
INSERT INTO cdrs SELECT i,
  '+31800' || (1000000 + abs(random()) % 9000000),
  '+316' || (10000000 + abs(random()) % 90000000),
  abs(random()) % 2,
  '2025-' || printf('%02d', 1 + i % 12) || '-15T12:34:56Z',
  abs(random()) % 3600,
  '+316' || (10000000 + abs(random()) % 90000000),
  abs(random()) % 500,
  1 + abs(random()) % 5000
FROM n;
COMMIT;
SQL

dsr_times=()
sqlite_times=()
for run in $(seq "$RUNS"); do
    start="$(now)"
    "$DSR" demo --dir "$work/demo-$run" --calls "$ROWS" --seed 7 >/dev/null
    dsr_times+=("$(awk -v a="$(now)" -v b="$start" 'BEGIN { print a - b }')")
    rm -rf "$work/demo-$run"

    start="$(now)"
    sqlite3 "$work/cte-$run.db" <"$work/cte.sql" >/dev/null
    sqlite_times+=("$(awk -v a="$(now)" -v b="$start" 'BEGIN { print a - b }')")
    rm -f "$work/cte-$run.db"
done

dsr_median="$(printf '%s\n' "${dsr_times[@]}" | median)"
sqlite_median="$(printf '%s\n' "${sqlite_times[@]}" | median)"
awk -v d="$dsr_median" -v s="$sqlite_median" -v n="$ROWS" -v r="$RUNS" 'BEGIN {
    printf "dsr demo:  %.2f s median of %d, %.0f rows/s\n", d, r, n / d
    printf "sqlite3:   %.2f s median of %d, %.0f rows/s\n", s, r, n / s
    printf "ratio dsr/sqlite3: %.2f (target >= 0.50)\n", s / d
}'
