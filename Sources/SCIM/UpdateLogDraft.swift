import JSON

/// The update log of one SCIM write, filled in as the write learns about its resource, so a failure
/// is logged with as much as was known (the id from the path, names from the body).
public struct UpdateLogDraft: Sendable {
    public var method: UpdateLog.Method
    public var kind: SCIMResourceKind
    public var cfResourceID: String?
    public var idpResourceID: String?
    public var userEmail: String?
    public var groupName: String?
    public let rawBody: [UInt8]

    public init(method: UpdateLog.Method, kind: SCIMResourceKind, cfResourceID: String?, rawBody: [UInt8]) {
        self.method = method
        self.kind = kind
        self.cfResourceID = cfResourceID
        self.rawBody = rawBody
    }

    /// True once a resource (stored or sent) has named the log's user or group.
    public var isDescribed: Bool { idpResourceID != nil || userEmail != nil || groupName != nil }

    /// For a write that failed before its resource was known: take what the body names, if it is a
    /// JSON object. A body that is not is logged as sent, and names nothing.
    public mutating func describeBody() {
        guard !isDescribed, case .object(let object)? = try? JSONReader.parse(rawBody) else { return }
        describe(object)
    }

    /// Takes the names a log shows from a resource's JSON (the body, or the stored resource).
    public mutating func describe(_ resource: JSONObject) {
        if let external = resource.value(forAttribute: "externalId")?.stringValue { idpResourceID = external }
        switch kind {
        case .user:
            if resource.value(forAttribute: "userName")?.stringValue != nil {
                userEmail = UserResource.primaryEmail(in: resource)
            }
        case .group:
            if let name = resource.value(forAttribute: "displayName")?.stringValue { groupName = name }
        }
    }

    public func log(idp: String, at time: Timestamp, failure: SCIMError?) -> UpdateLog {
        UpdateLog(
            idpID: idp, loggedAt: time, requestMethod: method, resourceType: kind.logType,
            status: failure == nil ? .SUCCESS : .FAILURE, cfResourceID: cfResourceID, idpResourceID: idpResourceID,
            resourceUserEmail: userEmail, resourceGroupName: groupName,
            requestBody: rawBody.isEmpty ? nil : String(decoding: rawBody, as: UTF8.self),
            errorDescription: failure?.detail)
    }
}
