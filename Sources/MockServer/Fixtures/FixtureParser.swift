import Foundation
import SCIM

/// Turns a fixture file's bytes into a `Fixture`, rejecting anything the format does not define with
/// the JSON path of the offending value.
public struct FixtureParser {
    let file: String

    public static func parse(contentsOf path: String) throws(FixtureError) -> Fixture {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw FixtureError(file: path, path: "$", reason: "cannot read the file")
        }
        return try parse([UInt8](data), file: path)
    }

    public static func parse(_ bytes: [UInt8], file: String) throws(FixtureError) -> Fixture {
        let root: JSONValue
        do {
            root = try JSONParser.parse(bytes)
        } catch {
            throw FixtureError(file: file, path: "$", reason: error.description)
        }
        return try FixtureParser(file: file).fixture(root)
    }

    private func fail(_ path: String, _ reason: String) -> FixtureError {
        FixtureError(file: file, path: path, reason: reason)
    }

    private func object(_ value: JSONValue, _ path: String, allowed: [String]) throws(FixtureError) -> JSONObject {
        guard let object = value.objectValue else { throw fail(path, "expected an object, found \(value.typeName)") }
        for key in object.keys where !allowed.contains(key) {
            throw fail("\(path).\(key)", "unknown key (allowed: \(allowed.joined(separator: ", ")))")
        }
        return object
    }

    private func array(_ object: JSONObject, _ key: String, _ path: String) throws(FixtureError) -> [JSONValue] {
        guard let value = object[key], !value.isNull else { return [] }
        guard let items = value.arrayValue else { throw fail("\(path).\(key)", "expected an array, found \(value.typeName)") }
        return items
    }

    private func string(_ object: JSONObject, _ key: String, _ path: String, required: Bool, maxLength: Int? = nil) throws(FixtureError) -> String? {
        guard let value = object[key], !value.isNull else {
            if required { throw fail("\(path).\(key)", "required key is missing") }
            return nil
        }
        guard let text = value.stringValue else { throw fail("\(path).\(key)", "expected a string, found \(value.typeName)") }
        if required, text.isEmpty { throw fail("\(path).\(key)", "must not be empty") }
        if let maxLength, text.count > maxLength {
            throw fail("\(path).\(key)", "must be at most \(maxLength) characters, found \(text.count)")
        }
        return text
    }

    private func fixture(_ root: JSONValue) throws(FixtureError) -> Fixture {
        let top = try object(root, "$", allowed: ["$schema", "accounts"])
        guard top["accounts"] != nil else { throw fail("$.accounts", "required key is missing") }
        var accounts: [Fixture.Account] = []
        for (i, item) in try array(top, "accounts", "$").enumerated() {
            accounts.append(try account(item, "$.accounts[\(i)]"))
        }
        return Fixture(file: file, accounts: accounts)
    }

    private func account(_ value: JSONValue, _ path: String) throws(FixtureError) -> Fixture.Account {
        let obj = try object(value, path, allowed: ["id", "identity_providers"])
        let id = try string(obj, "id", path, required: true, maxLength: 32)!
        var idps: [Fixture.IdP] = []
        for (i, item) in try array(obj, "identity_providers", path).enumerated() {
            idps.append(try identityProvider(item, "\(path).identity_providers[\(i)]"))
        }
        return Fixture.Account(path: path, id: id, identityProviders: idps)
    }

    private func identityProvider(_ value: JSONValue, _ path: String) throws(FixtureError) -> Fixture.IdP {
        let obj = try object(value, path, allowed: ["id", "name", "type", "scim_secrets", "users", "groups", "update_logs"])
        let id = try string(obj, "id", path, required: true, maxLength: 36)!
        let name = try string(obj, "name", path, required: true)!
        let type = try string(obj, "type", path, required: false) ?? "generic"
        var secrets: [Fixture.Located<String>] = []
        for (i, item) in try array(obj, "scim_secrets", path).enumerated() {
            let itemPath = "\(path).scim_secrets[\(i)]"
            guard let secret = item.stringValue, !secret.isEmpty else { throw fail(itemPath, "expected a non-empty string") }
            secrets.append(.init(path: itemPath, value: secret))
        }
        let userValidator = ResourceValidator(schema: .user, extensions: [.enterpriseUser])
        let groupValidator = ResourceValidator(schema: .group)
        var users: [Fixture.Located<JSONObject>] = []
        for (i, item) in try array(obj, "users", path).enumerated() {
            users.append(try resource(item, "\(path).users[\(i)]", userValidator))
        }
        var groups: [Fixture.Located<JSONObject>] = []
        for (i, item) in try array(obj, "groups", path).enumerated() {
            let located = try resource(item, "\(path).groups[\(i)]", groupValidator)
            for (m, member) in (located.value["members"]?.arrayValue ?? []).enumerated()
            where member.objectValue?.value(forAttribute: "value")?.stringValue == nil {
                throw fail("\(located.path).members[\(m)].value", "a member needs the string id of a user")
            }
            groups.append(located)
        }
        var logs: [Fixture.Located<UpdateLog>] = []
        for (i, item) in try array(obj, "update_logs", path).enumerated() {
            let itemPath = "\(path).update_logs[\(i)]"
            logs.append(.init(path: itemPath, value: try updateLog(item, itemPath, idp: id)))
        }
        return Fixture.IdP(path: path, id: id, name: name, type: type, scimSecrets: secrets, users: users,
                           groups: groups, updateLogs: logs)
    }

    private func resource(_ value: JSONValue, _ path: String, _ validator: ResourceValidator) throws(FixtureError) -> Fixture.Located<JSONObject> {
        guard let obj = value.objectValue else { throw fail(path, "expected an object, found \(value.typeName)") }
        do {
            try validator.validate(obj)
        } catch {
            throw fail("\(path).\(error.path)", error.reason)
        }
        if obj.value(forAttribute: "groups") != nil {
            throw fail("\(path).groups", "User.groups is read-only: list the user in a group's members instead")
        }
        if let id = obj.value(forAttribute: "id"), id.stringValue?.isEmpty != false {
            throw fail("\(path).id", "must be a non-empty string")
        }
        return .init(path: path, value: obj)
    }

    private func enumValue<E: RawRepresentable & CaseIterable>(_ obj: JSONObject, _ key: String, _ path: String, _: E.Type) throws(FixtureError) -> E where E.RawValue == String {
        let text = try string(obj, key, path, required: true)!
        guard let value = E(rawValue: text) else {
            throw fail("\(path).\(key)", "must be one of \(E.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(text)\"")
        }
        return value
    }

    private func updateLog(_ value: JSONValue, _ path: String, idp: String) throws(FixtureError) -> UpdateLog {
        let obj = try object(value, path, allowed: [
            "idp_id", "logged_at", "request_method", "resource_type", "status", "cf_resource_id", "idp_resource_id",
            "resource_user_email", "resource_group_name", "request_body", "error_description",
        ])
        if let given = try string(obj, "idp_id", path, required: false), given != idp {
            throw fail("\(path).idp_id", "is \"\(given)\" but the log is listed under identity provider \"\(idp)\"")
        }
        let loggedText = try string(obj, "logged_at", path, required: true)!
        guard let loggedAt = Timestamp(rfc3339: loggedText) else {
            throw fail("\(path).logged_at", "expected an RFC 3339 date-time, found \"\(loggedText)\"")
        }
        var body: String?
        if let raw = obj["request_body"], !raw.isNull {
            body = raw.stringValue ?? raw.serialized()
        }
        return UpdateLog(
            idpID: idp, loggedAt: loggedAt,
            requestMethod: try enumValue(obj, "request_method", path, UpdateLog.Method.self),
            resourceType: try enumValue(obj, "resource_type", path, UpdateLog.ResourceType.self),
            status: try enumValue(obj, "status", path, UpdateLog.Status.self),
            cfResourceID: try string(obj, "cf_resource_id", path, required: false),
            idpResourceID: try string(obj, "idp_resource_id", path, required: false),
            resourceUserEmail: try string(obj, "resource_user_email", path, required: false),
            resourceGroupName: try string(obj, "resource_group_name", path, required: false),
            requestBody: body,
            errorDescription: try string(obj, "error_description", path, required: false))
    }
}
