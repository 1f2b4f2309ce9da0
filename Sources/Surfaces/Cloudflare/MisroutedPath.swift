/// Paths the public material gets wrong, and the path meant: Cloudflare answers them 404 (7003), and the
/// mock does too, with a `messages` entry naming the right one.
enum MisroutedPath {
    /// A hint for `path`, or nil when it is not a known mistake.
    static func hint(for path: String) -> String? {
        var parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let prefix = parts.starts(with: ["client", "v4"]) ? "/client/v4" : ""
        if !prefix.isEmpty { parts.removeFirst(2) }
        let underV4 = !prefix.isEmpty || parts.first == "accounts"
        if underV4, let scim = parts.firstIndex(of: "scim"), parts.indices.contains(scim + 1), parts[scim + 1] == "v2" {
            let rest = parts[(scim + 2)...].joined(separator: "/")
            return "inbound SCIM is not part of the v4 API: send it to /scim/v2/\(rest) (the SCIM secret names the IdP) "
                + "or /populations/{idp_id}/scim/v2/\(rest)"
        }
        if parts.count == 5, parts[0] == "accounts", Array(parts[2...]) == ["access", "logs", "scim"] {
            return "the SCIM update logs are at \(prefix)/accounts/\(parts[1])/access/logs/scim/updates"
        }
        return nil
    }
}
