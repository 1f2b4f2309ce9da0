import SQLite

/// The numbered migrations. Append only: a released `--db` file is upgraded by running the new ones.
enum Schema {
    static let migrator = Migrator(applicationID: applicationID, [v1, v2, v3, v4, v5])

    /// `PRAGMA application_id` of every scim-mock database: "SCMK" in ASCII (SCim MocK), so `file(1)` and
    /// this program tell its files from other SQLite databases.
    static let applicationID: Int32 = 0x5343_4D4B

    /// Every filter of the three list endpoints has an index whose leading columns match it, and
    /// update logs are ordered by (logged_at, rowid) inside each index so a page needs no sort. Log rows
    /// point at their IdP by integer and store enums as small integers: 100k logs fit in about half
    /// the memory text columns would take.
    static let v1 = """
        CREATE TABLE accounts (
            id TEXT PRIMARY KEY
        ) WITHOUT ROWID;
        CREATE TABLE identity_providers (
            pk INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            account_id TEXT NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
            name TEXT NOT NULL,
            type TEXT NOT NULL
        );
        CREATE INDEX identity_providers_account ON identity_providers(account_id);
        CREATE TABLE scim_secrets (
            secret TEXT PRIMARY KEY,
            idp_id TEXT NOT NULL REFERENCES identity_providers(id) ON DELETE CASCADE
        ) WITHOUT ROWID;
        CREATE INDEX scim_secrets_idp ON scim_secrets(idp_id);
        CREATE TABLE users (
            pk INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            idp_id TEXT NOT NULL REFERENCES identity_providers(id) ON DELETE CASCADE,
            user_name TEXT NOT NULL COLLATE NOCASE,
            external_id TEXT,
            display_name TEXT COLLATE NOCASE,
            active INTEGER NOT NULL,
            created INTEGER NOT NULL,
            last_modified INTEGER NOT NULL,
            resource TEXT NOT NULL
        );
        CREATE UNIQUE INDEX users_idp_user_name ON users(idp_id, user_name);
        CREATE INDEX users_idp_external_id ON users(idp_id, external_id);
        CREATE INDEX users_idp_display_name ON users(idp_id, display_name);
        CREATE INDEX users_idp ON users(idp_id);
        CREATE TABLE user_emails (
            user_pk INTEGER NOT NULL REFERENCES users(pk) ON DELETE CASCADE,
            value TEXT NOT NULL COLLATE NOCASE,
            PRIMARY KEY (value, user_pk)
        ) WITHOUT ROWID;
        CREATE INDEX user_emails_user ON user_emails(user_pk);
        CREATE TABLE groups (
            pk INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            idp_id TEXT NOT NULL REFERENCES identity_providers(id) ON DELETE CASCADE,
            display_name TEXT NOT NULL COLLATE NOCASE,
            external_id TEXT,
            created INTEGER NOT NULL,
            last_modified INTEGER NOT NULL,
            resource TEXT NOT NULL
        );
        CREATE UNIQUE INDEX groups_idp_display_name ON groups(idp_id, display_name);
        CREATE INDEX groups_idp_external_id ON groups(idp_id, external_id);
        CREATE INDEX groups_idp ON groups(idp_id);
        CREATE TABLE memberships (
            group_pk INTEGER NOT NULL REFERENCES groups(pk) ON DELETE CASCADE,
            user_pk INTEGER NOT NULL REFERENCES users(pk) ON DELETE CASCADE,
            PRIMARY KEY (group_pk, user_pk)
        ) WITHOUT ROWID;
        CREATE INDEX memberships_user ON memberships(user_pk);
        CREATE TABLE update_logs (
            pk INTEGER PRIMARY KEY,
            idp_pk INTEGER NOT NULL REFERENCES identity_providers(pk) ON DELETE CASCADE,
            logged_at INTEGER NOT NULL,
            request_method INTEGER NOT NULL,
            resource_type INTEGER NOT NULL,
            status INTEGER NOT NULL,
            cf_resource_id TEXT,
            idp_resource_id TEXT,
            resource_user_email TEXT COLLATE NOCASE,
            resource_group_name TEXT,
            request_body TEXT,
            error_description TEXT
        );
        CREATE INDEX update_logs_idp_time ON update_logs(idp_pk, logged_at);
        CREATE INDEX update_logs_idp_status_time ON update_logs(idp_pk, status, logged_at);
        CREATE INDEX update_logs_idp_type_time ON update_logs(idp_pk, resource_type, logged_at);
        CREATE INDEX update_logs_idp_method_time ON update_logs(idp_pk, request_method, logged_at);
        CREATE INDEX update_logs_cf_resource ON update_logs(cf_resource_id, logged_at);
        CREATE INDEX update_logs_idp_resource ON update_logs(idp_resource_id, logged_at);
        CREATE INDEX update_logs_user_email ON update_logs(resource_user_email, logged_at);
        CREATE INDEX update_logs_group_name ON update_logs(resource_group_name, logged_at);
        """

    /// SCIM writes: a version per resource for weak ETags, bumped on every change, and the `display`
    /// a client gave a member (it is immutable once sent; absent, the user's name is shown).
    static let v2 = """
        ALTER TABLE users ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE groups ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
        ALTER TABLE memberships ADD COLUMN display TEXT;
        """

    /// Log enum codes made explicit, and exact log counts kept in the write transaction.
    ///
    /// One table per log enum names each code (`UpdateLog.StorageCoded`), so a `sqlite3` reader can join
    /// them. `update_log_counts` holds a counter per IdP and combination of enums, kept by triggers
    /// on every insert, delete (foreign-key cascades fire them too) and update of `update_logs`, so no
    /// writer can forget it and `total_count` need not COUNT(*) after each write. Its foreign keys into
    /// the code tables make an unknown code unwritable: a log whose counter has no code row fails. The
    /// backfill checks the logs already stored the same way.
    static let v3 = """
        CREATE TABLE update_log_methods (code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        INSERT INTO update_log_methods VALUES (0, 'DELETE'), (1, 'PATCH'), (2, 'POST'), (3, 'PUT');
        CREATE TABLE update_log_resource_types (code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        INSERT INTO update_log_resource_types VALUES (0, 'USER'), (1, 'GROUP');
        CREATE TABLE update_log_statuses (code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        INSERT INTO update_log_statuses VALUES (0, 'FAILURE'), (1, 'SUCCESS');
        CREATE TABLE update_log_counts (
            idp_pk INTEGER NOT NULL REFERENCES identity_providers(pk) ON DELETE CASCADE,
            request_method INTEGER NOT NULL REFERENCES update_log_methods(code),
            resource_type INTEGER NOT NULL REFERENCES update_log_resource_types(code),
            status INTEGER NOT NULL REFERENCES update_log_statuses(code),
            n INTEGER NOT NULL,
            PRIMARY KEY (idp_pk, request_method, resource_type, status)
        ) WITHOUT ROWID;
        \(countsBackfill);
        CREATE TRIGGER update_logs_count_insert AFTER INSERT ON update_logs BEGIN
            INSERT INTO update_log_counts (idp_pk, request_method, resource_type, status, n)
                VALUES (NEW.idp_pk, NEW.request_method, NEW.resource_type, NEW.status, 1)
                ON CONFLICT DO UPDATE SET n = n + 1;
        END;
        CREATE TRIGGER update_logs_count_delete AFTER DELETE ON update_logs BEGIN
            UPDATE update_log_counts SET n = n - 1
                WHERE idp_pk = OLD.idp_pk AND request_method = OLD.request_method
                  AND resource_type = OLD.resource_type AND status = OLD.status;
        END;
        CREATE TRIGGER update_logs_count_update AFTER UPDATE OF idp_pk, request_method, resource_type, status
        ON update_logs BEGIN
            UPDATE update_log_counts SET n = n - 1
                WHERE idp_pk = OLD.idp_pk AND request_method = OLD.request_method
                  AND resource_type = OLD.resource_type AND status = OLD.status;
            INSERT INTO update_log_counts (idp_pk, request_method, resource_type, status, n)
                VALUES (NEW.idp_pk, NEW.request_method, NEW.resource_type, NEW.status, 1)
                ON CONFLICT DO UPDATE SET n = n + 1;
        END;
        """

    /// Fills `update_log_counts` from the logs stored: the v3 backfill, and a bulk fixture load that
    /// stored its logs with the count triggers dropped (`LogBulkLoad`).
    static let countsBackfill = """
        INSERT INTO update_log_counts (idp_pk, request_method, resource_type, status, n)
            SELECT idp_pk, request_method, resource_type, status, COUNT(*) FROM update_logs
            GROUP BY idp_pk, request_method, resource_type, status
        """

    /// Whether a user has an `active` value at all: the `active` column reads an unassigned one as true,
    /// which no SCIM filter on `active` matches, so `active eq true` is exact in SQL only with this.
    /// Names are case-insensitive in SCIM, hence the scan of the top-level keys.
    static let v4 = """
        ALTER TABLE users ADD COLUMN active_assigned INTEGER NOT NULL DEFAULT 0;
        UPDATE users SET active_assigned = EXISTS (
            SELECT 1 FROM json_each(users.resource) WHERE lower(key) = 'active' AND type IN ('true', 'false'));
        """

    /// Each resource's state after every write that changed it, for its history (the dashboard's user
    /// registry). A row points at the update log of the write (`log_pk`, NULL for a state loaded from
    /// fixtures) and holds the stored JSON, the ETag version and the derived list (`User.groups` or
    /// `Group.members`, `[{"id","display"}]`) as they were after it. A user's rows include the group writes
    /// that changed its memberships, and a group's the user deletions that removed members. Rows of a
    /// deleted resource or a failed write hold no state (`change` names which). Resources already stored
    /// are seeded with their current state.
    static let v5 = """
        CREATE TABLE resource_version_changes (code INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
        INSERT INTO resource_version_changes VALUES (0, 'SEEDED'), (1, 'WRITTEN'), (2, 'DELETED'), (3, 'UNCHANGED');
        CREATE TABLE resource_versions (
            pk INTEGER PRIMARY KEY,
            idp_pk INTEGER NOT NULL REFERENCES identity_providers(pk) ON DELETE CASCADE,
            resource_type INTEGER NOT NULL REFERENCES update_log_resource_types(code),
            resource_id TEXT NOT NULL,
            log_pk INTEGER,
            change INTEGER NOT NULL REFERENCES resource_version_changes(code),
            version INTEGER,
            resource TEXT,
            refs TEXT
        );
        CREATE INDEX resource_versions_resource ON resource_versions(idp_pk, resource_type, resource_id);
        \(VersionSQL.seedUsers("1"));
        \(VersionSQL.seedGroups("1"));
        """
}
