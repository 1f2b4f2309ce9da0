import SCIM
import Testing

/// Whole request bodies in the shapes real IdPs send.
@Suite struct PatchIdPShapeTests {
    @Test func oktaDeactivatesWithNoPathReplace() throws {
        let result = try PatchFixture.patch(PatchFixture.user, #"[{"op":"replace","value":{"active":false}}]"#)
        #expect(result["active"] == .bool(false))
    }

    @Test func oktaRenamesAGroupEchoingItsReadOnlyValues() throws {
        let result = try PatchFixture.patch(
            PatchFixture.group,
            #"""
            [{"op":"replace","value":{"id":"g1","displayName":"Platform",
              "schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],
              "meta":{"lastModified":"2024-01-01T00:00:00Z","created":"2024-01-01T00:00:00Z","resourceType":"Group"}}}]
            """#, engine: PatchFixture.groupEngine)
        var expected = PatchFixture.group
        expected["displayName"] = .string("Platform")
        #expect(result == expected)
    }

    @Test func oktaEchoOfAnEmptyGroupsListIsIgnored() throws {
        let result = try PatchFixture.patch(
            PatchFixture.user, #"[{"op":"replace","value":{"id":"u1","groups":[],"title":"CTO"}}]"#)
        #expect(result["groups"] == nil)
        #expect(result["title"] == .string("CTO"))
    }

    @Test func oktaRemovesThenAddsMembers() throws {
        let result = try PatchFixture.patch(
            PatchFixture.group,
            #"""
            [{"op":"remove","path":"members[value eq \"u1\"]"},
             {"op":"add","path":"members","value":[{"value":"u3","display":"Cy"}]}]
            """#, engine: PatchFixture.groupEngine)
        #expect(result["members"] == PatchFixture.value(#"[{"value":"u2"},{"value":"u3","display":"Cy"}]"#))
    }

    @Test func entraUserUpdate() throws {
        let result = try PatchFixture.patch(
            PatchFixture.user,
            #"""
            [{"op":"Replace","path":"active","value":"False"},
             {"op":"Replace","value":{"name.givenName":"Anne","urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber":"700"}},
             {"op":"Replace","path":"emails[type eq \"work\"].value","value":"anne@example.com"},
             {"op":"Add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager","value":[{"value":"u9"}]}]
            """#)
        #expect(result["active"] == .bool(false))
        #expect(result.at("name", "givenName") == .string("Anne"))
        #expect(result.at("emails") == PatchFixture.value(#"[{"value":"anne@example.com","type":"work","primary":true}]"#))
        #expect(
            result.at(PatchFixture.enterpriseURN) == PatchFixture.value(#"{"employeeNumber":"700","manager":{"value":"u9"}}"#))
        #expect(result["schemas"]?.arrayValue?.contains(.string(PatchFixture.enterpriseURN)) == true)
    }

    @Test func entraAddsAndRemovesMembersWithExtraMembersOnOperations() throws {
        let result = try PatchFixture.patch(
            PatchFixture.group,
            #"""
            [{"op":"Add","path":"members","value":[{"value":"u5"}],"name":"addMember"},
             {"op":"Remove","path":"members","value":[{"value":"u1"}],"name":"removeMember"}]
            """#, engine: PatchFixture.groupEngine)
        #expect(result["members"] == PatchFixture.value(#"[{"value":"u2"},{"value":"u5"}]"#))
    }

    @Test func oneLoginRemovesMembersByValueArrayAndSendsEmptyStrings() throws {
        let group = try PatchFixture.patch(
            PatchFixture.group, #"[{"op":"remove","path":"members","value":[{"value":"u1"},{"value":"u2"}]}]"#,
            engine: PatchFixture.groupEngine)
        #expect(group["members"] == nil)
        let user = try PatchFixture.patch(PatchFixture.user, #"[{"op":"replace","value":{"title":"","nickName":""}}]"#)
        #expect(user["title"] == .string(""))
        #expect(user["nickName"] == .string(""))
    }

    @Test func appliesSeveralMemberChangesInOrder() throws {
        let result = try PatchFixture.patch(
            PatchFixture.group,
            #"""
            [{"op":"add","path":"members","value":[{"value":"u3"},{"value":"u4"}]},
             {"op":"remove","path":"members[value eq \"u2\"]"},
             {"op":"add","path":"members","value":[{"value":"u2"}]},
             {"op":"remove","path":"members","value":[{"value":"u3"}]},
             {"op":"add","path":"members","value":[{"value":"u1"}]}]
            """#, engine: PatchFixture.groupEngine)
        let ids = result["members"]?.arrayValue?.compactMap { $0.objectValue?["value"]?.stringValue }
        #expect(ids == ["u1", "u4", "u2"])
    }
}
