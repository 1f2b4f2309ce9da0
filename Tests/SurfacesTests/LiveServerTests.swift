import Foundation
import HTTPServer
import JSON
import SCIM
import Services
import Store
import Surfaces
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The application behind the real libmicrohttpd transport on port 0: what an SDK sees on the wire.
@Suite(.serialized) struct LiveServerTests {
    private func get(_ url: String, headers: [String: String]) async throws -> (Int, [String: String], JSONObject) {
        var request = URLRequest(url: try #require(URL(string: url)))
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        let fields = http.allHeaderFields.reduce(into: [String: String]()) { $0["\($1.key)".lowercased()] = "\($1.value)" }
        let json = try #require(try JSONReader.parse([UInt8](data)).objectValue)
        return (http.statusCode, fields, json)
    }

    @Test func servesBothPrefixesOverHTTP() async throws {
        let app = MockApplication(store: try makeStore())
        var configuration = HTTPServer.Configuration()
        configuration.port = 0
        let server = HTTPServer(configuration: configuration, handler: app.handle)
        try server.start()
        defer { server.stop() }
        let auth = ["Authorization": "Bearer live"]
        for prefix in ["/client/v4", ""] {
            let (status, headers, json) = try await get(
                "\(server.url)\(prefix)/accounts/\(account)/access/identity_providers/\(okta)/scim/users?per_page=3",
                headers: auth)
            #expect(status == 200)
            #expect(headers["content-type"] == "application/json")
            #expect(json.result.count == 3)
            #expect(json.resultInfo.int("total_count") == 7)
        }
        let (status, _, json) = try await get("\(server.url)/accounts/\(account)/access/logs/scim/updates", headers: [:])
        #expect(status == 400)
        #expect(json.firstError?.int("code") == 9106)
    }
}
