import HTTPServer

/// One route as a value: what it matches, what it takes, what it answers, and its handler. The same
/// value registers the handler, drives parameter parsing, and describes the route (`MockApplication.routes`).
public struct Route: Sendable {
    public typealias Handler = @Sendable (RouteRequest) throws -> HTTPResponse

    public let method: String
    /// As the router matches it: "/scim/v2/Groups/{id}".
    public let pattern: String
    public let surface: Surface
    /// One line for humans (and, later, the OpenAPI document).
    public let summary: String
    public let parameters: [RouteParameter]
    /// The request body's schema by name (a `BodySchemaRegistry` entry); nil when the route reads none.
    public let requestBody: String?
    public let responses: [RouteResponse]
    /// True when the handler answers a body over the size limit itself (a SCIM write logs it as a
    /// FAILURE, the fixture loader names the limit); otherwise the application answers 413 first.
    public let answersOversizeBody: Bool
    let handler: Handler

    public init(
        _ method: String, _ pattern: String, surface: Surface, summary: String, parameters: [RouteParameter] = [],
        requestBody: String? = nil, responses: [RouteResponse], answersOversizeBody: Bool = false, handler: @escaping Handler
    ) {
        self.method = method
        self.pattern = pattern
        self.surface = surface
        self.summary = summary
        self.parameters = parameters
        self.requestBody = requestBody
        self.responses = responses
        self.answersOversizeBody = answersOversizeBody
        self.handler = handler
    }

    /// "PATCH /scim/v2/Groups/{id}", as journals and documents name a route.
    public var name: String { "\(method) \(pattern)" }

    func parameter(_ name: String) -> RouteParameter? { parameters.first { $0.name == name } }
}

/// A parameter a route declares: where it is, what it takes, and whether it repeats.
public struct RouteParameter: Sendable, Equatable {
    public enum Location: String, Sendable { case path, query, header }

    public enum Kind: Sendable, Equatable {
        case string(maxLength: Int? = nil)
        case integer(min: Int, max: Int)
        case enumeration([String])
        /// RFC 3339 date-time.
        case dateTime
        case boolean
    }

    public let name: String
    public let location: Location
    public let kind: Kind
    public let summary: String
    public let required: Bool
    /// Repeated keys (`status=A&status=B`), as the SDKs send lists; at most `maxCount` when set.
    public let repeatable: Bool
    public let maxCount: Int?

    /// A string parameter.
    public init(
        _ name: String, in location: Location = .query, _ summary: String, required: Bool = false,
        repeatable: Bool = false, maxCount: Int? = nil
    ) {
        self.init(name, in: location, .string(), summary, required: required, repeatable: repeatable, maxCount: maxCount)
    }

    public init(
        _ name: String, in location: Location = .query, _ kind: Kind, _ summary: String,
        required: Bool = false, repeatable: Bool = false, maxCount: Int? = nil
    ) {
        self.name = name
        self.location = location
        self.kind = kind
        self.summary = summary
        self.required = required || location == .path
        self.repeatable = repeatable
        self.maxCount = maxCount
    }
}

/// A response a route can give: its status, what it means, and the shape of its body.
public struct RouteResponse: Sendable, Equatable {
    public let status: Int
    public let summary: String
    /// The body's schema by name ("V4List<UpdateLog>", "SCIM User", …), a `BodySchemaRegistry` entry;
    /// nil for no body.
    public let body: String?

    public init(_ status: Int, _ summary: String, body: String? = nil) {
        self.status = status
        self.summary = summary
        self.body = body
    }
}
