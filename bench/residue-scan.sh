#!/usr/bin/env bash
# Issue 10, section 4: how fast the residue scanner (DSRKit ResidueScanner, through
# `dsr-bench residue`) counts erased values' forms in a large file, beside GNU
# `grep -F -c -i -f PATTERNS FILE` on the same file. Target: >= 0.5x grep's throughput.
#
# The test file is CDR-like text (phone numbers, e-mail addresses, names) with planted
# matches, repeated up to SIZE_MB. No line holds more than one match and no pattern occurs
# inside another, so grep's count of matching lines must equal the scanner's count of
# occurrences without UTF-16 forms (checked first). Then RUNS timed runs of each:
#   grep           LC_ALL=C grep -F -c -i -f PATTERNS FILE
#   scanner        dsr-bench residue PATTERNS FILE               (UTF-8 + UTF-16LE/BE forms, as erase runs it)
#   scanner-utf8   dsr-bench residue PATTERNS FILE --no-utf16    (the same forms as grep)
# and prints the medians, MB/s and the ratios scanner/grep.
#
# Usage: BENCH=.build/release/dsr-bench bench/residue-scan.sh
#   SIZE_MB=1024  test file size    RUNS=5  timed runs each    SUBJECTS=12  subjects (3-5 forms each)
#   KEEP=1        keep the work dir
#   SOURCE=ops.db PATTERNS=file   instead of the text: copies of SOURCE (a demo database) up to
#                 SIZE_MB, searched for PATTERNS (one a line); no line-count check on binary data
set -euo pipefail

BENCH="${BENCH:-.build/release/dsr-bench}"
SIZE_MB="${SIZE_MB:-1024}"
RUNS="${RUNS:-5}"
SUBJECTS="${SUBJECTS:-12}"
command -v python3 >/dev/null || { echo "python3 not found" >&2; exit 66; }
[ -x "$BENCH" ] || { echo "dsr-bench binary not found: $BENCH (swift build -c release --static-swift-stdlib)" >&2; exit 66; }

work="$(mktemp -d)"
if [ "${KEEP:-0}" = 1 ]; then echo "work dir kept: $work"; else trap 'rm -rf "$work"' EXIT; fi

now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

if [ -n "${SOURCE:-}" ]; then
    [ -f "$SOURCE" ] && [ -f "${PATTERNS:-}" ] || { echo "SOURCE needs PATTERNS, both files" >&2; exit 66; }
    cp "$PATTERNS" "$work/patterns.txt"
    copies=$(( (SIZE_MB * 1048576 + $(stat -c %s "$SOURCE") - 1) / $(stat -c %s "$SOURCE") ))
    for _ in $(seq "$copies"); do cat "$SOURCE"; done > "$work/data.txt"
else
python3 - "$work" "$SIZE_MB" "$SUBJECTS" <<'PY'
import random, sys
work, size_mb, subjects = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(10)
first = ["jan", "anna", "pieter", "sophie", "lucas", "emma", "daan", "julia", "sem", "tess", "noah", "mila"]
last = ["jansen", "devries", "bakker", "visser", "smit", "meijer", "mulder", "bos", "vos", "peters"]
patterns = []
for s in range(subjects):
    digits = "6%08d" % rng.randrange(10**8)
    f, l = rng.choice(first), rng.choice(last)
    patterns += ["+31" + digits, "0" + digits, f"{f}.{l}{s}@example.nl", f"{f.title()} {l.title()}-{s}"]
    if s % 2 == 0:
        patterns.append(f"NL{rng.randrange(10**10):010d}BANK")
# No pattern inside another (case-insensitively): grep's line count must equal the occurrence count.
folded = [p.lower() for p in patterns]
patterns = [p for p, q in zip(patterns, folded) if not any(q != r and q in r for r in folded)]
open(f"{work}/patterns.txt", "w").write("\n".join(patterns) + "\n")

def filler():
    digits = "%09d" % rng.randrange(10**9)
    user = rng.choice(first) + str(rng.randrange(10**6))
    return (f"{rng.randrange(10**9)}|+31{digits}|0{rng.randrange(10**9):09d}|{user}@mail.example.com|"
            f"{rng.choice(first).title()} {rng.choice(last).title()}|{rng.randrange(3600)}|nl-ams-{rng.randrange(99)}")

def case(p):
    return "".join(c.upper() if rng.random() < 0.3 else c for c in p)

lines, planted = [], 0
size = 0
while size < 8 << 20:
    line = filler()
    if rng.random() < 0.01:
        line += "|" + case(rng.choice(patterns))
        planted += 1
    lines.append(line)
    size += len(line) + 1
block = ("\n".join(lines) + "\n").encode()
with open(f"{work}/data.txt", "wb") as out:
    for _ in range(max(1, (size_mb << 20) // len(block))):
        out.write(block)
with open(f"{work}/check.txt", "wb") as out:
    out.write(block)
print(f"{len(patterns)} patterns, block of {len(block)} bytes with {planted} planted matches", file=sys.stderr)
PY
fi

data="$work/data.txt"
bytes=$(stat -c %s "$data")
echo "file: $((bytes / 1048576)) MiB, $(wc -l < "$work/patterns.txt") patterns"

if [ -z "${SOURCE:-}" ]; then
grep_count=$(LC_ALL=C grep -F -c -i -f "$work/patterns.txt" "$work/check.txt")
scan_count=$("$BENCH" residue "$work/patterns.txt" "$work/check.txt" --no-utf16 2>/dev/null)
echo "check (8 MiB block): grep $grep_count matching lines, scanner $scan_count occurrences"
[ "$grep_count" = "$scan_count" ] || { echo "MISMATCH" >&2; exit 1; }
fi

cat "$data" > /dev/null  # into the page cache: both tools read from memory
time_runs() {  # label command...
    local label="$1"; shift
    : > "$work/$label.times"
    for _ in $(seq "$RUNS"); do
        local start; start=$(now)
        "$@" > "$work/$label.out" 2>/dev/null
        awk -v a="$(now)" -v b="$start" 'BEGIN { printf "%.6f\n", a - b }' >> "$work/$label.times"
    done
    local m; m=$(median < "$work/$label.times")
    printf '%-13s median %8.3f s  %8.1f MB/s  (count %s; runs: %s)\n' "$label" "$m" \
        "$(awk -v b="$bytes" -v t="$m" 'BEGIN { print b / t / 1e6 }')" "$(cat "$work/$label.out")" \
        "$(tr '\n' ' ' < "$work/$label.times")"
    echo "$m" > "$work/$label.median"
}
LC_ALL=C time_runs grep grep -F -c -i -f "$work/patterns.txt" "$data"
time_runs scanner "$BENCH" residue "$work/patterns.txt" "$data"
time_runs scanner-utf8 "$BENCH" residue "$work/patterns.txt" "$data" --no-utf16
g=$(cat "$work/grep.median")
echo "ratio scanner/grep throughput: $(awk -v g="$g" -v s="$(cat "$work/scanner.median")" 'BEGIN { printf "%.2f", g / s }')x" \
    "(UTF-8 only: $(awk -v g="$g" -v s="$(cat "$work/scanner-utf8.median")" 'BEGIN { printf "%.2f", g / s }')x; target >= 0.5x)"
