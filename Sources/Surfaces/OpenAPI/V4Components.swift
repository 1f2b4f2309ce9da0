import JSON
import SCIM

/// The Cloudflare v4 bodies: the list envelope around update logs, users and groups, and the error
/// envelope, in the shapes of Cloudflare's own description (`access_scim_*_response`,
/// `access_api-response-common-failure`).
enum V4Components {
    static var entries: [(String, BodySchema)] {
        [
            ("V4List<UpdateLog>", .json("V4UpdateLogList", list(of: JSONSchema.ref("UpdateLog")))),
            ("V4List<SCIM User>", .json("V4UserList", list(of: JSONSchema.ref("SCIMUser")))),
            ("V4List<SCIM Group>", .json("V4GroupList", list(of: JSONSchema.ref("SCIMGroup")))),
            ("V4Error", .json("V4Error", error)),
        ]
    }

    /// Components the entries reference.
    static var shared: [(String, JSONValue)] {
        [("V4Messages", messages), ("V4Message", message), ("V4ResultInfo", resultInfo), ("UpdateLog", updateLog)]
    }

    static func list(of item: JSONValue) -> JSONValue {
        JSONSchema.properties(
            [
                ("success", JSONSchema.constant(.bool(true))), ("errors", JSONSchema.ref("V4Messages")),
                ("messages", JSONSchema.ref("V4Messages")), ("result", JSONSchema.array(item)),
                ("result_info", JSONSchema.ref("V4ResultInfo")),
            ], required: ["success", "errors", "messages", "result", "result_info"])
    }

    static let error = JSONSchema.properties(
        [
            ("success", JSONSchema.constant(.bool(false))),
            ("errors", JSONSchema.object([("allOf", .array([JSONSchema.ref("V4Messages")])), ("minItems", .number("1"))])),
            ("messages", JSONSchema.ref("V4Messages")), ("result", JSONSchema.null),
        ], required: ["success", "errors", "messages", "result"])

    static let messages = JSONSchema.array(JSONSchema.ref("V4Message"))

    /// One error or message; `error_chain` lists the causes of an invalid-headers error.
    static let message = JSONSchema.properties(
        [
            ("code", JSONSchema.integer(minimum: 1000)), ("message", JSONSchema.string()),
            ("documentation_url", JSONSchema.string()),
            ("source", JSONSchema.properties([("pointer", JSONSchema.string())])),
            ("error_chain", JSONSchema.array(JSONSchema.ref("V4Message"))),
        ], required: ["code", "message"])

    static let resultInfo = JSONSchema.properties(
        ["count", "page", "per_page", "total_count", "total_pages"].map { ($0, JSONSchema.integer(minimum: 0)) })

    /// `access_responses`. A log leaves out what it has no value for (a failed write's resource id, a
    /// success's error), as the description types each field as a string, never null.
    static let updateLog = JSONSchema.properties(
        [
            ("cf_resource_id", JSONSchema.string()), ("error_description", JSONSchema.string()),
            ("idp_id", JSONSchema.string()), ("idp_resource_id", JSONSchema.string()),
            ("logged_at", JSONSchema.string(format: "date-time")), ("request_body", JSONSchema.string()),
            ("request_method", JSONSchema.enumeration(UpdateLog.Method.allCases.map(\.rawValue))),
            ("resource_group_name", JSONSchema.string()),
            ("resource_type", JSONSchema.enumeration(UpdateLog.ResourceType.allCases.map(\.rawValue))),
            ("resource_user_email", JSONSchema.string()),
            ("status", JSONSchema.enumeration(UpdateLog.Status.allCases.map(\.rawValue))),
        ], required: ["idp_id", "logged_at", "request_method", "resource_type", "status"])
}
