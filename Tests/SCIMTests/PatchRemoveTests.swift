import SCIM
import Testing

@Suite struct PatchRemoveTests {
    @Test func removesSimpleAttribute() throws {
        let result = try PatchFixture.patch(PatchFixture.user, #"[{"op":"remove","path":"ACTIVE"}]"#)
        #expect(result["active"] == nil)
        #expect(result["userName"] != nil)
    }

    @Test func removesSubAttributeAndAnEmptiedParent() throws {
        let once = try PatchFixture.patch(PatchFixture.user, #"[{"op":"remove","path":"name.givenName"}]"#)
        #expect(once.at("name") == PatchFixture.value(#"{"familyName":"Lee"}"#))
        let twice = try PatchFixture.patch(once, #"[{"op":"remove","path":"name.familyName"}]"#)
        #expect(twice["name"] == nil)
    }

    @Test func removesExtensionAttributeAndTheEmptiedExtension() throws {
        let added = try PatchFixture.patch(
            PatchFixture.user,
            #"[{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:division","value":"EU"}]"#)
        let result = try PatchFixture.patch(
            added, #"[{"op":"remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:division"}]"#)
        #expect(result[PatchFixture.enterpriseURN] == nil)
        #expect(result["schemas"] == .array([.string(SCIMSchema.userURN)]))
    }

    @Test func removesAWholeExtensionByItsURN() throws {
        let added = try PatchFixture.patch(
            PatchFixture.user,
            #"[{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User","value":{"division":"EU"}}]"#)
        #expect(added.at(PatchFixture.enterpriseURN, "division") == .string("EU"))
        let result = try PatchFixture.patch(
            added, #"[{"op":"remove","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"}]"#)
        #expect(result == PatchFixture.user)
    }

    @Test func removesMatchingElements() throws {
        let result = try PatchFixture.patch(
            PatchFixture.group, #"[{"op":"remove","path":"members[value eq \"u1\"]"}]"#, engine: PatchFixture.groupEngine)
        #expect(result["members"] == PatchFixture.value(#"[{"value":"u2"}]"#))
    }

    @Test func removesSubAttributeOfMatchingElements() throws {
        let result = try PatchFixture.patch(PatchFixture.user, #"[{"op":"remove","path":"emails[type eq \"work\"].primary"}]"#)
        #expect(result["emails"] == PatchFixture.value(#"[{"value":"ann@example.com","type":"work"}]"#))
    }

    @Test func removesTheAttributeWhenItsLastElementGoes() throws {
        let result = try PatchFixture.patch(
            PatchFixture.user, #"[{"op":"remove","path":"emails[value eq \"ANN@example.com\"]"}]"#)
        #expect(result["emails"] == nil)
    }

    @Test func removesWholeMultiValuedAttribute() throws {
        let result = try PatchFixture.patch(
            PatchFixture.group, #"[{"op":"remove","path":"members"}]"#, engine: PatchFixture.groupEngine)
        #expect(result["members"] == nil)
    }

    @Test func removesOnlyTheListedValues() throws {
        let result = try PatchFixture.patch(
            PatchFixture.group, #"[{"op":"remove","path":"members","value":[{"value":"u2"},{"value":"u7"}]}]"#,
            engine: PatchFixture.groupEngine)
        #expect(result["members"] == PatchFixture.value(#"[{"value":"u1","display":"Ann"}]"#))
    }

    /// members.value is caseExact, so a differently cased id is another member.
    @Test func matchesMemberIdsCaseExactly() throws {
        let result = try PatchFixture.patch(
            PatchFixture.group, #"[{"op":"remove","path":"members","value":[{"value":"U2"}]}]"#, engine: PatchFixture.groupEngine)
        #expect(result == PatchFixture.group)
    }

    @Test func removingSomethingAbsentIsNotAnError() throws {
        let result = try PatchFixture.patch(
            PatchFixture.group,
            #"""
            [{"op":"remove","path":"externalId"},{"op":"remove","path":"members[value eq \"nobody\"]"},
             {"op":"remove","path":"members","value":[{"value":"nobody"}]}]
            """#, engine: PatchFixture.groupEngine)
        #expect(result == PatchFixture.group)
    }
}
