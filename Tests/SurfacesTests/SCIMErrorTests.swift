import HTTPServer
import JSON
import SCIM
import Services
import Store
import Surfaces
import TestSupport
import Testing

/// Each bad request gets its RFC 7644 answer, changes nothing, and leaves one FAILURE log row.
@Suite struct SCIMErrorTests {
    let app: MockApplication
    init() throws { app = MockApplication(store: try makeStore()) }
    let john = "bd97ef8d-7986-43e3-9ee0-c25dda33e4b0"

    private func failure(
        _ method: String, _ path: String, _ body: String?, status: Int, scimType: String?,
        headers: [(String, String)] = []
    ) throws -> JSONObject {
        let before = try updateLogs(app).count
        let answer = try scim(app, method, path, body, headers: headers)
        #expect(answer.status == status, "\(answer.json)")
        #expect(answer.json["status"] == .string(String(status)))
        #expect(answer.json["scimType"]?.stringValue == scimType)
        #expect(answer.json["detail"]?.stringValue?.isEmpty == false)
        let logs = try updateLogs(app)
        #expect(logs.count == before + 1)
        let log = try #require(logs.last)
        #expect(log.string("status") == "FAILURE")
        #expect(log.string("error_description") == answer.json["detail"]?.stringValue)
        return log
    }

    @Test func malformedJSONIsInvalidSyntaxAndTheRawBodyIsLogged() throws {
        let log = try failure("PUT", "/scim/v2/Users/\(john)", "{}}", status: 400, scimType: "invalidSyntax")
        #expect(log.string("request_body") == "{}}")
        #expect(log.string("cf_resource_id") == john)
        #expect(log.string("resource_user_email") == "john.smith@example.com")
    }

    @Test func missingUserNameIsInvalidValue() throws {
        _ = try failure(
            "POST", "/scim/v2/Users", #"{"schemas":["\#(userURN)"],"displayName":"x"}"#, status: 400, scimType: "invalidValue")
    }

    @Test func wrongSchemasIsInvalidValue() throws {
        _ = try failure(
            "POST", "/scim/v2/Users", #"{"schemas":["\#(groupURN)"],"userName":"x"}"#, status: 400, scimType: "invalidValue")
    }

    @Test func unknownMemberIsNamed() throws {
        let log = try failure(
            "POST", "/scim/v2/Groups", #"{"schemas":["\#(groupURN)"],"displayName":"G","members":[{"value":"ghost"}]}"#,
            status: 400, scimType: "invalidValue")
        #expect(log.string("error_description")?.contains("ghost") == true)
        #expect(try scim(app, "GET", "/scim/v2/Groups?filter=displayName%20eq%20%22G%22").resources.isEmpty)
    }

    @Test func unknownPathInPatchIsInvalidPath() throws {
        _ = try failure(
            "PATCH", "/scim/v2/Users/\(john)",
            #"{"schemas":["\#(patchURN)"],"Operations":[{"op":"replace","path":"shoeSize","value":1}]}"#,
            status: 400, scimType: "invalidPath")
    }

    @Test func readOnlyAttributeIsMutability() throws {
        _ = try failure(
            "PATCH", "/scim/v2/Users/\(john)",
            #"{"schemas":["\#(patchURN)"],"Operations":[{"op":"replace","path":"id","value":"other"}]}"#,
            status: 400, scimType: "mutability")
    }

    @Test func unknownIdIs404() throws {
        _ = try failure("DELETE", "/scim/v2/Groups/nope", nil, status: 404, scimType: nil)
    }

    @Test func staleIfMatchIs412() throws {
        _ = try failure(
            "PATCH", "/scim/v2/Users/\(john)",
            #"{"schemas":["\#(patchURN)"],"Operations":[{"op":"replace","path":"active","value":false}]}"#,
            status: 412, scimType: nil, headers: [("If-Match", "W/\"999\"")])
        #expect(try scim(app, "GET", "/scim/v2/Users/\(john)").json["active"] == .bool(true))
    }

    @Test func wrongContentTypeIs415() throws {
        _ = try failure(
            "POST", "/scim/v2/Users", "userName=x", status: 415, scimType: "invalidSyntax",
            headers: [("Content-Type", "text/plain")])
    }

    @Test func badFilterIsInvalidFilterAndNotLogged() throws {
        let answer = try scim(app, "GET", "/scim/v2/Users?filter=userName%20eqq%20%22x%22")
        #expect(answer.status == 400)
        #expect(answer.json["scimType"] == .string("invalidFilter"))
        #expect(try updateLogs(app).isEmpty)
    }

    @Test func ifNoneMatchGives304() throws {
        let user = try scim(app, "GET", "/scim/v2/Users/\(john)")
        let etag = try #require(user.headers["ETag"])
        #expect(try scim(app, "GET", "/scim/v2/Users/\(john)", headers: [("If-None-Match", etag)]).status == 304)
    }

    @Test func oversizeBodyIs413AndLogged() throws {
        var request = HTTPRequest(
            method: "POST", target: "/scim/v2/Users",
            headers: HTTPHeaders([("Authorization", "Bearer okta-scim-secret")]))
        request.bodyLimitExceeded = 1024
        let response = app.handle(request)
        #expect(response.status == 413)
        let json = try #require(try JSONReader.parse(response.body).objectValue)
        #expect(json["status"] == .string("413"))
        #expect(try updateLogs(app).last?.string("status") == "FAILURE")
    }
}
