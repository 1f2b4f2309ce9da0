import SQLite

/// How a rebuild divides its work: rows per batch, and what runs after each batch (outside the lock).
public struct RebuildBatching: Sendable {
    public var rows: Int
    /// Tests watch the store between two batches here.
    public var afterBatch: @Sendable () -> Void

    public init(rows: Int = 1000, afterBatch: @escaping @Sendable () -> Void = {}) {
        self.rows = max(1, rows)
        self.afterBatch = afterBatch
    }
}

extension Store {
    /// Replaces what `scope` names by the fixture loaded (and checked whole) into `aside`, holding the
    /// lock for one batch at a time: old rows are deleted, then the new ones copied, in batches. The
    /// accounts involved are marked for the whole time (SCIM requests for them answer 503), and on any
    /// failure part-way they are deleted, so no half-built account is left behind.
    /// - Parameter file: names the fixture in the error for a key another account already holds.
    func rebuild(from aside: Store, replacing scope: FixtureLoader.Scope, file: String, batching: RebuildBatching) throws {
        try rebuildTurn.withLock { _ in
            let name = try aside.read { $0.connection.filename }
            try read { try $0.connection.execute("ATTACH DATABASE 'file:\(name)?vfs=memdb' AS \(AsideCopy.schema)") }
            defer {
                rebuilds.clear()
                _ = try? read { try $0.connection.execute("DETACH DATABASE \(AsideCopy.schema)") }
            }
            let plan = try read { state in
                if let conflict = try RebuildPlan.conflict(scope, state.connection) {
                    throw FixtureError(file: file, path: "$", reason: conflict)
                }
                let plan = try RebuildPlan(scope, state.connection)
                rebuilds.mark(everything: scope == .everything, accounts: plan.accounts, secrets: plan.secrets)
                return plan
            }
            do {
                try purge(plan.replaced, batching: batching)
                try AsideCopy(store: self, batching: batching).copy()
            } catch {
                try? purge(plan.accounts.sorted(), batching: batching)
                try? finishRebuild(scope)
                throw error
            }
            try finishRebuild(scope)
        }
    }

    /// Ends a rebuild in one write: statistics for the planner, fresh secrets, and the event.
    private func finishRebuild(_ scope: FixtureLoader.Scope) throws {
        try write { connection in
            try connection.execute("PRAGMA analysis_limit = 400; ANALYZE main")
            // Before the commit is published, so no one acting on the event reads an old secret.
            secrets.invalidate()
            rebuilds.clear()
            return ((), scope.event)
        }
    }

    /// Deletes `accounts` and everything of theirs, the big tables first, `batching.rows` rows at a time.
    func purge(_ accounts: [String], batching: RebuildBatching) throws {
        for account in accounts {
            let idps = try read { state in
                try state.connection.statement("SELECT pk, id FROM identity_providers WHERE account_id = ?").query([account]) {
                    (pk: $0.int64(0), id: $0.string(1) ?? "")
                }
            }
            for idp in idps {
                try deleteInBatches("update_logs", where: "idp_pk", idp.pk, batching)
                try deleteInBatches("resource_versions", where: "idp_pk", idp.pk, batching)
                try deleteInBatches("groups", where: "idp_id", idp.id, batching)
                try deleteInBatches("users", where: "idp_id", idp.id, batching)
            }
            try batch { try $0.statement("DELETE FROM accounts WHERE id = ?").run([account]) }
            yieldToWaiters()
            batching.afterBatch()
        }
    }

    /// Foreign keys delete what hangs off each row (a user's emails and memberships) in its batch.
    private func deleteInBatches(_ table: String, where column: String, _ value: any SQLiteBindable, _ batching: RebuildBatching)
        throws
    {
        let sql = "DELETE FROM \(table) WHERE pk IN (SELECT pk FROM \(table) WHERE \(column) = ? LIMIT ?)"
        while true {
            let deleted = try batch { connection in
                try connection.statement(sql).run([value, batching.rows])
                return connection.changes
            }
            yieldToWaiters()
            batching.afterBatch()
            if deleted < batching.rows { return }
        }
    }
}
