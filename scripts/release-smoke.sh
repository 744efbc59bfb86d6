#!/usr/bin/env bash
# The release binary on a small demo workspace: every command that carries something out,
# once. The tests run the debug build; this catches what only optimised code does (a
# TaskLocal in synchronous code crashed `dsr bulk` in release only).
# Usage: scripts/release-smoke.sh [DSR]   (default .build/release/dsr); exit 0 when all pass.
set -euo pipefail
DSR="${1:-.build/release/dsr}"
[ -x "$DSR" ] || { echo "release-smoke: no binary at $DSR" >&2; exit 66; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
ws="$work/ws"
step() { echo "release-smoke: $*"; }
run() {  # EXPECTED_EXIT ARGS…
    local expected="$1"; shift
    local code=0
    "$DSR" "$@" --config "$ws/dsr.yaml" >"$work/out" 2>"$work/err" || code=$?
    if [ "$code" != "$expected" ]; then
        echo "release-smoke: dsr $1 exited $code, expected $expected" >&2
        cat "$work/err" >&2
        exit 1
    fi
}
step "demo"
"$DSR" demo --dir "$ws" --calls 3000 --seed 7 >/dev/null
subject=(phone:+31681234567 email:sanne.bakker@example.nl)
step "index, locate, export"
run 0 index rebuild
run 0 locate --json "${subject[@]}"
grep -q '"records"' "$work/out"
run 0 export "${subject[@]}"
# The access row is another person's: an open access request keeps its identifiers in plain
# (CONTRACT.md section 3), which an erasure of the same person reports as residue.
step "bulk (locate, access, erasure with apply), then again (all skipped)"
cat > "$work/rows.jsonl" <<'ROWS'
{"ref": "S-1", "action": "locate", "identifiers": ["phone:+31681234567"]}
{"ref": "S-2", "action": "access", "identifiers": ["email:pieter@smitinstallatie.nl"]}
{"ref": "S-3", "action": "erasure", "identifiers": ["phone:+31681234567", "email:sanne.bakker@example.nl"], "apply": true}
ROWS
run 0 bulk "$work/rows.jsonl" --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["done"]==3 and d["failed"]==0, d' "$work/out"
run 0 bulk "$work/rows.jsonl" --json
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["skipped"]==3, d' "$work/out"
step "the erased subject is gone; the audit chain verifies"
run 0 locate --json "${subject[@]}"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["records"]==[], len(d["records"])' "$work/out"
run 0 audit verify
step "all passed"
