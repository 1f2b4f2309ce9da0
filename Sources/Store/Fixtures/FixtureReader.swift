import JSON
import SCIM

/// Walks a fixture document and hands each record, validated, to a sink, with the JSON path of every
/// value so errors can name it. Records stream one at a time, so memory stays flat however large the
/// file; a section that comes before its owner's `id` is held back until the id is known.
struct FixtureReader<Sink: FixtureSink> {
    let file: String
    var sink: Sink

    init(file: String, sink: Sink) {
        self.file = file
        self.sink = sink
    }

    private func fail(_ path: String, _ reason: String) -> FixtureError {
        FixtureError(file: file, path: path, reason: reason)
    }

    mutating func read(_ reader: JSONReader) throws {
        do {
            try beginObject(reader, "$")
            var sawAccounts = false
            while let key = try reader.nextKey() {
                switch key {
                case "$schema": _ = try string(reader.readValue(), "$.$schema")
                case "accounts":
                    sawAccounts = true
                    try elements(reader, "$.accounts") { this, reader, path in try this.account(reader, path) }
                default: throw fail("$.\(key)", "unknown key (allowed: $schema, accounts)")
                }
            }
            try reader.finish()
            if !sawAccounts { throw fail("$.accounts", "required key is missing") }
        } catch let error as JSONParseError {
            throw fail("$", error.description)
        }
    }

    // MARK: Structure

    private mutating func account(_ reader: JSONReader, _ path: String) throws {
        try beginObject(reader, path)
        var id: String?
        var pending: JSONValue?
        while let key = try reader.nextKey() {
            switch key {
            case "id":
                let value = try requiredString(reader.readValue(), "\(path).id", maxLength: 32)
                try sink.account(id: value, path: "\(path).id")
                id = value
            case "identity_providers":
                if id == nil { pending = try reader.readValue(); continue }
                try elements(reader, "\(path).identity_providers") { this, r, p in try this.identityProvider(r, p) }
            default: throw fail("\(path).\(key)", "unknown key (allowed: id, identity_providers)")
            }
        }
        guard id != nil else { throw fail("\(path).id", "required key is missing") }
        if let pending {
            try elements(Self.reader(for: pending), "\(path).identity_providers") { this, r, p in try this.identityProvider(r, p)
            }
        }
    }

    private mutating func identityProvider(_ reader: JSONReader, _ path: String) throws {
        try beginObject(reader, path)
        var id: String?
        var name: String?
        var type = "generic"
        var pending: [(String, JSONValue)] = []
        while let key = try reader.nextKey() {
            switch key {
            case "id":
                let value = try requiredString(reader.readValue(), "\(path).id", maxLength: 36)
                try sink.beginIdentityProvider(id: value, path: "\(path).id")
                id = value
            case "name": name = try requiredString(reader.readValue(), "\(path).name")
            case "type": type = try string(reader.readValue(), "\(path).type")
            case "scim_secrets", "users", "groups", "update_logs":
                if let id { try section(key, of: id, reader, path) } else { pending.append((key, try reader.readValue())) }
            default:
                throw fail("\(path).\(key)", "unknown key (allowed: id, name, type, scim_secrets, users, groups, update_logs)")
            }
        }
        guard let id else { throw fail("\(path).id", "required key is missing") }
        for (key, value) in pending { try section(key, of: id, Self.reader(for: value), path) }
        guard let name else { throw fail("\(path).name", "required key is missing") }
        try sink.endIdentityProvider(name: name, type: type, path: path)
    }

    private mutating func section(_ key: String, of idp: String, _ reader: JSONReader, _ path: String) throws {
        let checker = RecordChecker(file: file)
        try elements(reader, "\(path).\(key)") { this, reader, itemPath in
            let value = try reader.readValue()
            switch key {
            case "scim_secrets":
                guard let secret = value.stringValue, !secret.isEmpty else {
                    throw this.fail(itemPath, "expected a non-empty string")
                }
                try this.sink.scimSecret(secret, path: itemPath)
            case "users": try this.sink.user(try checker.user(value, itemPath), path: itemPath)
            case "groups": try this.sink.group(try checker.group(value, itemPath), path: itemPath)
            default: try this.sink.updateLog(try checker.updateLog(value, itemPath, idp: idp), path: itemPath)
            }
        }
    }

    // MARK: Helpers

    /// A held-back section, read again through the same streaming code.
    private static func reader(for value: JSONValue) -> JSONReader {
        JSONReader(bytes: Array(value.serialized().utf8))
    }

    private func beginObject(_ reader: JSONReader, _ path: String) throws {
        let found = try reader.peekTypeName() ?? "nothing"
        guard found == "object" else { throw fail(path, "expected an object, found \(found)") }
        try reader.beginObject()
    }

    /// Streams each element of the array at `path` (null counts as empty).
    private mutating func elements(
        _ reader: JSONReader, _ path: String,
        _ handle: (inout Self, JSONReader, String) throws -> Void
    ) throws {
        let found = try reader.peekTypeName() ?? "nothing"
        if found == "null" { _ = try reader.readValue(); return }
        guard found == "array" else { throw fail(path, "expected an array, found \(found)") }
        try reader.beginArray()
        var index = 0
        while try reader.nextElement() {
            try handle(&self, reader, "\(path)[\(index)]")
            index += 1
        }
    }

    private func string(_ value: JSONValue, _ path: String) throws -> String {
        guard let text = value.stringValue else { throw fail(path, "expected a string, found \(value.typeName)") }
        return text
    }

    private func requiredString(_ value: JSONValue, _ path: String, maxLength: Int? = nil) throws -> String {
        let text = try string(value, path)
        if text.isEmpty { throw fail(path, "must not be empty") }
        if let maxLength, text.count > maxLength {
            throw fail(path, "must be at most \(maxLength) characters, found \(text.count)")
        }
        return text
    }
}
