import JSON

/// The credentials of each surface: Cloudflare's own scheme names (`api_token`, `api_email` with
/// `api_key`), the IdP's SCIM secret, and the admin token, or instead the dashboard's session cookie on
/// the dashboard and the admin API's GETs. The login form, the two assets and the icon need nothing.
enum OpenAPISecurity {
    static let schemes = JSONSchema.object([
        ("api_token", bearer("A Cloudflare API token (any well-formed one unless serve --api-token pins them)")),
        ("api_email", header("X-Auth-Email", "The account email, with X-Auth-Key")),
        ("api_key", header("X-Auth-Key", "The global API key, with X-Auth-Email")),
        ("scim_secret", bearer("The identity provider's SCIM secret; it names the tenant")),
        ("admin_token", bearer("serve --admin-token, when set")),
        (
            "dashboard_session",
            cookie(
                DashboardSessions.cookie,
                "The session POST /__ui/login sets for the admin token: the dashboard's pages and the admin API's GETs")
        ),
    ])

    static func requirements(_ route: Route, adminTokenRequired: Bool) -> JSONValue {
        switch route.surface {
        case .cloudflare: return .array([requirement(["api_token"]), requirement(["api_email", "api_key"])])
        case .scim: return .array([requirement(["scim_secret"])])
        case .admin, .dashboard:
            guard adminTokenRequired, !DashboardAuthentication.open.contains(route.pattern) else { return .array([]) }
            let token = requirement(["admin_token"])
            return .array(route.method == "GET" ? [token, requirement(["dashboard_session"])] : [token])
        }
    }

    private static func requirement(_ names: [String]) -> JSONValue { JSONSchema.object(names.map { ($0, .array([])) }) }

    private static func bearer(_ description: String) -> JSONValue {
        JSONSchema.object([("type", .string("http")), ("scheme", .string("bearer")), ("description", .string(description))])
    }

    private static func header(_ name: String, _ description: String) -> JSONValue {
        apiKey(in: "header", name, description)
    }

    private static func cookie(_ name: String, _ description: String) -> JSONValue {
        apiKey(in: "cookie", name, description)
    }

    private static func apiKey(in location: String, _ name: String, _ description: String) -> JSONValue {
        JSONSchema.object([
            ("type", .string("apiKey")), ("in", .string(location)), ("name", .string(name)),
            ("description", .string(description)),
        ])
    }
}
