/// Maps method + path to a route using patterns such as
/// "/accounts/{account_id}/access/identity_providers/{idp_id}/scim/users".
///
/// Kept separate from the server so routing is testable without sockets. A route is whatever value
/// the application registers (its handler and description); the router only matches, lists its
/// routes, and names the pattern a request matched.
/// Rules: `{name}` captures one non-empty segment; one trailing slash is
/// ignored on both patterns and paths; when several patterns match, the one
/// with a literal at the first differing segment wins (so "/users/me" beats
/// "/users/{id}"); ties go to the route added first.
public struct Router<Route: Sendable>: Sendable {
    public enum Match: Sendable {
        /// `pattern` is the pattern as registered, e.g. "/scim/v2/Groups/{id}".
        case found(Route, PathParameters, pattern: String)
        /// The path exists but not for this method; `allowed` is sorted.
        case methodNotAllowed(allowed: [String])
        case notFound
    }

    private enum Segment: Sendable {
        case literal(String)
        case capture(String)

        /// Lower is more specific.
        var rank: Int {
            switch self {
            case .literal: 0
            case .capture: 1
            }
        }
    }

    private struct Entry: Sendable {
        var method: String
        var pattern: String
        var segments: [Segment]
        var route: Route
    }

    private var entries: [Entry] = []

    public init() {}

    /// Registers `route` for `method` (compared exactly, e.g. "GET") and `pattern`.
    public mutating func add(_ method: String, _ pattern: String, _ route: Route) {
        let segments = Self.segments(of: pattern).map { text -> Segment in
            if text.count > 2, text.hasPrefix("{"), text.hasSuffix("}") {
                return .capture(String(text.dropFirst().dropLast()))
            }
            return .literal(String(text))
        }
        entries.append(Entry(method: method, pattern: pattern, segments: segments, route: route))
    }

    /// Every registered route in registration order, with its method and pattern.
    public var routes: [(method: String, pattern: String, route: Route)] {
        entries.map { ($0.method, $0.pattern, $0.route) }
    }

    /// Finds the route for a request. HEAD falls back to GET routes because
    /// the transport strips HEAD bodies anyway.
    public func match(method: String, path: String) -> Match {
        let parts = Self.segments(of: path)
        let matching = entries.compactMap { entry -> (Entry, [String: String])? in
            Self.captures(of: entry.segments, in: parts).map { (entry, $0) }
        }
        guard !matching.isEmpty else { return .notFound }

        var candidates = matching.filter { $0.0.method == method }
        if candidates.isEmpty, method == "HEAD" {
            candidates = matching.filter { $0.0.method == "GET" }
        }
        guard let best = Self.mostSpecific(candidates) else {
            return .methodNotAllowed(allowed: Set(matching.map(\.0.method)).sorted())
        }
        return .found(best.0.route, PathParameters(best.1), pattern: best.0.pattern)
    }

    private static func mostSpecific(_ candidates: [(Entry, [String: String])]) -> (Entry, [String: String])? {
        candidates.min { lhs, rhs in
            lhs.0.segments.map(\.rank).lexicographicallyPrecedes(rhs.0.segments.map(\.rank))
        }
    }

    private static func captures(of pattern: [Segment], in parts: [Substring]) -> [String: String]? {
        guard pattern.count == parts.count else { return nil }
        var captured: [String: String] = [:]
        for (segment, part) in zip(pattern, parts) {
            switch segment {
            case .literal(let text):
                guard text == part else { return nil }
            case .capture(let name):
                guard !part.isEmpty else { return nil }
                captured[name] = String(part)
            }
        }
        return captured
    }

    /// "/a/b/" and "/a/b" both give ["a", "b"]; "/" and "" give [].
    private static func segments(of path: String) -> [Substring] {
        var trimmed = Substring(path)
        if trimmed.hasPrefix("/") { trimmed = trimmed.dropFirst() }
        if trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        if trimmed.isEmpty { return [] }
        return trimmed.split(separator: "/", omittingEmptySubsequences: false)
    }
}
