import HTTPServer
import JSON

/// Reads a route's parameters by their declaration (`RouteParameter`): the range, the allowed values,
/// whether they repeat and how often, come from the route value, not from the handler. Any bad value
/// is `RouteError.invalidParameter`, naming the parameter.
public struct ParameterReader {
    let route: Route
    let query: QueryParameters
    let path: PathParameters

    private func declaration(_ name: String) throws(RouteError) -> RouteParameter {
        guard let declared = route.parameter(name) else {
            throw .internal("\(route.name) reads parameter \(name), which it does not declare")
        }
        return declared
    }

    private func invalid(_ name: String, _ reason: String) -> RouteError { .invalidParameter(name: name, reason: reason) }

    private func values(_ parameter: RouteParameter) -> [String] {
        switch parameter.location {
        case .query: query.values(parameter.name)
        case .path: path[parameter.name].map { [$0] } ?? []
        case .header: []
        }
    }

    private func single(_ name: String) throws(RouteError) -> (RouteParameter, String?) {
        let parameter = try declaration(name)
        let values = values(parameter)
        guard values.count <= 1 else { throw invalid(name, "given \(values.count) times; it takes one value") }
        if parameter.required, values.isEmpty { throw invalid(name, "is required") }
        return (parameter, values.first)
    }

    public func string(_ name: String) throws(RouteError) -> String? {
        let (parameter, value) = try single(name)
        guard let value else { return nil }
        guard !value.isEmpty else { throw invalid(name, "must not be empty") }
        if case .string(let maxLength?) = parameter.kind, value.count > maxLength {
            throw invalid(name, "must be at most \(maxLength) characters, got \(value.count)")
        }
        return value
    }

    /// Refuses a query key the route does not declare: for filters an assertion counts on, a typo
    /// (`stauts=503`) must not quietly match everything.
    public func rejectUndeclared() throws(RouteError) {
        let declared = Set(route.parameters.filter { $0.location == .query }.map(\.name))
        if let unknown = query.names.subtracting(declared).sorted().first {
            throw invalid(unknown, "is not a filter of \(route.name); use \(declared.sorted().joined(separator: ", "))")
        }
    }

    /// A path parameter's value (always present when the route matched).
    public func path(_ name: String) throws(RouteError) -> String { try string(name) ?? "" }

    public func strings(_ name: String) throws(RouteError) -> [String] {
        let parameter = try declaration(name)
        let values = values(parameter)
        if parameter.required, values.isEmpty { throw invalid(name, "is required") }
        if let maxCount = parameter.maxCount, values.count > maxCount {
            throw invalid(name, "takes at most \(maxCount) values, got \(values.count)")
        }
        if values.contains(where: \.isEmpty) { throw invalid(name, "values must not be empty") }
        return values
    }

    public func int(_ name: String) throws(RouteError) -> Int? {
        let (parameter, text) = try single(name)
        guard let text else { return nil }
        guard case .integer(let min, let max) = parameter.kind else { throw .internal("\(name) is not declared an integer") }
        guard let value = Int(text.trimmingSpaces), (min...max).contains(value) else {
            throw invalid(name, "must be an integer from \(min) to \(max), got \"\(text.prefix(64))\"")
        }
        return value
    }

    /// Every value of a repeatable enumeration, as `E`.
    public func enums<E: RawRepresentable>(_ name: String, _: E.Type) throws(RouteError) -> [E] where E.RawValue == String {
        let parameter = try declaration(name)
        guard case .enumeration(let allowed) = parameter.kind else { throw .internal("\(name) is not declared an enumeration") }
        return try values(parameter).map { (text) throws(RouteError) in
            guard allowed.contains(text), let value = E(rawValue: text) else {
                throw invalid(name, "must be one of \(allowed.joined(separator: ", ")), got \"\(text)\"")
            }
            return value
        }
    }

    /// A single enumeration value, as text.
    public func choice(_ name: String) throws(RouteError) -> String? {
        let (parameter, text) = try single(name)
        guard let text else { return nil }
        guard case .enumeration(let allowed) = parameter.kind else { throw .internal("\(name) is not declared an enumeration") }
        guard allowed.contains(text) else {
            throw invalid(name, "must be one of \(allowed.joined(separator: ", ")), got \"\(text)\"")
        }
        return text
    }

    public func timestamp(_ name: String) throws(RouteError) -> Timestamp? {
        let (_, text) = try single(name)
        guard let text else { return nil }
        guard let value = Timestamp(rfc3339: text.trimmingSpaces) else {
            throw invalid(name, "must be an RFC 3339 date-time such as 2025-01-31T12:00:00Z, got \"\(text)\"")
        }
        return value
    }

    /// The first value as sent, unchecked, for a surface that checks its parameters itself (SCIM's
    /// list parameters keep RFC 7644's own messages and clamps).
    public func first(_ name: String) throws(RouteError) -> String? { values(try declaration(name)).first }
}

private extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s.removeFirst() }
        while s.last == " " { s.removeLast() }
        return String(s)
    }
}
