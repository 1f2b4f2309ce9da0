import SCIM
import Services
import Store

/// The declared parameters of the v4 routes: names, types and ranges as Cloudflare describes them.
extension CloudflareRoutes {
    /// The largest value any integer parameter takes: paging arithmetic on it cannot overflow.
    static let maxInteger = Int(Int32.max)

    static let account = RouteParameter("account_id", in: .path, .string(maxLength: 32), "Identifier of the account")

    static let logParameters: [RouteParameter] =
        [
            RouteParameter("idp_id", "Identity provider ids; one or more", required: true, repeatable: true),
            RouteParameter("page", .integer(min: 0, max: maxInteger), "Page number, 1-based (0 reads as 1)"),
            RouteParameter("per_page", .integer(min: 1, max: 1000), "Logs per page (default 20)"),
            RouteParameter("limit", .integer(min: 1, max: maxInteger), "At most this many logs in all"),
        ] + logFilterParameters + [RouteParameter("direction", .enumeration(["desc", "asc"]), "Order by time (default desc)")]

    /// What selects logs, apart from the account and IdPs: shared with the dashboard's live tail, which
    /// reads them with `logFilters(_:into:)` as the list does.
    static let logFilterParameters: [RouteParameter] = [
        RouteParameter("cf_resource_id", "Cloudflare resource ids", repeatable: true),
        RouteParameter("idp_resource_id", "IdP resource ids (externalId)", repeatable: true),
        RouteParameter("resource_user_email", "User emails", repeatable: true),
        RouteParameter("resource_group_name", "Group names", repeatable: true),
        RouteParameter(
            "request_method", .enumeration(UpdateLog.Method.allCases.map(\.rawValue)), "Request methods",
            repeatable: true),
        RouteParameter(
            "resource_type", .enumeration(UpdateLog.ResourceType.allCases.map(\.rawValue)), "Resource types",
            repeatable: true),
        RouteParameter("status", .enumeration(UpdateLog.Status.allCases.map(\.rawValue)), "Outcomes", repeatable: true),
        RouteParameter("since", .dateTime, "Logs at or after this time"),
        RouteParameter("until", .dateTime, "Logs at or before this time"),
    ]

    /// Reads `logFilterParameters` into `query`.
    static func logFilters(_ q: ParameterReader, into query: inout LogQuery) throws {
        query.cfResourceIDs = try q.strings("cf_resource_id")
        query.idpResourceIDs = try q.strings("idp_resource_id")
        query.userEmails = try q.strings("resource_user_email")
        query.groupNames = try q.strings("resource_group_name")
        query.methods = try q.enums("request_method", UpdateLog.Method.self)
        query.resourceTypes = try q.enums("resource_type", UpdateLog.ResourceType.self)
        query.statuses = try q.enums("status", UpdateLog.Status.self)
        query.since = try q.timestamp("since")
        query.until = try q.timestamp("until")
        if let since = query.since, let until = query.until, since > until {
            throw CloudflareError.invalidParameter("since", "is later than until")
        }
    }

    static let resourceParameters: [RouteParameter] = [
        account,
        RouteParameter("identity_provider_id", in: .path, .string(maxLength: 36), "Identifier of the identity provider"),
        RouteParameter("page", .integer(min: 0, max: maxInteger), "Page number, 1-based (0 reads as 1)"),
        RouteParameter("per_page", .integer(min: 1, max: 100), "Resources per page (default 100)"),
        RouteParameter("cf_resource_id", "Cloudflare resource ids", repeatable: true, maxCount: 50),
        RouteParameter("idp_resource_id", "IdP resource ids (externalId)", repeatable: true, maxCount: 50),
        RouteParameter("name", "displayName, else the formatted or given and family name"),
    ]

    static let userParameters: [RouteParameter] = [
        RouteParameter("username", "userName"),
        RouteParameter("email", "Any of the user's emails"),
    ]

    static func responses(_ item: String) -> [RouteResponse] {
        [
            RouteResponse(200, "A page of results", body: "V4List<\(item)>"),
            RouteResponse(400, "Bad credentials or parameters", body: "V4Error"),
            RouteResponse(403, "Authentication error", body: "V4Error"),
            RouteResponse(404, "No such identity provider in the account", body: "V4Error"),
        ]
    }
}
