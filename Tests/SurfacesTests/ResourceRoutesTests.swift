import JSON
import SCIM
import Services
import Store
import Surfaces
import TestSupport
import Testing

@Suite struct ResourceRoutesTests {
    let app: MockApplication
    init() throws { app = MockApplication(store: try makeStore()) }

    private func users(_ query: String = "", idp: String = okta) throws -> (status: Int, json: JSONObject) {
        try call(app, "/client/v4/accounts/\(account)/access/identity_providers/\(idp)/scim/users?\(query)")
    }

    private func groups(_ query: String = "") throws -> (status: Int, json: JSONObject) {
        try call(app, "/accounts/\(account)/access/identity_providers/\(okta)/scim/groups?\(query)")
    }

    @Test func listsUsersInFixtureOrderWithSCIMShape() throws {
        let json = try users().json
        #expect(json.resultInfo.int("per_page") == 100)
        #expect(json.resultInfo.int("total_count") == 7)
        let first = try #require(json.result.first)
        #expect(first.string("id") == "bd97ef8d-7986-43e3-9ee0-c25dda33e4b0")
        #expect(first.string("displayName") == "John Smith")
        #expect(first.string("externalId") == "john_smith")
        #expect(first["meta"]?.objectValue?.string("created") == "2025-01-01T00:00:00Z")
        #expect(first["schemas"] == .array([.string(SCIMSchema.userURN)]))
    }

    @Test func paginatesUsers() throws {
        let page2 = try users("per_page=3&page=2").json
        #expect(page2.result.count == 3)
        #expect(page2.resultInfo.int("total_pages") == 3)
        #expect(try users("per_page=3&page=4").json["result"] == .array([]))
        #expect(try users("per_page=101").status == 400)
    }

    @Test func userFiltersMatchAndCombine() throws {
        #expect(try users("username=JANE.DOE@example.com").json.result.map { $0.string("externalId") } == ["jane_doe"])
        #expect(try users("email=grace.hopper%40EXAMPLE.com").json.result.count == 1)
        #expect(try users("name=alan%20turing").json.result.count == 1)
        #expect(try users("idp_resource_id=john_smith&idp_resource_id=jane_doe").json.result.count == 2)
        #expect(try users("cf_resource_id=bd97ef8d-7986-43e3-9ee0-c25dda33e4b0").json.result.count == 1)
        #expect(try users("idp_resource_id=john_smith&username=jane.doe@example.com").json.result.count == 0)
        #expect(
            try users(
                "idp_resource_id=john_smith&username=john.smith@example.com&email=john.smith@example.com&name=John%20Smith&cf_resource_id=bd97ef8d-7986-43e3-9ee0-c25dda33e4b0"
            ).json.result.count == 1)
    }

    @Test func moreThan50IdsIs400() throws {
        let ids = (0...50).map { "cf_resource_id=\($0)" }.joined(separator: "&")
        let (status, json) = try users(ids)
        #expect(status == 400)
        #expect(json.firstError?.string("message")?.contains("cf_resource_id") == true)
    }

    @Test func idpNotInTheAccountIs404NamingIt() throws {
        let (status, json) = try users(idp: "00000000-0000-0000-0000-000000000000")
        #expect(status == 404)
        #expect(json.firstError?.string("message")?.contains("00000000-0000-0000-0000-000000000000") == true)
        let wrongAccount = try call(app, "/accounts/someoneelse/access/identity_providers/\(okta)/scim/users")
        #expect(wrongAccount.status == 404)
    }

    @Test func idpIdOver36CharactersIs400() throws {
        #expect(try users(idp: String(repeating: "f", count: 37)).status == 400)
    }

    @Test func listsAndFiltersGroups() throws {
        let all = try groups().json
        #expect(all.result.map { $0.string("displayName") } == ["ALL EMPLOYEES", "Engineering", "Contractors"])
        #expect(all.result.first?["members"] == nil)
        #expect(try groups("name=all%20employees").json.result.count == 1)
        #expect(try groups("idp_resource_id=engineering").json.result.count == 1)
        #expect(try groups("cf_resource_id=a2abeb50-59c9-4c01-8c5c-963d3bf5700f&name=Engineering").json.result.count == 0)
    }
}
