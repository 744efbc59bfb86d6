# Helpers the benchmark scripts share: `. "$(dirname "$0")/lib.sh"` after `work` is set.

now() { if [ -n "${EPOCHREALTIME:-}" ]; then echo "$EPOCHREALTIME"; else date +%s.%N; fi; }
since() { awk -v a="$(now)" -v b="$1" 'BEGIN { printf "%.6f\n", a - b }'; }
median() { sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }

# The index belongs to one ops.db file (device and inode, size and mtime): a copied workspace
# has its index rebuilt at first use. So WORKSPACE is set back to PRISTINE in place instead:
# ops.db rewritten into the same inode with its old mtime, state and files copied back.
restore() {  # PRISTINE WORKSPACE (not timed)
    rm -f "$2/ops.db-journal" "$2/ops.db-wal" "$2/ops.db-shm"
    cp --preserve=timestamps "$1/ops.db" "$2/ops.db"
    rm -rf "$2/state" "$2/files"
    cp -a --reflink=auto "$1/state" "$1/files" "$2/"
    sync
}
pristine() {  # WORKSPACE PRISTINE: what restore sets WORKSPACE back to
    mkdir -p "$2"; cp -a --reflink=auto "$1/ops.db" "$1/state" "$1/files" "$2/"; sync
}
