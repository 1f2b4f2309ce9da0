import SQLite

/// What a rebuild touches, read under the lock from the main database and the attached `aside` one
/// (the fixture, loaded and checked in a store of its own).
struct RebuildPlan: Sendable {
    /// Accounts whose rows are deleted first: every account for a reset, one for an account reset.
    var replaced: [String]
    /// Those and the accounts the fixture defines: marked while the rebuild runs.
    var accounts: Set<String>
    /// The SCIM secrets of all of them, old and new, each with its account.
    var secrets: [String: String]

    init(_ scope: FixtureLoader.Scope, _ connection: Connection) throws {
        let aside = AsideCopy.schema
        switch scope {
        case .add: replaced = []
        case .account(let id): replaced = [id]
        case .everything:
            replaced = try connection.statement("SELECT id FROM main.accounts ORDER BY id").query { $0.string(0) ?? "" }
        }
        let added = try connection.statement("SELECT id FROM \(aside).accounts").query { $0.string(0) ?? "" }
        accounts = Set(replaced).union(added)
        secrets = [:]
        for schema in ["main", aside] {
            let sql =
                "SELECT s.secret, i.account_id FROM \(schema).scim_secrets s JOIN \(schema).identity_providers i ON i.id = s.idp_id"
            let rows = try connection.statement(sql).query { ($0.string(0) ?? "", $0.string(1) ?? "") }
            for (secret, account) in rows where accounts.contains(account) {
                secrets[secret] = account
            }
        }
    }

    /// The first key of the fixture that an account it does not replace already holds, as the
    /// fixture loader would have named it; nil when there is none.
    static func conflict(_ scope: FixtureLoader.Scope, _ connection: Connection) throws -> String? {
        if scope == .everything { return nil }
        let aside = AsideCopy.schema
        let others = "NOT IN (SELECT id FROM \(aside).accounts)"
        var checks: [(sql: String, reason: (String) -> String)] = [
            (
                "SELECT a.id FROM \(aside).identity_providers a JOIN main.identity_providers m ON m.id = a.id WHERE m.account_id \(others)",
                { "identity provider \"\($0)\" is already in another account" }
            ),
            (
                """
                SELECT a.secret FROM \(aside).scim_secrets a JOIN main.scim_secrets m ON m.secret = a.secret
                JOIN main.identity_providers i ON i.id = m.idp_id WHERE i.account_id \(others)
                """,
                { _ in "a SCIM secret of this fixture is already used by an identity provider of another account" }
            ),
        ]
        for table in ["users", "groups"] {
            checks.append(
                (
                    """
                    SELECT a.id FROM \(aside).\(table) a JOIN main.\(table) m ON m.id = a.id
                    JOIN main.identity_providers i ON i.id = m.idp_id WHERE i.account_id \(others)
                    """,
                    { "\(table == "users" ? "user" : "group") id \"\($0)\" is already used in another account" }
                ))
        }
        if scope == .add {
            checks.insert(
                (
                    "SELECT a.id FROM \(aside).accounts a JOIN main.accounts m ON m.id = a.id",
                    { "account \"\($0)\" is already in the store" }
                ), at: 0)
        }
        for check in checks {
            if let key = try connection.statement(check.sql + " LIMIT 1").queryFirst([], { $0.string(0) ?? "" }) {
                return check.reason(key)
            }
        }
        return nil
    }
}
