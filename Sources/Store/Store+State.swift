import JSON
import SCIM
import SQLite

extension Store {
    /// The whole state as a fixture document: loading it into an empty store gives the same state,
    /// down to ids, timestamps, ETag versions, member displays and log order.
    public func exportState() throws -> [UInt8] {
        try read { state in
            let c = state.connection
            var w = JSONWriter(capacity: 1 << 16)
            w.raw("{\"accounts\":[")
            let accounts = try c.statement("SELECT id FROM accounts ORDER BY id").query { $0.string(0) ?? "" }
            for (a, account) in accounts.enumerated() {
                if a > 0 { w.raw(",") }
                w.raw("{\"id\":"); w.string(account); w.raw(",\"identity_providers\":[")
                let idps = try c.statement("SELECT pk, id, name, type FROM identity_providers WHERE account_id = ? ORDER BY pk")
                    .query([account]) {
                        (pk: $0.int64(0), id: $0.string(1) ?? "", name: $0.string(2) ?? "", type: $0.string(3) ?? "")
                    }
                for (i, idp) in idps.enumerated() {
                    if i > 0 { w.raw(",") }
                    w.raw("{\"id\":"); w.string(idp.id)
                    w.raw(",\"name\":"); w.string(idp.name)
                    w.raw(",\"type\":"); w.string(idp.type)
                    let secrets = try c.statement("SELECT secret FROM scim_secrets WHERE idp_id = ? ORDER BY secret").query([
                        idp.id
                    ]) { $0.string(0) ?? "" }
                    w.raw(",\"scim_secrets\":"); w.value(.array(secrets.map { .string($0) }))
                    w.raw(",\"users\":[")
                    for (u, user) in try Self.resources(.users, idp: idp.id, equality: nil, c).enumerated() {
                        if u > 0 { w.raw(",") }
                        w.value(.object(Self.withVersion(user)))
                    }
                    w.raw("],\"groups\":[")
                    for (g, group) in try Self.resources(.groups, idp: idp.id, equality: nil, c).enumerated() {
                        if g > 0 { w.raw(",") }
                        var json = Self.withVersion(group)
                        json["members"] = try Self.memberList(ofGroup: group.pk, c)
                        w.value(.object(json))
                    }
                    w.raw("],\"update_logs\":[")
                    try writeLogs(of: idp.pk, c, &w)
                    w.raw("]}")
                }
                w.raw("]}")
            }
            w.raw("]}\n")
            return w.bytes
        }
    }

    private func writeLogs(of idpPK: Int64, _ c: Connection, _ w: inout JSONWriter) throws {
        let statement = try c.statement(
            """
            SELECT logged_at, request_method, resource_type, status, cf_resource_id, idp_resource_id,
              resource_user_email, resource_group_name, request_body, error_description
            FROM update_logs WHERE idp_pk = ? ORDER BY pk
            """)
        var first = true
        _ = try statement.query([idpPK]) { row -> Void in
            if !first { w.raw(",") }
            first = false
            w.raw("{\"logged_at\":"); w.string(Timestamp(microseconds: row.int64(0)).rfc3339Micros)
            let method: UpdateLog.Method = try row.storageCoded(1, column: "request_method")
            let type: UpdateLog.ResourceType = try row.storageCoded(2, column: "resource_type")
            let status: UpdateLog.Status = try row.storageCoded(3, column: "status")
            w.raw(",\"request_method\":"); w.string(method.rawValue)
            w.raw(",\"resource_type\":"); w.string(type.rawValue)
            w.raw(",\"status\":"); w.string(status.rawValue)
            let optional: [(StaticString, Int)] = [
                ("cf_resource_id", 4), ("idp_resource_id", 5), ("resource_user_email", 6), ("resource_group_name", 7),
                ("request_body", 8), ("error_description", 9),
            ]
            for (key, index) in optional {
                guard let text = row.string(index) else { continue }
                w.raw(","); w.key(key); w.string(text)
            }
            w.raw("}")
        }
    }

    /// The stored JSON with its ETag version in `meta.version`, which fixtures read back.
    private static func withVersion(_ resource: StoredResource) -> JSONObject {
        var json = resource.json
        var meta = json["meta"]?.objectValue ?? JSONObject()
        meta["version"] = .string("W/\"\(resource.version)\"")
        json["meta"] = .object(meta)
        return json
    }

    /// The version a fixture's `meta.version` (`W/"3"`) names, for resources loaded back from state.
    static func version(fromMeta resource: JSONObject) -> Int {
        guard var text = resource.value(forAttribute: "meta")?.objectValue?.value(forAttribute: "version")?.stringValue else {
            return 1
        }
        if text.hasPrefix("W/") { text.removeFirst(2) }
        return Int(text.trimmingCharacters(in: ["\""])) ?? 1
    }

    /// Deletes every account (and so everything), or one account's data.
    static func deleteAccounts(_ only: String?, _ connection: Connection) throws {
        if let only {
            try connection.statement("DELETE FROM accounts WHERE id = ?").run([only])
        } else {
            try connection.execute("DELETE FROM accounts")
        }
    }

    static func setVersion(_ table: Table, pk: Int64, _ version: Int, _ connection: Connection) throws {
        try connection.statement("UPDATE \(table.rawValue) SET version = ? WHERE pk = ?").run([version, pk])
    }
}

private extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        var s = Substring(self)
        while let f = s.first, set.contains(f) { s.removeFirst() }
        while let l = s.last, set.contains(l) { s.removeLast() }
        return String(s)
    }
}
