/// Whether a pattern a user gave names a routed pattern. The Cloudflare routes are served with and
/// without `/client/v4`, and Cloudflare's documentation names them without it
/// (`GET /accounts/{account_id}/access/logs/scim/updates`), so that form names both.
enum RoutePatternMatch {
    static let cloudflarePrefix = "/client/v4"

    static func names(_ given: String, _ routed: String) -> Bool {
        given == routed || (routed.hasPrefix(cloudflarePrefix) && routed.dropFirst(cloudflarePrefix.count) == given)
    }
}
