import Synchronization

/// The sessions of the dashboard's login step, for `--admin-token`: a browser cannot send a bearer header when it
/// navigates, so `POST /__ui/login` with the token sets a session cookie (`HttpOnly`,
/// `SameSite=Strict`) holding a random session id, never the token. Its path is `/`, as a cookie's path
/// cannot name both `/__ui` and `/__admin`: the admin API takes it for GETs (the dashboard links to the
/// request journal and the OpenAPI document); the other surfaces ignore it. Sessions live in memory and
/// end when the server does.
final class DashboardSessions: Sendable {
    static let cookie = "scim_mock_ui"
    private let ids = Mutex(Set<String>())

    /// The `Set-Cookie` value that opens session `id`.
    static func setCookie(_ id: String) -> String { "\(cookie)=\(id); Path=/; HttpOnly; SameSite=Strict" }

    func open() -> String {
        var generator = SystemRandomNumberGenerator()
        let id = (0..<4).map { _ in String(generator.next() as UInt64, radix: 16) }.joined(separator: "-")
        ids.withLock { _ = $0.insert(id) }
        return id
    }

    func isOpen(_ id: String) -> Bool { ids.withLock { $0.contains(id) } }

    /// The session id in a `Cookie` header, if any.
    static func id(in cookieHeader: String?) -> String? {
        guard let cookieHeader else { return nil }
        for pair in cookieHeader.split(separator: ";") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingSpaces }
            if parts.count == 2, parts[0] == cookie { return String(parts[1]) }
        }
        return nil
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return s
    }
}
