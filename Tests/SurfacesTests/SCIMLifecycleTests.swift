import JSON
import SCIM
import Services
import Store
import Surfaces
import TestSupport
import Testing

/// Full IdP lifecycles as Okta and Entra ID drive them, read back through the Cloudflare API.
@Suite struct SCIMLifecycleTests {
    let app: MockApplication
    init() throws { app = MockApplication(store: try makeStore()) }

    @Test func oktaLifecycle() throws {
        let lookup = try scim(app, "GET", "/scim/v2/Users?filter=userName%20eq%20%22dana%40example.com%22&startIndex=1&count=100")
        #expect(lookup.status == 200)
        #expect(lookup.json["totalResults"] == .number("0"))
        #expect(lookup.json["Resources"] == .array([]))

        let created = try scim(
            app, "POST", "/scim/v2/Users",
            #"""
            {"schemas":["\#(userURN)"],"userName":"dana@example.com","name":{"givenName":"Dana","familyName":"Scully"},
             "emails":[{"primary":true,"value":"dana@example.com","type":"work"}],"displayName":"Dana Scully",
             "locale":"en-US","externalId":"00u1dana","groups":[],"password":"tempP@ss1","active":true}
            """#)
        #expect(created.status == 201)
        let id = created.id
        #expect(created.headers["Location"] == "http://127.0.0.1:4010/scim/v2/Users/\(id)")
        #expect(created.headers["ETag"] != nil)
        #expect(created.json["password"] == nil)

        let duplicate = try scim(app, "POST", "/scim/v2/Users", #"{"schemas":["\#(userURN)"],"userName":"DANA@example.com"}"#)
        #expect(duplicate.status == 409)
        #expect(duplicate.json["scimType"] == .string("uniqueness"))

        var echoed = created.json
        echoed["displayName"] = .string("Dana K. Scully")
        let put = try scim(app, "PUT", "/scim/v2/Users/\(id)", JSONValue.object(echoed).serialized())
        #expect(put.status == 200)
        #expect(put.json["displayName"] == .string("Dana K. Scully"))
        #expect(put.headers["ETag"] != created.headers["ETag"])

        let deactivated = try scim(
            app, "PATCH", "/scim/v2/Users/\(id)",
            #"{"schemas":["\#(patchURN)"],"Operations":[{"op":"replace","value":{"active":false}}]}"#)
        #expect(deactivated.status == 200)
        #expect(deactivated.json["active"] == .bool(false))

        let group = try scim(
            app, "POST", "/scim/v2/Groups", #"{"schemas":["\#(groupURN)"],"displayName":"Field Agents","members":[]}"#)
        #expect(group.status == 201)
        let gid = group.id
        let renamed = try scim(
            app, "PATCH", "/scim/v2/Groups/\(gid)",
            #"{"schemas":["\#(patchURN)"],"Operations":[{"op":"replace","value":{"id":"\#(gid)","displayName":"X-Files"}}]}"#)
        #expect(renamed.json["displayName"] == .string("X-Files"))
        let john = "bd97ef8d-7986-43e3-9ee0-c25dda33e4b0"
        let members = try scim(
            app, "PATCH", "/scim/v2/Groups/\(gid)",
            #"""
            {"schemas":["\#(patchURN)"],"Operations":[{"op":"remove","path":"members[value eq \"\#(john)\"]"},
             {"op":"add","path":"members","value":[{"value":"\#(id)","display":"dana@example.com"},{"value":"\#(john)"}]}]}
            """#)
        #expect(members.status == 200)
        #expect(members.json["members"]?.arrayValue?.count == 2)
        let user = try scim(app, "GET", "/scim/v2/Users/\(id)")
        #expect(user.json["groups"]?.arrayValue?.first?.objectValue?["value"] == .string(gid))

        #expect(try scim(app, "DELETE", "/scim/v2/Users/\(id)").status == 204)
        #expect(try scim(app, "DELETE", "/scim/v2/Users/\(id)").status == 404)

        let logs = try updateLogs(app)
        #expect(
            logs.map { $0.string("request_method") ?? "" } == [
                "POST", "POST", "PUT", "PATCH", "POST", "PATCH", "PATCH", "DELETE", "DELETE",
            ])
        #expect(
            logs.map { $0.string("status") ?? "" } == [
                "SUCCESS", "FAILURE", "SUCCESS", "SUCCESS", "SUCCESS", "SUCCESS", "SUCCESS", "SUCCESS", "FAILURE",
            ])
        #expect(logs[0].string("cf_resource_id") == id)
        #expect(logs[0].string("idp_resource_id") == "00u1dana")
        #expect(logs[0].string("resource_user_email") == "dana@example.com")
        #expect(logs[1].string("error_description")?.contains("already taken") == true)
        #expect(logs[5].string("resource_group_name") == "X-Files")
        #expect(logs[6].string("resource_type") == "GROUP")

        let cfGroups = try call(app, "/client/v4/accounts/\(account)/access/identity_providers/\(okta)/scim/groups?name=x-files")
            .json
        #expect(cfGroups.result.first?.string("id") == gid)
        let cfUsers = try call(
            app, "/client/v4/accounts/\(account)/access/identity_providers/\(okta)/scim/users?cf_resource_id=\(id)"
        ).json
        #expect(cfUsers.result.isEmpty)
    }

    @Test func entraLifecycle() throws {
        let base = "/populations/\(entra)/scim/v2"
        let secret = "entra-scim-secret"
        let created = try scim(
            app, "POST", "\(base)/Users",
            #"""
            {"schemas":["\#(userURN)","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],"externalId":"e-77",
             "userName":"fox@contoso.com","active":"True","displayName":"Fox Mulder","nickName":null,
             "emails":[{"primary":true,"type":"work","value":"fox@contoso.com"}],
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"department":"X"}}
            """#, secret: secret)
        #expect(created.status == 201)
        #expect(created.json["active"] == .bool(true))
        #expect(created.json["nickName"] == nil)
        let id = created.id

        let found = try scim(
            app, "GET", "\(base)/Users?filter=emails%5Btype%20eq%20%22work%22%5D.value%20eq%20%22FOX%40contoso.com%22",
            secret: secret)
        #expect(found.resources.map { $0["id"]?.stringValue } == [id])

        let patched = try scim(
            app, "PATCH", "\(base)/Users/\(id)",
            #"""
            {"schemas":["\#(patchURN)"],"Operations":[
              {"op":"Replace","path":"active","value":"False"},
              {"op":"Replace","value":{"name.givenName":"Fox","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"42"}},
              {"op":"Add","path":"emails[type eq \"work\"].value","value":"fox.mulder@contoso.com"}]}
            """#, secret: secret)
        #expect(patched.status == 200)
        #expect(patched.json["active"] == .bool(false))
        #expect(patched.json["name"]?.objectValue?["givenName"] == .string("Fox"))
        #expect(
            patched.json["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]?.objectValue?["employeeNumber"]
                == .string("42"))

        let group = try scim(
            app, "POST", "\(base)/Groups",
            #"{"schemas":["\#(groupURN)"],"displayName":"Basement","externalId":"g-1","members":[{"value":"\#(id)"}]}"#,
            secret: secret)
        #expect(group.status == 201)
        let slim = try scim(
            app, "GET", "\(base)/Groups?excludedAttributes=members&filter=displayName%20eq%20%22basement%22", secret: secret)
        #expect(slim.resources.count == 1)
        #expect(slim.resources.first?["members"] == nil)
        let removed = try scim(
            app, "PATCH", "\(base)/Groups/\(group.id)",
            #"{"schemas":["\#(patchURN)"],"Operations":[{"op":"Remove","path":"members","value":[{"value":"\#(id)"}]}]}"#,
            secret: secret)
        #expect(removed.status == 200)
        #expect(removed.json["members"] == nil)
        #expect(
            try scim(app, "POST", "\(base)/Groups", #"{"schemas":["\#(groupURN)"],"displayName":"BASEMENT"}"#, secret: secret)
                .status == 409)

        let logs = try updateLogs(app, idp: entra)
        #expect(logs.count == 5)
        #expect(logs.last?.string("status") == "FAILURE")
        #expect(logs[2].string("resource_group_name") == "Basement")
    }
}

@Suite struct SCIMMemberDisplayTests {
    @Test func aSentDisplayIsKeptAndAMissingOneIsTheUsersName() throws {
        let app = MockApplication(store: try makeStore())
        let john = "bd97ef8d-7986-43e3-9ee0-c25dda33e4b0"
        let jane = try #require(
            try scim(app, "GET", "/scim/v2/Users?filter=userName%20eq%20%22jane.doe%40example.com%22").resources.first?["id"]?
                .stringValue)
        let group = try scim(
            app, "POST", "/scim/v2/Groups",
            #"{"schemas":["\#(groupURN)"],"displayName":"D","members":[{"value":"\#(john)","display":"JS"},{"value":"\#(jane)"}]}"#
        )
        let displays = group.json["members"]?.arrayValue?.compactMap { $0.objectValue?["display"]?.stringValue }
        #expect(displays == ["JS", "Jane Doe"])
        let removed = try scim(
            app, "PATCH", "/scim/v2/Users/\(john)",
            #"{"schemas":["\#(patchURN)"],"Operations":[{"op":"remove","path":"active"}]}"#)
        #expect(removed.json["active"] == nil)
    }
}
