import Foundation
import SCIM
import SQLite

/// Loads fixtures into a store in one transaction: a bad record anywhere leaves the store unchanged.
public struct FixtureLoader: Sendable {
    public var now: @Sendable () -> Timestamp
    public var newID: @Sendable () -> String

    public init(now: @escaping @Sendable () -> Timestamp = Timestamp.now,
                newID: @escaping @Sendable () -> String = { UUID().uuidString.lowercased() }) {
        self.now = now
        self.newID = newID
    }

    public func load(_ fixtures: [Fixture], into store: Store) throws(FixtureError) {
        do {
            try store.write { connection in
                for fixture in fixtures { try load(fixture, connection) }
                try connection.execute("PRAGMA analysis_limit = 400; ANALYZE")
            }
        } catch let error as FixtureError {
            throw error
        } catch {
            throw FixtureError(file: fixtures.first?.file ?? "fixture", path: "$", reason: "storage failed: \(error)")
        }
    }

    private func load(_ fixture: Fixture, _ connection: Connection) throws {
        let file = fixture.file
        func guarded(_ path: String, _ what: (String) -> String, _ body: () throws -> Void) throws {
            do {
                try body()
            } catch let error as SQLiteError where error.isConstraintViolation {
                throw FixtureError(file: file, path: path, reason: what(error.message))
            }
        }
        for account in fixture.accounts {
            try guarded(account.path + ".id", { _ in "account \"\(account.id)\" is defined twice" }) {
                try Store.insertAccount(account.id, into: connection)
            }
            for idp in account.identityProviders {
                try load(idp, account: account.id, file: file, connection, guarded)
            }
        }
    }

    private func load(
        _ idp: Fixture.IdP, account: String, file: String, _ connection: Connection,
        _ guarded: (String, (String) -> String, () throws -> Void) throws -> Void
    ) throws {
        try guarded(idp.path + ".id", { _ in "identity provider \"\(idp.id)\" is defined twice" }) {
            try Store.insert(IdentityProvider(id: idp.id, accountID: account, name: idp.name, type: idp.type, scimSecrets: []),
                             into: connection)
        }
        for secret in idp.scimSecrets {
            try guarded(secret.path, { _ in "this SCIM secret is already used by another identity provider" }) {
                try Store.insertSecret(secret.value, idp: idp.id, into: connection)
            }
        }
        let time = now()
        for located in idp.users {
            let input = located.value
            let user = UserResource(
                id: input.value(forAttribute: "id")?.stringValue ?? newID(), input: input,
                created: metaTime(input, "created") ?? time, lastModified: metaTime(input, "lastModified") ?? time)
            try guarded(located.path, { message in
                message.contains("user_name")
                    ? "userName \"\(user.userName)\" is already used by another user of this identity provider (compared case-insensitively)"
                    : "user id \"\(user.id)\" is already used"
            }) {
                try Store.insert(user, idp: idp.id, into: connection)
            }
        }
        for located in idp.groups {
            let input = located.value
            let group = GroupResource(
                id: input.value(forAttribute: "id")?.stringValue ?? newID(), input: input,
                created: metaTime(input, "created") ?? time, lastModified: metaTime(input, "lastModified") ?? time)
            try guarded(located.path, { message in
                message.contains("display_name")
                    ? "displayName \"\(group.displayName)\" is already used by another group of this identity provider (compared case-insensitively)"
                    : "group id \"\(group.id)\" is already used"
            }) {
                try Store.insert(group, idp: idp.id, into: connection)
            }
            for (m, member) in GroupResource.memberIDs(in: input).enumerated() {
                guard try Store.addMember(group: group.id, user: member, idp: idp.id, into: connection) else {
                    throw FixtureError(file: file, path: "\(located.path).members[\(m)].value",
                                       reason: "no user with id \"\(member)\" in identity provider \"\(idp.id)\"")
                }
            }
        }
        for located in idp.updateLogs {
            try Store.insert(located.value, account: account, into: connection)
        }
    }

    private func metaTime(_ input: JSONObject, _ key: String) -> Timestamp? {
        input.value(forAttribute: "meta")?.objectValue?.value(forAttribute: key)?.stringValue.flatMap(Timestamp.init(rfc3339:))
    }
}
