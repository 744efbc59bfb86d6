import Foundation
import GRDB

/// The schema of dsr's own state database, built by versioned migrations.
///
/// Each capability adds its tables in a new migration; a migration that has shipped is
/// never edited, so a workspace made by an older dsr upgrades in place.
public enum StateSchema {
    /// The migrator holding every migration, in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-workspace") { db in
            // Facts about the workspace itself (schema owner, the dsr version that made it).
            try db.execute(
                sql: """
                    CREATE TABLE workspace_meta (
                        key TEXT PRIMARY KEY NOT NULL,
                        value TEXT NOT NULL
                    ) STRICT
                    """)
        }
        migrator.registerMigration("v2-register-and-audit") { db in
            // The request register. Identifiers sit in request_subjects: in plain canonical form
            // only while the request needs them, as keyed hashes for good after (CONTRACT.md 3).
            try db.execute(
                sql: """
                    CREATE TABLE requests (
                        id TEXT PRIMARY KEY NOT NULL,
                        year INTEGER NOT NULL,
                        number INTEGER NOT NULL,
                        type TEXT NOT NULL,
                        status TEXT NOT NULL,
                        received TEXT NOT NULL,
                        due TEXT NOT NULL,
                        extended_due TEXT,
                        extension_reason TEXT,
                        reference TEXT,
                        channel TEXT,
                        note TEXT,
                        verified_at TEXT,
                        verification_method TEXT,
                        verified_by TEXT,
                        closed_at TEXT,
                        outcome TEXT,
                        close_reason TEXT,
                        forget_identifiers_on TEXT,
                        opened_at TEXT NOT NULL,
                        UNIQUE (year, number)
                    ) STRICT;
                    CREATE TABLE request_subjects (
                        request_id TEXT NOT NULL REFERENCES requests (id),
                        position INTEGER NOT NULL,
                        kind TEXT NOT NULL,
                        value TEXT,
                        hash TEXT NOT NULL,
                        PRIMARY KEY (request_id, position)
                    ) STRICT;
                    CREATE TABLE audit_log (
                        seq INTEGER PRIMARY KEY NOT NULL,
                        at TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        request_id TEXT,
                        action TEXT NOT NULL,
                        subjects TEXT NOT NULL,
                        details TEXT NOT NULL,
                        previous_hash TEXT NOT NULL,
                        hash TEXT NOT NULL
                    ) STRICT;
                    CREATE INDEX audit_log_request ON audit_log (request_id);
                    """)
        }
        migrator.registerMigration("v3-erasure") { db in
            // An erasure in progress: written before the operations database commits, removed
            // when its files are done, so a crash in between is finished by `dsr erase --resume`.
            // The identifiers stay in plain form only while it runs (as for an open request).
            // The suppression list keeps the erased identifiers as keyed hashes for good, to check
            // restored backups against (CONTRACT.md section 7).
            try db.execute(
                sql: """
                    CREATE TABLE erasure_journal (
                        id TEXT PRIMARY KEY NOT NULL,
                        started_at TEXT NOT NULL,
                        request_id TEXT,
                        digest TEXT NOT NULL,
                        identifiers TEXT NOT NULL,
                        include_processor_data INTEGER NOT NULL,
                        phase TEXT NOT NULL
                    ) STRICT;
                    CREATE TABLE erasure_journal_files (
                        journal_id TEXT NOT NULL REFERENCES erasure_journal (id),
                        position INTEGER NOT NULL,
                        table_name TEXT NOT NULL,
                        column_name TEXT NOT NULL,
                        path TEXT NOT NULL,
                        action TEXT NOT NULL,
                        PRIMARY KEY (journal_id, position)
                    ) STRICT;
                    CREATE TABLE suppression_list (
                        hash TEXT NOT NULL,
                        request_id TEXT,
                        erased_at TEXT NOT NULL,
                        digest TEXT NOT NULL
                    ) STRICT;
                    CREATE INDEX suppression_list_hash ON suppression_list (hash);
                    """)
        }
        migrator.registerMigration("v4-erasure-index") { db in
            // What the identifier index forgets after the operations commit, kept with the
            // journal entry so a crash before the index's own commit is finished later.
            try db.execute(sql: "ALTER TABLE erasure_journal ADD COLUMN index_forget TEXT")
        }
        migrator.registerMigration("v5-restrictions-and-holds") { db in
            // Restrictions of processing (Art. 18) and legal holds (Art. 17(3)(b)/(e)). Whom they
            // are about is kept as keyed hashes only (CONTRACT.md section 3): every identifier the
            // subject was located by, so a check by a learnt phone answers too. Reason and basis
            // are the DPO's own text; the audit trail records only that one was given. `tables`
            // names the tables that held the person's records (one per line), whose recipients
            // are told when the restriction is lifted (Art. 19).
            try db.execute(
                sql: """
                    CREATE TABLE restrictions (
                        id TEXT PRIMARY KEY NOT NULL,
                        year INTEGER NOT NULL,
                        number INTEGER NOT NULL,
                        request_id TEXT,
                        reason TEXT NOT NULL,
                        since TEXT NOT NULL,
                        until TEXT,
                        lifted_at TEXT,
                        informed_on TEXT,
                        tables TEXT NOT NULL,
                        UNIQUE (year, number)
                    ) STRICT;
                    CREATE TABLE restriction_subjects (
                        restriction_id TEXT NOT NULL REFERENCES restrictions (id),
                        hash TEXT NOT NULL,
                        PRIMARY KEY (restriction_id, hash)
                    ) STRICT;
                    CREATE INDEX restriction_subjects_hash ON restriction_subjects (hash);
                    CREATE TABLE legal_holds (
                        id TEXT PRIMARY KEY NOT NULL,
                        year INTEGER NOT NULL,
                        number INTEGER NOT NULL,
                        request_id TEXT,
                        basis TEXT NOT NULL,
                        added_at TEXT NOT NULL,
                        until TEXT NOT NULL,
                        released_at TEXT,
                        release_reason TEXT,
                        UNIQUE (year, number)
                    ) STRICT;
                    CREATE TABLE legal_hold_subjects (
                        hold_id TEXT NOT NULL REFERENCES legal_holds (id),
                        hash TEXT NOT NULL,
                        PRIMARY KEY (hold_id, hash)
                    ) STRICT;
                    CREATE INDEX legal_hold_subjects_hash ON legal_hold_subjects (hash);
                    ALTER TABLE erasure_journal ADD COLUMN override_restriction INTEGER NOT NULL DEFAULT 0;
                    """)
        }
        migrator.registerMigration("v6-index-repairs") { db in
            // Rows a rectification changes in place, with the index entries they had: written
            // before the operations commit, removed once the index learnt the new values, so a
            // crash in between is finished by the next command. Keyed hashes and row numbers only.
            try db.execute(
                sql: """
                    CREATE TABLE index_repairs (
                        id TEXT PRIMARY KEY NOT NULL,
                        started_at TEXT NOT NULL,
                        relearn TEXT NOT NULL
                    ) STRICT
                    """)
        }
        migrator.registerMigration("v7-suppression-scope") { db in
            // Whether the erasure included the records held as processor (a call's recordings
            // with `--include-processor-data`): the restore check erases what comes back as
            // the erasure did. NULL for erasures from before this column: not known.
            try db.execute(sql: "ALTER TABLE suppression_list ADD COLUMN include_processor_data INTEGER")
        }
        migrator.registerMigration("v8-journal-kind") { db in
            // What an erasure journal entry records: a person's erasure (`erasure`: resumed by
            // planning again from its identifiers) or a plan made from rows (`purge`, `re-erasure`:
            // a crash before the commit changed nothing, and the next run plans again by itself).
            try db.execute(sql: "ALTER TABLE erasure_journal ADD COLUMN kind TEXT NOT NULL DEFAULT 'erasure'")
        }
        migrator.registerMigration("v9-purge-runs") { db in
            // A retention purge run in progress: what its committed batches did so far (counts
            // per rule, plan digests), written with each batch's commit. The run's one audit
            // entry is written from it at the end, or by the next run after a crash.
            try db.execute(
                sql: """
                    CREATE TABLE purge_runs (
                        id TEXT PRIMARY KEY,
                        started_at TEXT NOT NULL,
                        progress TEXT NOT NULL
                    )
                    """)
        }
        migrator.registerMigration("v10-bulk-rows") { db in
            // The rows of bulk files begun or done, by keyed hash of the sender's ref (never the
            // ref itself): the keyed hash of the row's content, the request it opened, and the
            // audit actions written for it so far, each written in its audit entry's transaction.
            try db.execute(
                sql: """
                    CREATE TABLE bulk_rows (
                        ref_hash TEXT PRIMARY KEY,
                        content_hash TEXT NOT NULL,
                        status TEXT NOT NULL CHECK (status IN ('started', 'done')),
                        request_id TEXT,
                        steps TEXT NOT NULL DEFAULT '',
                        started_at TEXT NOT NULL,
                        done_at TEXT
                    )
                    """)
        }
        migrator.registerMigration("v11-journal-applied") { db in
            // An erasure's plan and choices, written with its journal entry before the
            // operations commit: a run stopped after that commit is recorded from them (the
            // same audit entry, register outcome and letter), not from a fresh plan that finds
            // nothing left. NULL in entries of older versions and of plans made from rows.
            try db.execute(sql: "ALTER TABLE erasure_journal ADD COLUMN applied TEXT")
        }
        migrator.registerMigration("v12-rectification-journal") { db in
            // A rectification being applied: its plan (old and new values plain, as the letter
            // needs them) and choices, written before the operations commit and removed once its
            // audit entry and letter are written (secure_delete, then a checkpoint). A run stopped
            // in between is finished by the next command from this, not from a fresh plan that
            // finds nothing left to change. `recorded` is set in the audit entry's transaction.
            try db.execute(
                sql: """
                    CREATE TABLE rectification_journal (
                        id TEXT PRIMARY KEY NOT NULL,
                        started_at TEXT NOT NULL,
                        request_id TEXT,
                        identifiers TEXT NOT NULL,
                        applied TEXT NOT NULL,
                        recorded INTEGER NOT NULL DEFAULT 0
                    ) STRICT
                    """)
        }
        return migrator
    }

    /// Brings the state database up to the current schema.
    ///
    /// - Throws: ``StoreError`` when the database is locked or unusable.
    public static func migrate(_ queue: DatabaseQueue) throws {
        do { try migrator.migrate(queue) } catch {
            throw StoreError.wrap(error, path: queue.path, timeout: queue.busyTimeoutSeconds)
        }
    }

    /// The identifiers of the migrations applied to `queue`, oldest first.
    public static func appliedMigrations(_ queue: DatabaseQueue) throws -> [String] {
        try queue.guardedRead { db in try migrator.appliedMigrations(db) }
    }
}
