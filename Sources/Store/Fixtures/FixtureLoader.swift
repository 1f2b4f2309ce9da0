import Foundation
import JSON
import SCIM
import SQLite

/// Loads fixtures into a store in one transaction: a bad record anywhere leaves the store unchanged. Into
/// a store without logs (start-up, the private store of a reset) the logs go in bulk (`LogBulkLoad`).
public struct FixtureLoader: Sendable {
    public var now: @Sendable () -> Timestamp
    public var newID: @Sendable () -> String

    public init(
        now: @escaping @Sendable () -> Timestamp = Timestamp.now,
        newID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }
    ) {
        self.now = now
        self.newID = newID
    }

    /// What a load replaces: nothing (it adds), everything, or one account (whose records alone are
    /// taken from the sources).
    public enum Scope: Sendable, Equatable {
        case add, everything
        case account(String)

        var event: StoreEvent {
            switch self {
            case .add: .fixturesLoaded
            case .everything: .reset
            case .account(let id): .accountReset(accountID: id)
            }
        }
    }

    public func load(_ sources: [FixtureSource], into store: Store, replacing scope: Scope = .add) throws(FixtureError) {
        var current = sources.first?.name ?? "fixture"
        do {
            try store.write { connection in
                var only: String?
                switch scope {
                case .add: break
                case .everything: try Store.deleteAccounts(nil, connection)
                case .account(let id):
                    try Store.deleteAccounts(id, connection)
                    only = id
                }
                let bulk = try LogBulkLoad.begin(connection)
                for source in sources {
                    current = source.name
                    let sink = StoreSink(file: source.name, connection: connection, time: now(), newID: newID, only: only)
                    var reader = FixtureReader(file: source.name, sink: sink)
                    try source.read { json in try reader.read(json) }
                }
                try bulk?.finish(connection)
                try connection.execute("PRAGMA analysis_limit = 400; ANALYZE")
                // Before the commit is published, so no one acting on the event reads an old secret.
                store.secrets.invalidate()
                return ((), scope.event)
            }
        } catch let error as FixtureError {
            throw error
        } catch let error as StoreError {
            throw FixtureError(file: current, storage: error)
        } catch {
            throw FixtureError(file: current, path: "$", reason: "storage failed: \(error)")
        }
    }
}

/// Stores fixture records as they are read, turning constraint violations into path-named errors.
private struct StoreSink: FixtureSink {
    let file: String
    let connection: Connection
    let time: Timestamp
    let newID: @Sendable () -> String
    /// With `only`, records of other accounts are read and checked but not stored.
    let only: String?
    private var skipping = false
    private var account = ""
    private var idp = ""
    private var idpPK: Int64 = 0
    /// Members are resolved when the IdP ends, so users may come after the groups that list them.
    private var members: [(group: String, user: String, display: String?, path: String)] = []

    init(file: String, connection: Connection, time: Timestamp, newID: @escaping @Sendable () -> String, only: String?) {
        self.file = file
        self.connection = connection
        self.time = time
        self.newID = newID
        self.only = only
    }

    /// Runs an insert, turning a constraint violation into the fixture's error; `reason` learns which
    /// key was duplicated from the constraint's columns (`StoreError.duplicate`), never from message text.
    private func guarded(
        _ path: String, _ reason: (StoreError.DuplicateKey?) -> String, _ body: () throws -> Void
    ) throws {
        do {
            try body()
        } catch let error as SQLiteError where error.isConstraintViolation {
            var key: StoreError.DuplicateKey?
            if case .duplicate(let duplicated)? = StoreError.duplicate(error) { key = duplicated }
            throw FixtureError(file: file, path: path, reason: reason(key))
        }
    }

    mutating func account(id: String, path: String) throws {
        skipping = only.map { $0 != id } ?? false
        if skipping { return }
        try guarded(path, { _ in "account \"\(id)\" is defined twice" }) { try Store.insertAccount(id, into: connection) }
        account = id
    }

    mutating func beginIdentityProvider(id: String, path: String) throws {
        if skipping { return }
        try guarded(path, { _ in "identity provider \"\(id)\" is defined twice" }) {
            idpPK = try Store.insert(IdentityProvider(id: id, accountID: account, name: "", type: ""), into: connection)
        }
        idp = id
        members = []
    }

    mutating func scimSecret(_ secret: String, path: String) throws {
        if skipping { return }
        try guarded(path, { _ in "this SCIM secret is already used by another identity provider" }) {
            try Store.insertSecret(secret, idp: idp, into: connection)
        }
    }

    mutating func user(_ input: JSONObject, path: String) throws {
        if skipping { return }
        let user = UserResource(
            id: input.value(forAttribute: "id")?.stringValue ?? newID(), input: input,
            created: metaTime(input, "created") ?? time, lastModified: metaTime(input, "lastModified") ?? time)
        try guarded(
            path,
            { key in
                key == .userName
                    ? "userName \"\(user.userName)\" is already used by another user of this identity provider (compared "
                        + "case-insensitively)"
                    : "user id \"\(user.id)\" is already used"
            }
        ) { try Store.insert(user, idp: idp, into: connection) }
        let version = Store.version(fromMeta: input)
        if version != 1 { try Store.setVersion(.users, pk: connection.lastInsertRowID, version, connection) }
    }

    mutating func group(_ input: JSONObject, path: String) throws {
        if skipping { return }
        let group = GroupResource(
            id: input.value(forAttribute: "id")?.stringValue ?? newID(), input: input,
            created: metaTime(input, "created") ?? time, lastModified: metaTime(input, "lastModified") ?? time)
        try guarded(
            path,
            { key in
                key == .groupDisplayName
                    ? "displayName \"\(group.displayName)\" is already used by another group of this identity provider "
                        + "(compared case-insensitively)"
                    : "group id \"\(group.id)\" is already used"
            }
        ) { try Store.insert(group, idp: idp, into: connection) }
        let version = Store.version(fromMeta: input)
        if version != 1 { try Store.setVersion(.groups, pk: connection.lastInsertRowID, version, connection) }
        for (m, member) in GroupResource.members(in: input).enumerated() {
            members.append((group.id, member.id, member.display, "\(path).members[\(m)].value"))
        }
    }

    mutating func updateLog(_ log: UpdateLog, path: String) throws {
        if skipping { return }
        try Store.insert(log, idpPK: idpPK, into: connection)
    }

    mutating func endIdentityProvider(name: String, type: String, path: String) throws {
        if skipping { return }
        try Store.setIdentityProvider(pk: idpPK, name: name, type: type, into: connection)
        for member in members
        where !(try Store.addMember(group: member.group, user: member.user, display: member.display, idp: idp, into: connection))
        {
            throw FixtureError(
                file: file, path: member.path, reason: "no user with id \"\(member.user)\" in identity provider \"\(idp)\"")
        }
        try Store.seedVersions(idpPK: idpPK, connection)
    }

    private func metaTime(_ input: JSONObject, _ key: String) -> Timestamp? {
        input.value(forAttribute: "meta")?.objectValue?.value(forAttribute: key)?.stringValue.flatMap(Timestamp.init(rfc3339:))
    }
}
