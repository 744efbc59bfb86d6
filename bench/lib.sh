# shellcheck shell=bash
# Helpers the benchmark scripts share: `. "$(dirname "$0")/lib.sh"` after `work` is set. Also the
# sqlite3 reference of locate (a canonical, indexed copy and its queries), for locate.sh, bulk.sh
# and postgres.sh, and the bulk files of locate rows with their check against that reference.

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

# ---- the sqlite3 reference of locate (bench/locate.sh, bench/bulk.sh) --------------------
# canon(V, CC): the stored phone V in E.164, CC the '+NN' calling code of its context.
# Separators ' ' '-' '.' '/' '(0)' '(' ')' are stripped; '00...' -> '+...'; a leading trunk '0'
# -> CC || rest; bare digits -> '+' || digits; anything with other characters (withheld
# markers, empty) -> NULL. Exact for the demo's countries (NL BE DE FR AT GB BG all use
# trunk 0); approximate elsewhere (IT keeps its 0, HU uses 06, no length checks).
# caller_withheld only hides the number from the owner; a stored number is still the
# caller's (the demo expects those calls), so the flag is not a filter.
strip() { echo "replace(replace(replace(replace(replace(replace(replace($1, '(0)', ''), '(', ''), ')', ''), ' ', ''), '-', ''), '.', ''), '/', '')"; }
canon() {
    echo "(CASE WHEN $1 IS NULL OR $1 NOT GLOB '*[0-9]*' OR $1 GLOB '*[^0-9+]*' OR $1 GLOB '?*+*' THEN NULL
      WHEN $1 GLOB '+*' THEN $1 WHEN $1 GLOB '00*' THEN '+' || substr($1, 3)
      WHEN $1 GLOB '0*' THEN $2 || substr($1, 2) ELSE '+' || $1 END)"
}
# The calling code of an E.164 number (ITU list: 1 and 7, the two-digit codes, else three).
ccof() {
    echo "(CASE WHEN substr($1, 2, 1) IN ('1', '7') THEN substr($1, 1, 2)
      WHEN substr($1, 2, 2) IN ('20','27','30','31','32','33','34','36','39','40','41','43','44','45',
        '46','47','48','49','51','52','53','54','55','56','57','58','60','61','62','63','64','65','66',
        '81','82','84','86','90','91','92','93','94','95','98') THEN substr($1, 1, 3)
      ELSE substr($1, 1, 4) END)"
}
# canon_db OPS DB: DB, a copy of the tables locate reads with every phone column in E.164 and
# indexed, made from the operations database OPS (setup, not timed); kept when DB was made
# from the same data (the count and max id of its cdrs).
canon_db() {
    local ops="$1" db="$2" marker start
    marker="$(sqlite3 "$ops" 'SELECT count(*) || ":" || max(id) FROM cdrs')"
    if [ ! -f "$db" ] || [ "$(sqlite3 "$db" 'SELECT v FROM meta' 2>/dev/null || true)" != "$marker" ]; then
        rm -f "$db"
        start="$(now)"
        sqlite3 "$db" >/dev/null <<SQL
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
ATTACH '$ops' AS ops;
-- ISO country -> calling code, for contexts given as a country column (EU/EEA, GB, CH, US).
CREATE TEMP TABLE iso(cc TEXT PRIMARY KEY, code TEXT);
INSERT INTO iso VALUES ('AT','+43'),('BE','+32'),('BG','+359'),('HR','+385'),('CY','+357'),
  ('CZ','+420'),('DK','+45'),('EE','+372'),('FI','+358'),('FR','+33'),('DE','+49'),('GR','+30'),
  ('HU','+36'),('IE','+353'),('IT','+39'),('LV','+371'),('LT','+370'),('LU','+352'),('MT','+356'),
  ('NL','+31'),('PL','+48'),('PT','+351'),('RO','+40'),('SK','+421'),('SI','+386'),('ES','+34'),
  ('SE','+46'),('IS','+354'),('LI','+423'),('NO','+47'),('GB','+44'),('CH','+41'),('US','+1');
-- Per service number: its own calling code (context of a caller) and its owner's country
-- code (context of the number calls are forwarded to), as the data map defines them.
CREATE TEMP TABLE snc(number TEXT PRIMARY KEY, pcc TEXT, occ TEXT);
INSERT INTO snc SELECT s.number, $(ccof s.number), i.code
  FROM ops.service_numbers s LEFT JOIN ops.customers c ON c.id = s.customer_id
  LEFT JOIN iso i ON i.cc = c.country;

BEGIN;
-- service_number is the reference key to service_numbers.number (E.164 as stored), kept raw.
CREATE TABLE cdrs_canon(id INTEGER PRIMARY KEY, caller TEXT, forwarded TEXT, service_number TEXT);
INSERT INTO cdrs_canon SELECT id, $(canon c "pcc"), $(canon f "occ"), sn FROM (
  SELECT d.id, d.service_number AS sn,
    $(strip d.caller_number) AS c,
    $(strip d.forwarded_to) AS f,
    coalesce(s.pcc, $(ccof d.service_number)) AS pcc,
    coalesce(s.occ, s.pcc, $(ccof d.service_number)) AS occ
  FROM ops.cdrs d LEFT JOIN snc s ON s.number = d.service_number);
CREATE TABLE contacts_canon(id INTEGER PRIMARY KEY, phone TEXT);
INSERT INTO contacts_canon SELECT id, $(canon p cc) FROM (
  SELECT t.id, $(strip t.phone) AS p, coalesce(i.code, '+31') AS cc
  FROM ops.contacts t LEFT JOIN ops.customers c ON c.id = t.customer_id LEFT JOIN iso i ON i.cc = c.country);
CREATE TABLE orders_canon(id INTEGER PRIMARY KEY, service_number TEXT);
INSERT INTO orders_canon SELECT id, $(canon p cc) FROM (
  SELECT o.id, $(strip o.service_number) AS p, coalesce(i.code, '+31') AS cc
  FROM ops.orders o LEFT JOIN iso i ON i.cc = o.country);
CREATE TABLE service_numbers_canon(number TEXT PRIMARY KEY, forward_to TEXT);
INSERT INTO service_numbers_canon SELECT number, $(canon p cc) FROM (
  SELECT s.number, $(strip s.forward_to) AS p, coalesce(snc.occ, snc.pcc) AS cc
  FROM ops.service_numbers s LEFT JOIN snc ON snc.number = s.number);
CREATE TABLE recordings(id INTEGER PRIMARY KEY, cdr_id INTEGER, file_path TEXT);
INSERT INTO recordings SELECT id, cdr_id, file_path FROM ops.recordings;
CREATE TABLE voicemails(id INTEGER PRIMARY KEY, cdr_id INTEGER, email_id INTEGER, file_path TEXT);
INSERT INTO voicemails SELECT id, cdr_id, email_id, file_path FROM ops.voicemails;
CREATE TABLE emails(id INTEGER PRIMARY KEY, file_path TEXT);
INSERT INTO emails SELECT id, file_path FROM ops.emails;
CREATE INDEX cdrs_canon_caller ON cdrs_canon(caller);
CREATE INDEX cdrs_canon_forwarded ON cdrs_canon(forwarded);
CREATE INDEX cdrs_canon_service_number ON cdrs_canon(service_number);
CREATE INDEX contacts_canon_phone ON contacts_canon(phone);
CREATE INDEX orders_canon_service_number ON orders_canon(service_number);
CREATE INDEX service_numbers_canon_forward_to ON service_numbers_canon(forward_to);
CREATE INDEX recordings_cdr_id ON recordings(cdr_id);
CREATE INDEX voicemails_cdr_id ON voicemails(cdr_id);
CREATE TABLE meta(v TEXT);
INSERT INTO meta VALUES ('$marker');
COMMIT;
ANALYZE;
SQL
        printf 'canon.db built in %.1f s (setup, not timed)\n' "$(since "$start")"
    else
        echo "canon.db: reusing $db"
    fi
}
# callers DB N EXCLUDE: N callers of the cdrs of DB (a canon_db copy), in E.164, one a line,
# other than EXCLUDE: a fixed pseudo-random choice (by the id of each one's first call).
callers() {
    sqlite3 "$1" "SELECT caller FROM (SELECT caller, min(id) AS first FROM cdrs_canon
        WHERE caller IS NOT NULL AND caller <> '$3' GROUP BY caller)
        ORDER BY (first * 2654435761) % 4294967296 LIMIT $2"
}
# locate_queries CALLERS: the sqlite3 queries of one locate (bench/locate.sh, section 4) for
# each caller of the file CALLERS (E.164, one a line) on a canon_db copy; every row they
# give starts with the line number of its caller.
locate_queries() {
    awk '{
        p = "\x27" $0 "\x27"; c = "SELECT id FROM cdrs_canon WHERE caller = " p
        printf "SELECT %d, \x27cdrs\x27, id FROM cdrs_canon WHERE caller = %s;\n", NR, p
        printf "SELECT %d, \x27cdrs\x27, id FROM cdrs_canon WHERE forwarded = %s;\n", NR, p
        printf "SELECT %d, \x27recordings\x27, id, file_path FROM recordings WHERE cdr_id IN (%s);\n", NR, c
        printf "SELECT %d, \x27voicemails\x27, id, file_path FROM voicemails WHERE cdr_id IN (%s);\n", NR, c
        printf "SELECT %d, \x27emails\x27, id, file_path FROM emails WHERE id IN (SELECT email_id FROM voicemails WHERE cdr_id IN (%s));\n", NR, c
        printf "SELECT %d, \x27contacts\x27, id FROM contacts_canon WHERE phone = %s;\n", NR, p
        printf "SELECT %d, \x27orders\x27, id FROM orders_canon WHERE service_number = %s;\n", NR, p
        printf "SELECT %d, \x27service_numbers\x27, number FROM service_numbers_canon WHERE forward_to = %s;\n", NR, p
        printf "SELECT %d, \x27cdrs\x27, id FROM cdrs_canon WHERE service_number IN (SELECT number FROM service_numbers_canon WHERE forward_to = %s);\n", NR, p
    }' "$1"
}

# ---- bulk files of the subjects (bench/bulk.sh, bench/postgres.sh) ------------------------
# jsonl CALLERS ACTION TAG [N] [APPLY]: a `dsr bulk` file (JSON Lines) of the first N (default
# all) subjects of the file CALLERS (E.164, one a line), refs TAG-0001...
jsonl() {
    awk -v action="$2" -v tag="$3" -v n="${4:-0}" -v apply="${5:-}" 'n == 0 || NR <= n {
        printf "{\"ref\": \"%s-%04d\", \"action\": \"%s\", \"identifiers\": [\"phone:%s\"]%s}\n",
            tag, NR, action, $0, apply == "" ? "" : ", \"apply\": " apply }' "$1"
}
# locate_agree REF_OUT BULK_JSON REF: whether, for every subject, the records and files the
# locate rows of a `dsr bulk --json` result (BULK_JSON, rows in the order of the callers file)
# report are those of the rows the reference REF (its name: sqlite3, psql) gave for
# locate_queries in REF_OUT ('|'-separated, NULL empty). Prints one line, sets agree_n and
# agree_of (subjects that agree, subjects), and fails unless all agree (the first few that do
# not on stderr).
locate_agree() {
    local out records ref_records files
    out="$(python3 - "$1" "$2" "$3" <<'PY'
import collections, json, sys
records, files = collections.defaultdict(set), collections.defaultdict(set)
for line in open(sys.argv[1]):
    f = line.rstrip("\n").split("|")
    records[int(f[0])].add((f[1], f[2]))
    if f[1] in ("recordings", "voicemails", "emails") and f[-1]: files[int(f[0])].add(f[-1])
rows = json.load(open(sys.argv[2]))["rows"]
bad = [(i, r["records"], len(records[i]), r["files"], len(files[i]))
       for i, r in enumerate(rows, 1) if (r["records"], r["files"]) != (len(records[i]), len(files[i]))]
total = sum(r["records"] for r in rows)
print(f"{len(rows) - len(bad)} {len(rows)} {total} {sum(len(v) for v in records.values())} {sum(r['files'] for r in rows)}")
for i, dr, sr, df, sf in bad[:5]:
    print(f"subject {i}: dsr {dr} records {df} files, {sys.argv[3]} {sr} rows {sf} files", file=sys.stderr)
PY
)" || return 1
    read -r agree_n agree_of records ref_records files <<<"$out"
    echo "locate: records and files agree for $agree_n of $agree_of subjects (dsr $records records, $files files; $3 $ref_records rows)"
    [ -n "$agree_of" ] && [ "$agree_n" = "$agree_of" ]
}
