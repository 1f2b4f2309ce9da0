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
                let transaction = SCIMTransaction(connection: connection, tenant: tenant)
                let result = try apply(input, transaction, &draft)
                let log = try Self.insert(
                    draft.log(idp: tenant.idp.id, at: time, failure: nil), idpPK: tenant.pk, into: connection)
                try transaction.touched.recordVersions(log: log, idpPK: tenant.pk, connection)
                return (result, .scimWrite(SCIMWriteEvent(draft, tenant.idp, status: .SUCCESS, logIDs: [log])))
            }
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
    /// for an IdP that does not exist.
    public func logRefusedWrite(_ draft: UpdateLogDraft, idpID: String, failure: SCIMError, at time: Timestamp) throws {
        var draft = draft
        draft.describeBody()
        let log = draft.log(idp: idpID, at: time, failure: failure)
        guard let tenant = try tenant(forIdentityProvider: idpID) else { return }
        try write { connection in
            let log = try Self.insert(log, idpPK: tenant.pk, into: connection)
            return ((), .scimWrite(SCIMWriteEvent(draft, tenant.idp, status: .FAILURE, logIDs: [log])))
        }
    }

    private static func scimError(_ error: any Error) -> SCIMError {
        if let error = error as? SCIMError { return error }
        if let error = error as? StoreError { return error.scimError }
        return SCIMError(status: 500, detail: "internal error: \(error)")
    }
}
