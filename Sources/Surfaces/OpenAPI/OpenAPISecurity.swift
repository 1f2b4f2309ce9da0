import JSON

/// The credentials of each surface: Cloudflare's own scheme names (`api_token`, `api_email` with
/// `api_key`), the IdP's SCIM secret, and the admin token.
enum OpenAPISecurity {
    static let schemes = JSONSchema.object([
        ("api_token", bearer("A Cloudflare API token (any well-formed one unless serve --api-token pins them)")),
        ("api_email", header("X-Auth-Email", "The account email, with X-Auth-Key")),
        ("api_key", header("X-Auth-Key", "The global API key, with X-Auth-Email")),
        ("scim_secret", bearer("The identity provider's SCIM secret; it names the tenant")),
        ("admin_token", bearer("serve --admin-token, when set")),
    ])

    static func requirements(_ surface: Surface, adminTokenRequired: Bool) -> JSONValue {
        switch surface {
        case .cloudflare: .array([requirement(["api_token"]), requirement(["api_email", "api_key"])])
        case .scim: .array([requirement(["scim_secret"])])
        case .admin, .dashboard: .array(adminTokenRequired ? [requirement(["admin_token"])] : [])
        }
    }

    private static func requirement(_ names: [String]) -> JSONValue { JSONSchema.object(names.map { ($0, .array([])) }) }

    private static func bearer(_ description: String) -> JSONValue {
        JSONSchema.object([("type", .string("http")), ("scheme", .string("bearer")), ("description", .string(description))])
    }

    private static func header(_ name: String, _ description: String) -> JSONValue {
        JSONSchema.object([
            ("type", .string("apiKey")), ("in", .string("header")), ("name", .string(name)),
            ("description", .string(description)),
        ])
    }
}
