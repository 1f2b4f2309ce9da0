import HTTPServer
import JSON
import Surfaces
import TestSupport
import Testing

/// Every operation declares the statuses the transport answers by itself, with the body each surface
/// renders them in; `Tests/Interop/test_transport_statuses.py` checks the same against the wire.
@Suite struct OpenAPITransportStatusTests {
    let app: MockApplication
    let document: JSONObject

    init() throws {
        app = MockApplication(store: try makeStore(), journal: RequestJournal())
        document = try #require(try JSONReader.parse(app.openAPIDocument.bytes).objectValue)
    }

    private func responses(_ route: Route) throws -> JSONObject {
        let operation = document["paths"]?.objectValue?[route.pattern]?.objectValue?[route.method.lowercased()]
        return try #require(operation?.objectValue?["responses"]?.objectValue, "\(route.name)")
    }

    private func mediaTypes(_ responses: JSONObject, _ status: Int) -> Set<String> {
        Set(responses[String(status)]?.objectValue?["content"]?.objectValue?.entries.map(\.key) ?? [])
    }

    private static let errorTypes: [Surface: Set<String>] = [
        .cloudflare: ["application/json"], .scim: ["application/scim+json"], .admin: ["application/json"],
        .dashboard: ["text/html", "text/plain"],
    ]

    @Test func everyOperationDeclaresTheTransportsStatusesInItsSurfacesFormat() throws {
        for route in app.routes {
            let declared = try responses(route)
            let surfaceTypes = try #require(Self.errorTypes[route.surface])
            for status in [400, 414, 431] {
                #expect(mediaTypes(declared, status).isSuperset(of: surfaceTypes.union(["text/html"])), "\(route.name) \(status)")
            }
            #expect(mediaTypes(declared, 501).isSuperset(of: surfaceTypes), "\(route.name) 501")
            #expect(mediaTypes(declared, 503).contains("application/json"), "\(route.name) 503")
            #expect(mediaTypes(declared, 505) == ["text/html"], "\(route.name) 505")
            if !route.answersOversizeBody {
                #expect(mediaTypes(declared, 413).isSuperset(of: surfaceTypes), "\(route.name) 413")
            }
        }
    }

    /// The connection limit's answer is the transport's own JSON, whatever the surface.
    @Test func theConnectionLimitsAnswerIsTheTransportsJSON() throws {
        let logs = try #require(app.routes.first { $0.name == "GET /__admin/requests" })
        let schema = try responses(logs)["503"]?.objectValue?["content"]?.objectValue?["application/json"]
        #expect(schema?.serialized() == ##"{"schema":{"$ref":"#/components/schemas/TransportError"}}"##)
    }

    /// A status both the route and the transport answer keeps both descriptions and all their media types.
    @Test func aStatusTheRouteDeclaresTooIsMerged() throws {
        let events = try #require(app.routes.first { $0.name == "GET /__ui/logs/events" })
        let declared = try responses(events)
        #expect(mediaTypes(declared, 503) == ["text/html", "text/plain", "application/json"])
        let description = declared["503"]?.objectValue?["description"]?.stringValue ?? ""
        #expect(description.contains("--max-live-tails") && description.contains("open connections"))
    }

    /// What the application answers to a request the transport refused has a media type the document
    /// declares for that status on the route the request was for.
    @Test(arguments: [400, 414, 431, 501])
    func aRefusedRequestsAnswerHasADeclaredMediaType(_ status: Int) throws {
        let targets = [
            ("/client/v4/accounts/{account_id}/access/logs/scim/updates", "/client/v4/accounts/a/access/logs/scim/updates"),
            ("/scim/v2/Users", "/scim/v2/Users"), ("/__admin/requests", "/__admin/requests"), ("/__ui/logs", "/__ui/logs"),
        ]
        for (pattern, target) in targets {
            let route = try #require(app.routes.first { $0.method == "GET" && $0.pattern == pattern })
            var request = HTTPRequest(method: "GET", target: target)
            request.rejection = HTTPRequest.Rejection(status: status, reason: "refused by the transport")
            let answer = app.handle(request)
            #expect(answer.status == status)
            let media = String(answer.headers["Content-Type"]?.split(separator: ";").first ?? "")
            #expect(mediaTypes(try responses(route), status).contains(media), "\(target) \(status) \(media)")
        }
    }
}

/// What the store's state can answer is declared where it can happen: every SCIM operation can meet an
/// account being reset (503), the admin operations that write the database a full disk (507).
@Suite struct OpenAPIStoreStatusTests {
    @Test func scimOperationsDeclare503AndTheAdminWritesDeclare507() throws {
        let app = MockApplication(store: try makeStore(), journal: RequestJournal())
        let document = try #require(try JSONReader.parse(app.openAPIDocument.bytes).objectValue)
        var writes: [String] = []
        for route in app.routes {
            let operation = document["paths"]?.objectValue?[route.pattern]?.objectValue?[route.method.lowercased()]
            let responses = try #require(operation?.objectValue?["responses"]?.objectValue, "\(route.name)")
            let description = responses["503"]?.objectValue?["description"]?.stringValue ?? ""
            if route.surface == .scim {
                #expect(description.contains("being reset"), "\(route.name)")
                #expect(responses["503"]?.objectValue?["content"]?.objectValue?["application/scim+json"] != nil, "\(route.name)")
            }
            if responses["507"] != nil { writes.append(route.name) }
        }
        #expect(writes.sorted() == ["DELETE /__admin/accounts/{account_id}", "POST /__admin/fixtures", "POST /__admin/reset"])
    }
}
