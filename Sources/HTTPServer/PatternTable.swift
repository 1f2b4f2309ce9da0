/// The matching behind `Router`, kept free of the route type: generic code in another module runs
/// unspecialized, and matching is on every request's path.
public struct PatternTable: Sendable {
    public enum Match: Sendable {
        /// `index` is the registration order of the pattern that matched.
        case found(index: Int, PathParameters, pattern: String)
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
        var index: Int
    }

    private var entries: [Entry] = []

    public init() {}

    /// Registers `method` (compared exactly, e.g. "GET") and `pattern` as the next index.
    public mutating func add(_ method: String, _ pattern: String) {
        let segments = Self.segments(of: pattern).map { text -> Segment in
            if text.count > 2, text.hasPrefix("{"), text.hasSuffix("}") {
                return .capture(String(text.dropFirst().dropLast()))
            }
            return .literal(String(text))
        }
        entries.append(Entry(method: method, pattern: pattern, segments: segments, index: entries.count))
    }

    /// Every registered method and pattern, in registration order.
    public var patterns: [(method: String, pattern: String)] { entries.map { ($0.method, $0.pattern) } }

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
        return .found(index: best.0.index, PathParameters(best.1), pattern: best.0.pattern)
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
