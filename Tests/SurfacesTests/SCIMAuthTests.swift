import SCIM
import Services
import Store
import Surfaces
import TestSupport
import Testing

@Suite struct SCIMAuthTests {
    let app: MockApplication
    init() throws { app = MockApplication(store: try makeStore()) }

    @Test(arguments: [nil, "wrong-secret"])
    func badSecretIs401WithChallengeAndSCIMError(secret: String?) throws {
        let answer = try scim(app, "GET", "/scim/v2/Users", secret: secret)
        #expect(answer.status == 401)
        #expect(answer.headers["WWW-Authenticate"]?.hasPrefix("Bearer") == true)
        #expect(answer.headers["Content-Type"] == "application/scim+json")
        #expect(answer.json["schemas"] == .array([.string("urn:ietf:params:scim:api:messages:2.0:Error")]))
        #expect(answer.json["status"] == .string("401"))
    }

    @Test func anotherIdPsSecretOnAPopulationPathIs401() throws {
        let answer = try scim(app, "GET", "/populations/\(okta)/scim/v2/Users", secret: "entra-scim-secret")
        #expect(answer.status == 401)
        #expect(try scim(app, "GET", "/populations/\(entra)/scim/v2/Users", secret: "entra-scim-secret").status == 200)
    }

    @Test func theSecretChoosesTheIdPOnTheSharedPath() throws {
        #expect(try scim(app, "GET", "/scim/v2/Users").json["totalResults"] == .number("7"))
        #expect(try scim(app, "GET", "/scim/v2/Users", secret: "entra-scim-secret").json["totalResults"] == .number("5"))
    }

    @Test func rejectedWriteOnAPopulationPathIsLogged() throws {
        let answer = try scim(app, "POST", "/populations/\(okta)/scim/v2/Users", #"{"userName":"x"}"#, secret: "nope")
        #expect(answer.status == 401)
        let log = try #require(try updateLogs(app).last)
        #expect(log.string("status") == "FAILURE")
        #expect(log.string("request_body") == #"{"userName":"x"}"#)
    }
}
