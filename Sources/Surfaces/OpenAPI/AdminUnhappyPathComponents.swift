import JSON

/// The bodies of the fault rules (`/__admin/faults`) and the request journal (`/__admin/requests`),
/// in the shapes `FaultRuleReader` reads and `FaultRuleWriter` and `JournalEntry` write.
enum AdminUnhappyPathComponents {
    static var entries: [(String, BodySchema)] {
        [
            ("FaultRuleInput", .json("AdminFaultRuleInput", rule(listed: false))),
            (
                "FaultRules",
                .json(
                    "AdminFaultRules",
                    JSONSchema.object([
                        (
                            "oneOf",
                            .array([
                                JSONSchema.ref("AdminFaultRuleInput"), JSONSchema.array(JSONSchema.ref("AdminFaultRuleInput")),
                            ])
                        )
                    ]))
            ),
            ("FaultRule", .json("AdminFaultRule", rule(listed: true))),
            (
                "FaultList",
                .json(
                    "AdminFaultList",
                    JSONSchema.properties([("faults", JSONSchema.array(JSONSchema.ref("AdminFaultRule")))], required: ["faults"]))
            ),
            ("RequestList", .json("AdminRequestList", requestList)),
            (
                "RequestCount",
                .json(
                    "AdminRequestCount", JSONSchema.properties([("count", JSONSchema.integer(minimum: 0))], required: ["count"]))
            ),
        ]
    }

    private static let nameValue = JSONSchema.properties(
        [("name", JSONSchema.string()), ("value", JSONSchema.string())], required: ["name", "value"])

    private static let match = JSONSchema.properties(
        ["surface", "method", "route", "path_prefix", "account", "idp"].map { ($0, JSONSchema.string()) }
            + [("header", nameValue), ("query", nameValue)])

    private static let number = JSONSchema.object([("type", .string("number")), ("minimum", .number("0"))])

    private static let respond = JSONSchema.properties([
        ("status", JSONSchema.integer(minimum: 100, maximum: 599)),
        ("headers", JSONSchema.object([("type", .string("object")), ("additionalProperties", JSONSchema.string())])),
        ("body", JSONSchema.string()), ("content_type", JSONSchema.string()), ("message", JSONSchema.string()),
        ("code", JSONSchema.integer()),
    ])

    private static let delay = JSONSchema.properties([
        ("ms", number), ("uniform_ms", JSONSchema.array(number)),
        ("log_normal", JSONSchema.properties([("median_ms", number), ("sigma", number)])),
    ])

    /// A rule as written (`listed: false`) or as listed, with its counters.
    private static func rule(listed: Bool) -> JSONValue {
        let counters = listed ? [("matched", JSONSchema.integer(minimum: 0)), ("fired", JSONSchema.integer(minimum: 0))] : []
        return JSONSchema.properties(
            [
                ("id", JSONSchema.string(maxLength: 64)), ("match", match), ("respond", respond), ("delay", delay),
                ("close", JSONSchema.properties([("after_ms", JSONSchema.integer(minimum: 0))])),
                ("truncate", JSONSchema.properties([("after_bytes", JSONSchema.integer(minimum: 0))])),
                ("times", JSONSchema.integer(minimum: 0)), ("every", JSONSchema.integer(minimum: 1)),
                ("probability", number), ("seed", JSONSchema.integer(minimum: 0)),
            ] + counters,
            required: listed ? ["match", "matched", "fired"] : [])
    }

    private static func nullable(_ schema: JSONValue) -> JSONValue {
        JSONSchema.object([("anyOf", .array([schema, JSONSchema.null]))])
    }

    private static let request = JSONSchema.properties(
        [
            ("number", JSONSchema.integer(minimum: 1)), ("time", JSONSchema.string(format: "date-time")),
            ("surface", JSONSchema.enumeration(Surface.allCases.map(\.rawValue))), ("method", JSONSchema.string()),
            ("path", JSONSchema.string()), ("query", JSONSchema.string()), ("route", nullable(JSONSchema.string())),
            ("status", JSONSchema.integer(minimum: 0, maximum: 999)),
            ("outcome", JSONSchema.enumeration(["answered", "closed", "truncated", "streamed"])),
            ("duration_ms", number),
            (
                "fault",
                nullable(
                    JSONSchema.properties(
                        [("rule", JSONSchema.string()), ("action", nullable(JSONSchema.string()))], required: ["rule"]))
            ),
            ("rate_limit", nullable(JSONSchema.string())), ("client_address", nullable(JSONSchema.string())),
            ("headers", JSONSchema.object([("type", .string("object")), ("additionalProperties", JSONSchema.string())])),
            ("body", nullable(JSONSchema.string())), ("body_bytes", JSONSchema.integer(minimum: 0)),
        ],
        required: [
            "number", "time", "surface", "method", "path", "query", "route", "status", "outcome", "duration_ms", "fault",
            "rate_limit", "client_address", "headers", "body", "body_bytes",
        ])

    private static let requestList = JSONSchema.properties(
        [("count", JSONSchema.integer(minimum: 0)), ("requests", JSONSchema.array(request))], required: ["count", "requests"])
}
