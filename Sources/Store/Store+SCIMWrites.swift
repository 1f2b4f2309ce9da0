import JSON
import SCIM
import SQLite

/// SCIM writes, each with its update log: no caller can apply a write without logging it.
extension Store {
    /// Runs `prepare` (parsing, validation) outside the lock, then `apply` and the write's update log in
    /// one transaction. When either throws, the change rolls back and a FAILURE log is appended in a
    /// transaction of its own; the error is rethrown as the `SCIMError` the log records (any other
    /// error is an internal 500).
    /// - Parameter clock: read once per log, when it is appended.
    public func scimWrite<Input, Result: Sendable>(
        _ draft: UpdateLogDraft, tenant: SCIMTenant, clock: () -> Timestamp, prepare: () throws -> Input,
        apply: (Input, SCIMTransaction, inout UpdateLogDraft) throws -> Result
    ) throws -> Result {
        var draft = draft
        do {
            let input = try prepare()
            let time = clock()
            return try write { connection in
                try checkWritable(tenant, connection)
                let transaction = SCIMTransaction(connection: connection, tenant: tenant)
                let result = try apply(input, transaction, &draft)
                let log = try Self.insert(
                    draft.log(idp: tenant.idp.id, at: time, failure: nil), idpPK: tenant.pk, into: connection)
                try transaction.touched.recordVersions(log: log, idpPK: tenant.pk, connection)
                return (result, .scimWrite(SCIMWriteEvent(draft, tenant.idp, status: .SUCCESS, logIDs: [log])))
            }
        } catch let error as StoreError where error.isRebuilding {
            throw Self.unavailable(error)
        } catch {
            let failure = Self.scimError(error)
            let time = clock()
            try write { connection in
                // A write that failed before reading its resource still names it, as the dashboard does.
                if !draft.isDescribed, let id = draft.cfResourceID,
                    let current = try Self.find(draft.kind.table, id: id, idp: tenant.idp.id, connection)
                {
                    draft.describe(current.json)
                }
                draft.describeBody()
                let log = try Self.insert(
                    draft.log(idp: tenant.idp.id, at: time, failure: failure), idpPK: tenant.pk, into: connection)
                try Self.recordUnchanged(draft, log: log, tenant: tenant, connection)
                return ((), StoreEvent.scimWrite(SCIMWriteEvent(draft, tenant.idp, status: .FAILURE, logIDs: [log])))
            }
            throw failure
        }
    }

    /// Logs a write refused before it reached a tenant (a bad secret on `/populations/{idp_id}`): the
    /// IdP is known from the path, and Cloudflare's dashboard shows such failures too. Nothing is logged
    /// for an IdP that does not exist, or for one whose account a reset is rebuilding.
    public func logRefusedWrite(_ draft: UpdateLogDraft, idpID: String, failure: SCIMError, at time: Timestamp) throws {
        var draft = draft
        draft.describeBody()
        let log = draft.log(idp: idpID, at: time, failure: failure)
        guard let tenant = try tenant(forIdentityProvider: idpID) else { return }
        do {
            try write { connection in
                try checkWritable(tenant, connection)
                let log = try Self.insert(log, idpPK: tenant.pk, into: connection)
                return ((), .scimWrite(SCIMWriteEvent(draft, tenant.idp, status: .FAILURE, logIDs: [log])))
            }
        } catch let error as StoreError where error.isRebuilding {
            // Nothing is logged for an account being rebuilt: the rebuild would delete the log.
        }
    }

    /// Refuses a write to an account a rebuild is replacing, and one prepared for a tenant that a
    /// finished reset replaced meanwhile (its row id now names no IdP): either would be deleted or fail.
    private func checkWritable(_ tenant: SCIMTenant, _ connection: Connection) throws {
        try rebuilds.check(account: tenant.idp.accountID)
        let current = try connection.statement("SELECT 1 FROM identity_providers WHERE pk = ? AND id = ?")
            .queryFirst([tenant.pk, tenant.idp.id]) { _ in true }
        if current == nil { throw StoreError.rebuilding(account: tenant.idp.accountID, everything: false) }
    }

    /// A SCIM request for an account being rebuilt: answered, never applied, never logged (its logs go).
    static func unavailable(_ error: StoreError) -> SCIMError {
        SCIMError(status: 503, detail: "\(error.description); nothing was applied, retry once the reset has answered")
    }

    private static func scimError(_ error: any Error) -> SCIMError {
        if let error = error as? SCIMError { return error }
        if let error = error as? StoreError { return error.scimError }
        return SCIMError(status: 500, detail: "internal error: \(error)")
    }
}
