import SQLite

/// An identity provider as the store knows it.
public struct IdentityProvider: Sendable, Equatable {
    public var id: String
    public var accountID: String
    public var name: String
    public var type: String

    public init(id: String, accountID: String, name: String, type: String) {
        self.id = id
        self.accountID = accountID
        self.name = name
        self.type = type
    }
}

/// How much the store holds, for the start-up banner, `/__admin/health` and tests.
public struct StoreCounts: Sendable, Equatable {
    public var accounts: Int
    public var idps: Int
    public var users: Int
    public var groups: Int
    public var logs: Int
}

extension Store {
    /// The IdP with `id` if it belongs to `account`.
    public func identityProvider(_ id: String, account: String) throws -> IdentityProvider? {
        try read { state in
            try state.connection.statement(
                "SELECT id, account_id, name, type FROM identity_providers WHERE id = ? AND account_id = ?"
            )
            .queryFirst([id, account]) { row in
                IdentityProvider(
                    id: row.string(0) ?? "", accountID: row.string(1) ?? "", name: row.string(2) ?? "",
                    type: row.string(3) ?? "")
            }
        }
    }

    /// Counts of what the store holds, for the start-up banner and tests; logs from their kept counters.
    public func counts() throws -> StoreCounts {
        try read { state in
            func count(_ table: String, _ expression: String = "COUNT(*)") throws -> Int {
                try state.connection.statement("SELECT \(expression) FROM \(table)").queryFirst { $0.int(0) } ?? 0
            }
            return StoreCounts(
                accounts: try count("accounts"), idps: try count("identity_providers"),
                users: try count("users"), groups: try count("groups"),
                logs: try count("update_log_counts", "COALESCE(SUM(n), 0)"))
        }
    }

    static func insertAccount(_ id: String, into connection: Connection) throws {
        try connection.statement("INSERT INTO accounts (id) VALUES (?)").run([id])
    }

    /// Inserts the IdP and returns its row id, which update logs point at.
    static func insert(_ idp: IdentityProvider, into connection: Connection) throws -> Int64 {
        try connection.statement("INSERT INTO identity_providers (id, account_id, name, type) VALUES (?, ?, ?, ?)")
            .run([idp.id, idp.accountID, idp.name, idp.type])
        return connection.lastInsertRowID
    }

    static func setIdentityProvider(pk: Int64, name: String, type: String, into connection: Connection) throws {
        try connection.statement("UPDATE identity_providers SET name = ?, type = ? WHERE pk = ?").run([name, type, pk])
    }

    static func insertSecret(_ secret: String, idp: String, into connection: Connection) throws {
        try connection.statement("INSERT INTO scim_secrets (secret, idp_id) VALUES (?, ?)").run([secret, idp])
    }
}
