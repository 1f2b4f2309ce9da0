import SCIM

/// What a committed change did, as the change feed publishes it (with the store generation).
public enum StoreEvent: Sendable, Equatable {
    /// A SCIM write, applied or refused: either way it added update logs.
    case scimWrite(SCIMWriteEvent)
    /// Fixtures were added to what the store holds.
    case fixturesLoaded
    /// Everything was replaced (`/__admin/reset`).
    case reset
    /// One account was replaced by its start-up fixtures (`DELETE /__admin/accounts/{id}`).
    case accountReset(accountID: String)
    /// The mock clock was set, advanced or unfrozen; nothing stored changed.
    case clockChanged
}

/// One SCIM write as the feed reports it: enough to filter a live view without reading the store.
public struct SCIMWriteEvent: Sendable, Equatable {
    public var accountID: String
    public var idpID: String
    public var kind: SCIMResourceKind
    public var method: UpdateLog.Method
    public var status: UpdateLog.Status
    /// The resource the write touched, when it had an id (a failed POST has none).
    public var resourceID: String?
    /// Row ids of the update logs it added, in order.
    public var logIDs: [Int64]

    init(_ draft: UpdateLogDraft, _ idp: IdentityProvider, status: UpdateLog.Status, logIDs: [Int64]) {
        accountID = idp.accountID
        idpID = idp.id
        kind = draft.kind
        method = draft.method
        self.status = status
        resourceID = draft.cfResourceID
        self.logIDs = logIDs
    }
}
