/// One fault-injection rule: which requests it matches, what it does to them, and when it fires.
/// Rules come from `/__admin/faults` and `serve --fault`; `FaultPlan` holds them with their counters.
public struct FaultRule: Sendable, Equatable {
    public var id: String
    public var match: FaultMatch
    public var action: FaultAction
    public var firing: FaultFiring

    public init(id: String, match: FaultMatch, action: FaultAction, firing: FaultFiring) {
        self.id = id
        self.match = match
        self.action = action
        self.firing = firing
    }
}

/// A header or query parameter a rule requires: present with exactly this value.
public struct FaultNameValue: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// What a rule matches on. Every condition that is set must hold; a rule without any matches every
/// request that reaches a route of the emulated APIs, and the admin API only when it names that surface.
public struct FaultMatch: Sendable, Equatable {
    /// "cloudflare", "scim" or "admin".
    public var surface: String?
    /// Upper-case.
    public var method: String?
    /// The route's pattern as the router names it ("/accounts/{account_id}/access/logs/scim/updates"),
    /// and its method when the rule named one ("GET /accounts/…").
    public var routePattern: String?
    public var routeMethod: String?
    public var pathPrefix: String?
    public var account: String?
    public var idp: String?
    public var header: FaultNameValue?
    public var query: FaultNameValue?

    public init() {}

    /// Whether a request with these facts matches; the account and IdP are asked for only when the
    /// rule names them (on the SCIM surface they may cost a secret lookup).
    func matches<Facts: FaultRequestFacts>(_ facts: Facts) -> Bool {
        if let surface {
            if surface != facts.surface { return false }
        } else if facts.surface == "admin" {
            return false
        }
        if let method, method != facts.method { return false }
        if let routePattern, !facts.routeIsNamed(routePattern) { return false }
        if let routeMethod, routeMethod != facts.method { return false }
        if let pathPrefix, !facts.path.hasPrefix(pathPrefix) { return false }
        if let header, facts.header(header.name) != header.value { return false }
        if let query, !facts.query(query.name).contains(query.value) { return false }
        if let account, account != facts.account() { return false }
        if let idp, idp != facts.idp() { return false }
        return true
    }
}

/// The request as a rule sees it, without HTTP types (the surfaces adapt their request to it).
public protocol FaultRequestFacts {
    var surface: String { get }
    var method: String { get }
    /// Whether the matched route is the one this pattern names.
    func routeIsNamed(_ pattern: String) -> Bool
    var path: String { get }
    func header(_ name: String) -> String?
    func query(_ name: String) -> [String]
    func account() -> String?
    func idp() -> String?
}

/// What a firing rule does to the request.
public enum FaultAction: Sendable, Equatable {
    /// Answer at once instead of the route: the service never sees the request.
    case respond(FaultAnswer)
    /// The real answer, this much later (the request is served as usual).
    case delay(Latency)
    /// Close the connection without answering, after this many milliseconds; the service never sees it.
    case close(afterMilliseconds: Int)
    /// The real answer with its full Content-Length but only this many body bytes, then the connection
    /// closes: the request is served (a write is applied and logged), the client sees a broken answer.
    case truncate(afterBytes: Int)

    /// "respond", "delay", "close" or "truncate", as the journal names what was done.
    public var kind: String {
        switch self {
        case .respond: "respond"
        case .delay: "delay"
        case .close: "close"
        case .truncate: "truncate"
        }
    }
}

/// An injected answer: the status, extra headers, and either a body as given or the surface's own error
/// body with `message`.
public struct FaultAnswer: Sendable, Equatable {
    public var status: Int
    public var headers: [FaultNameValue]
    /// Sent as is when set (with `contentType`); otherwise the surface renders its error format.
    public var body: [UInt8]?
    public var contentType: String
    public var message: String?
    /// The v4 error code, for Cloudflare answers; nil picks one from the status.
    public var code: Int?

    public init(
        status: Int, headers: [FaultNameValue] = [], body: [UInt8]? = nil, contentType: String = "application/json",
        message: String? = nil, code: Int? = nil
    ) {
        self.status = status
        self.headers = headers
        self.body = body
        self.contentType = contentType
        self.message = message
        self.code = code
    }
}

/// When a matching rule fires: every `every`-th match (1: each), only with `probability` (drawn from a
/// generator seeded by `seed`, so the same seed gives the same faults), and at most `times` times.
public struct FaultFiring: Sendable, Equatable {
    public var times: Int?
    public var every: Int
    public var probability: Double?
    public var seed: UInt64

    public init(times: Int? = nil, every: Int = 1, probability: Double? = nil, seed: UInt64 = 0) {
        self.times = times
        self.every = every
        self.probability = probability
        self.seed = seed
    }
}
