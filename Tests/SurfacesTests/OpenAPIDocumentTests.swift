import Foundation
import HTTPServer
import JSON
import Store
import Surfaces
import TestSupport
import Testing

/// The served document covers exactly the registered routes, every body it names is in the registry,
/// and every operation it documents is answered by a route.
@Suite struct OpenAPIDocumentTests {
    let app: MockApplication

    init() throws { app = MockApplication(store: try makeStore()) }

    private var document: JSONObject {
        get throws { try #require(try JSONReader.parse(app.openAPIDocument.bytes).objectValue) }
    }

    private func operations() throws -> [(method: String, path: String, operation: JSONObject)] {
        let paths = try #require(try document["paths"]?.objectValue)
        return paths.entries.flatMap { path, item in
            (item.objectValue?.entries ?? []).map {
                (method: $0.key.uppercased(), path: path, operation: $0.value.objectValue ?? JSONObject())
            }
        }
    }

    @Test func isServedAtAdminOpenAPIJSON() throws {
        let response = app.handle(HTTPRequest(method: "GET", target: "/__admin/openapi.json"))
        #expect(response.status == 200)
        #expect(response.headers["Content-Type"] == "application/json")
        #expect(response.body == app.openAPIDocument.bytes)
        #expect(try document["openapi"] == .string("3.1.0"))
    }

    @Test func documentsEveryRegisteredRouteAndNothingElse() throws {
        let documented = Set(try operations().map { "\($0.method) \($0.path)" })
        let registered = Set(app.routes.map(\.name))
        #expect(documented == registered)
        #expect(try operations().count == app.routes.count)
        #expect(registered.contains("GET /__admin/openapi.json"))
    }

    @Test func everyDocumentedOperationIsAnsweredByARoute() throws {
        for (method, path, _) in try operations() {
            let concrete = path.replacingOccurrences(of: #"\{[^}]+\}"#, with: "x", options: .regularExpression)
            let response = app.handle(HTTPRequest(method: method, target: concrete))
            let body = String(decoding: response.body, as: UTF8.self)
            #expect(response.status != 405, "\(method) \(path)")
            #expect(!body.contains("No route for the URI") && !body.contains("endpoint at"), "\(method) \(path): \(body)")
        }
    }

    @Test func everyBodyARouteNamesIsInTheRegistry() {
        #expect(OpenAPIDocument.unknownBodies(in: app.routes) == [])
    }

    @Test func aBodyMissingFromTheRegistryIsReported() {
        let route = Route(
            "GET", "/__admin/nowhere", surface: .admin, summary: "test", requestBody: "No such request",
            responses: [RouteResponse(200, "ok", body: "No such body"), RouteResponse(400, "bad", body: "AdminError")]
        ) { _ in HTTPResponse(status: 200) }
        #expect(OpenAPIDocument.unknownBodies(in: app.routes + [route]) == ["No such body", "No such request"])
    }

    @Test func textBodiesNeedOnlyARegistryEntry() {
        #expect(BodySchema.html.contentTypes == ["text/html"] && BodySchema.html.component == nil)
        #expect(BodySchema.eventStream.contentTypes == ["text/event-stream"] && BodySchema.eventStream.component == nil)
        let error = BodySchema.text("text/html", "text/plain")
        #expect(error.contentTypes == ["text/html", "text/plain"] && error.component == nil)
    }

    @Test func everyReferenceResolvesAndOperationIDsAreUnique() throws {
        let doc = try document
        let schemas = try #require(doc["components"]?.objectValue?["schemas"]?.objectValue)
        let text = String(decoding: app.openAPIDocument.bytes, as: UTF8.self)
        let refs = text.matches(of: /"#\/components\/schemas\/([A-Za-z0-9_.-]+)"/).map { String($0.output.1) }
        #expect(!refs.isEmpty)
        for ref in Set(refs) { #expect(schemas[ref] != nil, "\(ref)") }
        let ids = try operations().compactMap { $0.operation["operationId"]?.stringValue }
        #expect(ids.count == app.routes.count && Set(ids).count == ids.count)
    }

    @Test func everyPathTemplateNamesADeclaredPathParameter() throws {
        for (method, path, operation) in try operations() {
            let declared = (operation["parameters"]?.arrayValue ?? []).compactMap { p -> String? in
                p.objectValue?["in"] == .string("path") ? p.objectValue?["name"]?.stringValue : nil
            }
            let templated = path.matches(of: /\{([^}]+)\}/).map { String($0.output.1) }
            #expect(Set(declared) == Set(templated), "\(method) \(path)")
        }
    }

    @Test func eachSurfaceAsksForItsOwnCredentials() throws {
        func security(_ name: String, _ app: MockApplication) throws -> String {
            let document = try #require(try JSONReader.parse(app.openAPIDocument.bytes).objectValue)
            let item = document["paths"]?.objectValue?[name.split(separator: " ")[1].description]?.objectValue
            return item?[name.split(separator: " ")[0].lowercased()]?.objectValue?["security"]?.serialized() ?? "absent"
        }
        let logs = "GET /client/v4/accounts/{account_id}/access/logs/scim/updates"
        #expect(try security(logs, app) == #"[{"api_token":[]},{"api_email":[],"api_key":[]}]"#)
        #expect(try security("GET /scim/v2/Users", app) == #"[{"scim_secret":[]}]"#)
        #expect(try security("GET /__admin/health", app) == "[]")
        let guarded = MockApplication(store: try makeStore(), adminToken: "t0ken")
        let tokenOrSession = #"[{"admin_token":[]},{"dashboard_session":[]}]"#
        #expect(try security("GET /__admin/health", guarded) == tokenOrSession)
        #expect(try security("GET /__ui/logs", guarded) == tokenOrSession)
        #expect(try security("POST /__admin/reset", guarded) == #"[{"admin_token":[]}]"#)
        #expect(try security("GET /__ui/login", guarded) == "[]")
        #expect(try security("POST /__ui/login", guarded) == "[]")
        #expect(try security("GET /__ui/assets/dashboard.css", guarded) == "[]")
        #expect(!String(decoding: guarded.openAPIDocument.bytes, as: UTF8.self).contains("t0ken"))
    }

    @Test func scimResourceSchemasComeFromTheValidatedSchemas() throws {
        let schemas = try #require(try document["components"]?.objectValue?["schemas"]?.objectValue)
        let user = try #require(schemas["SCIMUser"]?.objectValue?["properties"]?.objectValue)
        #expect(user["userName"] != nil && user["emails"]?.objectValue?["type"] == .string("array"))
        #expect(user["password"] == nil)
        #expect(user["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"] != nil)
        let input = try #require(schemas["SCIMUserInput"]?.objectValue)
        #expect(input["required"] == .array([.string("schemas"), .string("userName")]))
        #expect(input["properties"]?.objectValue?["password"] != nil && input["properties"]?.objectValue?["id"] == nil)
    }
}
