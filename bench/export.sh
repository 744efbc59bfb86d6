#!/usr/bin/env bash
# Export throughput: a subject with >= 1 GB of audio exported by `dsr export` beside bsdtar
# archiving the same files in the same format (zip, audio stored). Medians of RUNS runs;
# peak RSS from /usr/bin/time. Target: >= 0.9x bsdtar's throughput, peak RSS < 64 MB.
# Usage: DSR=.build/release/dsr bench/export.sh
set -euo pipefail

DSR="${DSR:-.build/release/dsr}"
RUNS="${RUNS:-3}"
MB_PER_FILE="${MB_PER_FILE:-90}"
command -v bsdtar >/dev/null || { echo "bsdtar not found (apt-get install libarchive-tools)" >&2; exit 66; }
[ -x "$DSR" ] || { echo "dsr binary not found: $DSR" >&2; exit 66; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$DSR" demo --dir "$work/ws" --customers 20 --calls 20000 --seed 7 >/dev/null
subject="phone:+31681234567"

# Give every recording and kept voicemail of the subject a large WAV (8 kHz 16-bit mono PCM).
paths="$(sqlite3 "$work/ws/ops.db" "
  SELECT r.file_path FROM recordings r JOIN cdrs c ON c.id = r.cdr_id
  WHERE c.caller_number IN (SELECT caller_number FROM cdrs WHERE replace(replace(replace(replace(
    caller_number,' ',''),'-',''),'(0)',''),'+','') LIKE '%681234567') AND r.file_path NOT LIKE '../%'")"
count=0
for path in $paths; do
  python3 - "$work/ws/files/$path" "$MB_PER_FILE" <<'PY'
import os, struct, sys
path, mb = sys.argv[1], int(sys.argv[2])
size = mb * 1024 * 1024
os.makedirs(os.path.dirname(path), exist_ok=True)
with open(path, "wb") as f:
    f.write(b"RIFF" + struct.pack("<I", 36 + size) + b"WAVEfmt " + struct.pack("<IHHIIHH", 16, 1, 1, 8000, 16000, 2, 16))
    f.write(b"data" + struct.pack("<I", size))
    block = os.urandom(1 << 20)
    for _ in range(mb):
        f.write(block)
PY
  count=$((count + 1))
done
total_mb=$((count * MB_PER_FILE))
echo "subject $subject: $count recordings of $MB_PER_FILE MB = $total_mb MB of audio"
cat $(printf "$work/ws/files/%s " $paths) > /dev/null   # warm the page cache for both

now() { date +%s.%N; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
dsr_times=(); tar_times=(); sync_times=(); dsr_rss=0; tar_rss=0
for run in $(seq "$RUNS"); do
  rm -f "$work/out.zip" "$work/ref.zip"
  start="$(now)"
  /usr/bin/time -f %M -o "$work/rss" "$DSR" export --config "$work/ws/dsr.yaml" "$subject" \
    --include-processor-data -o "$work/out.zip" >/dev/null
  dsr_times+=("$(awk -v a="$(now)" -v b="$start" 'BEGIN { print a - b }')")
  dsr_rss="$(cat "$work/rss")"
  start="$(now)"
  (cd "$work/ws/files" && /usr/bin/time -f %M -o "$work/rss" bsdtar -c --format zip \
    --options zip:compression=store -f "$work/ref.zip" $paths)
  tar_times+=("$(awk -v a="$(now)" -v b="$start" 'BEGIN { print a - b }')")
  tar_rss="$(cat "$work/rss")"
  # dsr fsyncs the archive before renaming it into place (no half-written export after a
  # crash); the same durability for bsdtar is its run plus an fsync of its output.
  rm -f "$work/ref.zip"
  start="$(now)"
  (cd "$work/ws/files" && bsdtar -c --format zip --options zip:compression=store -f "$work/ref.zip" $paths)
  sync "$work/ref.zip"
  sync_times+=("$(awk -v a="$(now)" -v b="$start" 'BEGIN { print a - b }')")
done
d="$(printf '%s\n' "${dsr_times[@]}" | median)"
t="$(printf '%s\n' "${tar_times[@]}" | median)"
s="$(printf '%s\n' "${sync_times[@]}" | median)"
awk -v d="$d" -v t="$t" -v s="$s" -v mb="$total_mb" -v r="$RUNS" -v dr="$dsr_rss" -v tr="$tar_rss" 'BEGIN {
  printf "dsr export: %.2f s median of %d, %.0f MB/s, peak RSS %.1f MB (whole export: locate, data, letter, page, manifest)\n", d, r, mb / d, dr / 1024
  printf "bsdtar zip: %.2f s median of %d, %.0f MB/s, peak RSS %.1f MB (the audio files only)\n", t, r, mb / t, tr / 1024
  printf "bsdtar zip + fsync of the archive: %.2f s median of %d, %.0f MB/s\n", s, r, mb / s
  printf "throughput ratio dsr/bsdtar: %.2f (target >= 0.90); with the same fsync: %.2f; dsr peak RSS target < 64 MB\n", t / d, s / d
}'
