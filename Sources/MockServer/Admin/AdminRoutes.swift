import Foundation
import HTTPServer
import SCIM
import JSON

/// The admin API under `/__admin`, a prefix the emulated APIs never use: health, reset, fixture
/// loading, the state as a fixture, per-account reset, and the clock. GETs never change state.
struct AdminRoutes: Sendable {
    let store: Store
    let clock: MockClock
    let ids: IDGenerator
    let startupFixtures: [FixtureSource]
    let token: String?

    static let prefix = "/__admin"

    private var loader: FixtureLoader { FixtureLoader(now: clock.now, newID: ids.next) }

    func register(in router: inout Router) {
        let p = Self.prefix
        router.add("GET", p + "/health", respond { _, _ in Self.json(200, try health()) })
        router.add("POST", p + "/reset", respond { request, _ in
            let empty = request.query.first("empty").map { ["true", "1", "yes"].contains($0.lowercased()) } ?? false
            try load(empty ? [] : startupFixtures, replacing: .everything)
            clock.reset()
            ids.reset()
            return Self.json(200, try health())
        })
        router.add("POST", p + "/fixtures", respond { request, _ in
            if let limit = request.bodyLimitExceeded {
                throw AdminError(status: 413, message: "the fixture body exceeds \(limit) bytes (serve --max-body-bytes)")
            }
            try load([.bytes(request.body, name: "request body")], replacing: .add)
            return Self.json(200, try health())
        })
        router.add("GET", p + "/state", respond { _, _ in
            HTTPResponse.json(200, try store.exportState())
        })
        router.add("DELETE", p + "/accounts/{account_id}", respond { _, parameters in
            let account = parameters["account_id"] ?? ""
            guard account.count <= 32 else { throw AdminError(status: 400, message: "account_id must be at most 32 characters") }
            try load(startupFixtures, replacing: .account(account))
            return Self.json(200, try health())
        })
        router.add("GET", p + "/clock", respond { _, _ in Self.json(200, clockState()) })
        router.add("POST", p + "/clock", respond { request, _ in
            try setClock(request.body)
            return Self.json(200, clockState())
        })
    }

    /// Checks the admin token, runs the handler, and answers errors in the admin format.
    private func respond(_ handler: @escaping @Sendable (HTTPRequest, PathParameters) throws -> HTTPResponse) -> Router.Route {
        let token = self.token
        return { request, parameters in
            do {
                if let token, request.headers["Authorization"] != "Bearer \(token)" {
                    throw AdminError(status: 401, message: "the admin API needs Authorization: Bearer <--admin-token>")
                }
                return try handler(request, parameters)
            } catch {
                return ErrorResponses.admin(error)
            }
        }
    }

    private func load(_ sources: [FixtureSource], replacing scope: FixtureLoader.Scope) throws {
        do {
            try loader.load(sources, into: store, replacing: scope)
        } catch {
            throw AdminError(status: 400, message: error.description, path: error.path)
        }
    }

    private func health() throws -> JSONObject {
        let c = try store.counts()
        return JSONObject([
            ("status", .string("ready")),
            ("accounts", .number(String(c.accounts))), ("identity_providers", .number(String(c.idps))),
            ("users", .number(String(c.users))), ("groups", .number(String(c.groups))),
            ("update_logs", .number(String(c.logs))),
            ("clock", .object(clockState())),
        ])
    }

    private func clockState() -> JSONObject {
        JSONObject([("now", .string(clock.now().rfc3339Micros)), ("frozen", .bool(clock.isFrozen))])
    }

    /// `{"set": "<RFC 3339>"}` freezes at an instant, `{"advance": <seconds>}` moves forward (freezing),
    /// `{"frozen": false}` follows the system clock again.
    private func setClock(_ body: [UInt8]) throws {
        let object: JSONObject
        do {
            guard let parsed = try JSONReader.parse(body).objectValue else { throw AdminError(status: 400, message: "the body must be a JSON object") }
            object = parsed
        } catch let error as JSONParseError {
            throw AdminError(status: 400, message: "invalid JSON body: \(error.description)")
        }
        for key in object.keys where !["set", "advance", "frozen"].contains(key) {
            throw AdminError(status: 400, message: "unknown key \"\(key)\" (allowed: set, advance, frozen)")
        }
        if object.entries.isEmpty { throw AdminError(status: 400, message: "say set, advance or frozen") }
        if let frozen = object["frozen"], frozen != .bool(false) {
            throw AdminError(status: 400, message: "frozen takes only false (to follow the system clock again)")
        }
        let instant = try object["set"].map { (set) throws(AdminError) in
            guard let text = set.stringValue, let instant = Timestamp(rfc3339: text) else {
                throw AdminError(status: 400, message: "set must be an RFC 3339 date-time such as 2025-01-01T00:00:00Z")
            }
            return instant
        }
        if let advance = object["advance"] {
            guard case .number(let text) = advance, let seconds = Double(text), seconds >= 0, seconds < 3.2e9 else {
                throw AdminError(status: 400, message: "advance must be a non-negative number of seconds")
            }
            guard clock.freeze(at: instant, advancedBy: Int64((seconds * 1_000_000).rounded())) else {
                let latest = MockClock.latest.rfc3339
                throw AdminError(status: 400, message: "advancing by \(text) seconds would move the clock past \(latest)")
            }
        } else if let instant {
            clock.set(instant)
        }
        if object["frozen"] != nil { clock.unfreeze() }
    }

    static func json(_ status: Int, _ object: JSONObject) -> HTTPResponse {
        var w = JSONWriter()
        w.value(.object(object))
        return HTTPResponse.json(status, w.bytes)
    }
}
