import JSON
import SCIM

/// Validates one fixture record (a user, a group or an update log) and names the path of any problem.
struct RecordChecker {
    let file: String
    private let users = ResourceValidator(schema: .user, extensions: [.enterpriseUser])
    private let groups = ResourceValidator(schema: .group)

    init(file: String) { self.file = file }

    private func fail(_ path: String, _ reason: String) -> FixtureError {
        FixtureError(file: file, path: path, reason: reason)
    }

    func user(_ value: JSONValue, _ path: String) throws -> JSONObject {
        let object = try resource(value, path, users)
        if object.value(forAttribute: "groups") != nil {
            throw fail("\(path).groups", "User.groups is read-only: list the user in a group's members instead")
        }
        return object
    }

    func group(_ value: JSONValue, _ path: String) throws -> JSONObject {
        let object = try resource(value, path, groups)
        for (m, member) in (object.value(forAttribute: "members")?.arrayValue ?? []).enumerated()
        where member.objectValue?.value(forAttribute: "value")?.stringValue == nil {
            throw fail("\(path).members[\(m)].value", "a member needs the string id of a user")
        }
        return object
    }

    private func resource(_ value: JSONValue, _ path: String, _ validator: ResourceValidator) throws -> JSONObject {
        guard let object = value.objectValue else { throw fail(path, "expected an object, found \(value.typeName)") }
        do {
            try validator.validate(object)
        } catch {
            throw fail("\(path).\(error.path)", error.reason)
        }
        if let id = object.value(forAttribute: "id"), id.stringValue?.isEmpty != false {
            throw fail("\(path).id", "must be a non-empty string")
        }
        return object
    }

    private static let logKeys = [
        "idp_id", "logged_at", "request_method", "resource_type", "status", "cf_resource_id", "idp_resource_id",
        "resource_user_email", "resource_group_name", "request_body", "error_description",
    ]

    func updateLog(_ value: JSONValue, _ path: String, idp: String) throws -> UpdateLog {
        guard let object = value.objectValue else { throw fail(path, "expected an object, found \(value.typeName)") }
        for key in object.keys where !Self.logKeys.contains(key) {
            throw fail("\(path).\(key)", "unknown key (allowed: \(Self.logKeys.joined(separator: ", ")))")
        }
        func optional(_ key: String) throws -> String? {
            guard let value = object[key], !value.isNull else { return nil }
            guard let text = value.stringValue else { throw fail("\(path).\(key)", "expected a string, found \(value.typeName)") }
            return text
        }
        func required(_ key: String) throws -> String {
            guard let text = try optional(key) else { throw fail("\(path).\(key)", "required key is missing") }
            return text
        }
        func enumValue<E: RawRepresentable & CaseIterable>(_ key: String, _: E.Type) throws -> E where E.RawValue == String {
            let text = try required(key)
            guard let value = E(rawValue: text) else {
                throw fail(
                    "\(path).\(key)", "must be one of \(E.allCases.map(\.rawValue).joined(separator: ", ")), found \"\(text)\"")
            }
            return value
        }
        if let given = try optional("idp_id"), given != idp {
            throw fail("\(path).idp_id", "is \"\(given)\" but the log is listed under identity provider \"\(idp)\"")
        }
        let loggedText = try required("logged_at")
        guard let loggedAt = Timestamp(rfc3339: loggedText) else {
            throw fail("\(path).logged_at", "expected an RFC 3339 date-time, found \"\(loggedText)\"")
        }
        var body: String?
        if let raw = object["request_body"], !raw.isNull { body = raw.stringValue ?? raw.serialized() }
        return UpdateLog(
            idpID: idp, loggedAt: loggedAt,
            requestMethod: try enumValue("request_method", UpdateLog.Method.self),
            resourceType: try enumValue("resource_type", UpdateLog.ResourceType.self),
            status: try enumValue("status", UpdateLog.Status.self),
            cfResourceID: try optional("cf_resource_id"), idpResourceID: try optional("idp_resource_id"),
            resourceUserEmail: try optional("resource_user_email"), resourceGroupName: try optional("resource_group_name"),
            requestBody: body, errorDescription: try optional("error_description"))
    }
}
