import JSON
import SCIM
import SQLite

extension Store {
    /// The whole state as a fixture document: loading it into an empty store gives the same state,
    /// down to ids, timestamps, ETag versions, member displays and log order. Built from `stateExport`'s
    /// pages, so it throws `StoreError.changedDuringExport` when a write lands between two of them.
    public func exportState(pageRows: Int = StateExport.defaultPageRows) throws -> [UInt8] {
        let export = stateExport(pageRows: pageRows)
        var bytes: [UInt8] = []
        while let part = try export.next() { bytes += part }
        return bytes
    }

    /// The same document a page of `pageRows` rows at a time, for a response that streams it.
    public func stateExport(pageRows: Int = StateExport.defaultPageRows) -> StateExport {
        StateExport(store: self, pageRows: pageRows)
    }

    /// The stored JSON with its ETag version in `meta.version`, which fixtures read back.
    static func withVersion(_ resource: StoredResource) -> JSONObject {
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
