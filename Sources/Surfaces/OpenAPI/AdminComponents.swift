import JSON

/// The admin API's bodies.
enum AdminComponents {
    static var entries: [(String, BodySchema)] {
        [
            ("Health", .json("AdminHealth", health)),
            ("Clock", .json("AdminClock", clock)),
            ("ClockChange", .json("AdminClockChange", clockChange)),
            ("Fixture", .json("AdminFixture", fixture)),
            ("AdminError", .json("AdminError", error)),
            (
                "OpenAPI",
                .json("OpenAPIDocument", JSONSchema.properties([("openapi", JSONSchema.string())], required: ["openapi"]))
            ),
        ]
    }

    static let clock = JSONSchema.properties(
        [("now", JSONSchema.string(format: "date-time")), ("frozen", JSONSchema.boolean)], required: ["now", "frozen"])

    static let health = JSONSchema.properties(
        [("status", JSONSchema.enumeration(["ready"]))]
            + ["accounts", "identity_providers", "users", "groups", "update_logs"].map { ($0, JSONSchema.integer(minimum: 0)) }
            + [("clock", JSONSchema.ref("AdminClock"))],
        required: ["status", "accounts", "identity_providers", "users", "groups", "update_logs", "clock"])

    /// `ClockChange`: set freezes at an instant, advance moves on by seconds, frozen: false follows the system clock.
    static let clockChange = JSONSchema.properties(
        [
            ("set", JSONSchema.string(format: "date-time")),
            ("advance", JSONSchema.object([("type", .string("number")), ("minimum", .number("0"))])),
            ("frozen", JSONSchema.constant(.bool(false))),
        ], closed: true, minProperties: 1)

    /// A fixture document (README, Fixtures): accounts with their identity providers, users, groups and logs.
    static let fixture = JSONSchema.properties([("accounts", JSONSchema.array(JSONSchema.properties([])))])

    static let error = JSONSchema.properties(
        [("success", JSONSchema.constant(.bool(false))), ("error", JSONSchema.string()), ("path", JSONSchema.string())],
        required: ["success", "error"])
}
