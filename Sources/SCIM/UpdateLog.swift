import JSON

/// One SCIM write as Cloudflare's update-log endpoint reports it.
public struct UpdateLog: Sendable, Equatable {
    public enum Method: String, Sendable, CaseIterable { case DELETE, PATCH, POST, PUT }
    public enum ResourceType: String, Sendable, CaseIterable { case USER, GROUP }
    public enum Status: String, Sendable, CaseIterable { case FAILURE, SUCCESS }

    /// A log enum as a store keeps it: one small integer per case. The codes are part of the `--db`
    /// file format, so each is fixed forever: a new case takes an unused number, a removed case's
    /// number is never given out again, and declaration order does not matter. (The numbers are the
    /// `allCases` positions the first stores used, so older files keep their meaning.) The store's
    /// lookup tables name every code; a new case needs a migration adding its row.
    public protocol StorageCoded: CaseIterable, Equatable, RawRepresentable<String> {
        var storageCode: Int { get }
    }

    public var idpID: String
    public var loggedAt: Timestamp
    public var requestMethod: Method
    public var resourceType: ResourceType
    public var status: Status
    public var cfResourceID: String?
    public var idpResourceID: String?
    public var resourceUserEmail: String?
    public var resourceGroupName: String?
    public var requestBody: String?
    public var errorDescription: String?

    public init(
        idpID: String, loggedAt: Timestamp, requestMethod: Method, resourceType: ResourceType, status: Status,
        cfResourceID: String? = nil, idpResourceID: String? = nil, resourceUserEmail: String? = nil,
        resourceGroupName: String? = nil, requestBody: String? = nil, errorDescription: String? = nil
    ) {
        self.idpID = idpID
        self.loggedAt = loggedAt
        self.requestMethod = requestMethod
        self.resourceType = resourceType
        self.status = status
        self.cfResourceID = cfResourceID
        self.idpResourceID = idpResourceID
        self.resourceUserEmail = resourceUserEmail
        self.resourceGroupName = resourceGroupName
        self.requestBody = requestBody
        self.errorDescription = errorDescription
    }

    /// The API's JSON object, keys in the order Cloudflare documents them. A field without a value
    /// is left out rather than null: Cloudflare's description types each as a (non-nullable) string,
    /// and the SDK's models read a missing key as None.
    public func write(to w: inout JSONWriter) {
        let fields: [(StaticString, String?)] = [
            ("cf_resource_id", cfResourceID), ("error_description", errorDescription), ("idp_id", idpID),
            ("idp_resource_id", idpResourceID), ("logged_at", loggedAt.rfc3339Micros), ("request_body", requestBody),
            ("request_method", requestMethod.rawValue), ("resource_group_name", resourceGroupName),
            ("resource_type", resourceType.rawValue), ("resource_user_email", resourceUserEmail),
            ("status", status.rawValue),
        ]
        w.raw("{")
        var first = true
        for (key, value) in fields {
            guard let value else { continue }
            if !first { w.raw(",") }
            first = false
            w.key(key)
            w.string(value)
        }
        w.raw("}")
    }
}

extension UpdateLog.StorageCoded {
    /// The case stored as `storageCode`, or nil for a number no case has.
    public init?(storageCode: Int) {
        guard let match = Self.allCases.first(where: { $0.storageCode == storageCode }) else { return nil }
        self = match
    }
}

extension UpdateLog.Method: UpdateLog.StorageCoded {
    public var storageCode: Int {
        switch self {
        case .DELETE: 0
        case .PATCH: 1
        case .POST: 2
        case .PUT: 3
        }
    }
}

extension UpdateLog.ResourceType: UpdateLog.StorageCoded {
    public var storageCode: Int {
        switch self {
        case .USER: 0
        case .GROUP: 1
        }
    }
}

extension UpdateLog.Status: UpdateLog.StorageCoded {
    public var storageCode: Int {
        switch self {
        case .FAILURE: 0
        case .SUCCESS: 1
        }
    }
}
