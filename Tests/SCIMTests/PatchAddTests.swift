import SCIM
import Testing

@Suite struct PatchAddTests {
    private let enterprise = PatchFixture.enterpriseURN

    @Test func setsSingleValuedAttribute() throws {
        let result = try PatchFixture.patch(PatchFixture.user, #"[{"op":"add","path":"title","value":"CTO"}]"#)
        #expect(result["title"] == .string("CTO"))
    }

    @Test func setsSubAttributeCreatingTheParent() throws {
        var user = PatchFixture.user
        user["name"] = nil
        let result = try PatchFixture.patch(user, #"[{"op":"add","path":"name.middleName","value":"Q"}]"#)
        #expect(result.at("name") == PatchFixture.value(#"{"middleName":"Q"}"#))
    }

    @Test func appendsToMultiValuedWithoutDuplicates() throws {
        let result = try PatchFixture.patch(
            PatchFixture.group,
            #"""
            [{"op":"add","path":"members","value":[{"value":"u2"},{"value":"u3"}]},
             {"op":"add","path":"members","value":{"value":"u3","display":"Cy"}}]
            """#, engine: PatchFixture.groupEngine)
        #expect(result["members"] == PatchFixture.value(#"[{"value":"u1","display":"Ann"},{"value":"u2"},{"value":"u3"}]"#))
    }

    @Test func keepsEmailsOfDifferentTypesApart() throws {
        let result = try PatchFixture.patch(
            PatchFixture.user,
            #"""
            [{"op":"add","path":"emails","value":[{"value":"ANN@example.com","type":"work"},{"value":"ann@example.com","type":"home"}]}]
            """#)
        #expect(result["emails"]?.arrayValue?.count == 2)
    }

    @Test func addsURNQualifiedExtensionAttributeAndListsTheSchema() throws {
        let result = try PatchFixture.patch(
            PatchFixture.user,
            #"""
            [{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber","value":"42"}]
            """#)
        #expect(result.at(enterprise, "employeeNumber") == .string("42"))
        #expect(result["schemas"] == .array([.string(SCIMSchema.userURN), .string(enterprise)]))
    }

    @Test func setsSubAttributeOnMatchingElements() throws {
        let result = try PatchFixture.patch(
            PatchFixture.user, #"[{"op":"add","path":"emails[type eq \"WORK\"].value","value":"a@x.io"}]"#)
        #expect(result["emails"] == PatchFixture.value(#"[{"value":"a@x.io","type":"work","primary":true}]"#))
    }

    /// No element matches, so the filter's equality terms seed a new element.
    @Test func createsTheElementAFilterDescribesWhenNoneMatches() throws {
        let result = try PatchFixture.patch(
            PatchFixture.user, #"[{"op":"add","path":"phoneNumbers[type eq \"mobile\"].value","value":"+1 555"}]"#)
        #expect(result["phoneNumbers"] == PatchFixture.value(#"[{"type":"mobile","value":"+1 555"}]"#))
    }

    @Test func mergesObjectIntoMatchingElementsWithoutSubAttribute() throws {
        let result = try PatchFixture.patch(
            PatchFixture.user, #"[{"op":"add","path":"emails[type eq \"work\"]","value":{"display":"Work"}}]"#)
        #expect(
            result["emails"]
                == PatchFixture.value(#"[{"value":"ann@example.com","type":"work","primary":true,"display":"Work"}]"#))
    }

    @Test func appliesEachKeyOfANoPathValueAsAPath() throws {
        let result = try PatchFixture.patch(
            PatchFixture.user,
            #"""
            [{"op":"add","value":{"nickName":"A","name.middleName":"Q",
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department":"R&D",
              "emails[type eq \"home\"].value":"ann@home.example",
              "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"costCenter":"7"}}}]
            """#)
        #expect(result["nickName"] == .string("A"))
        #expect(result.at("name", "middleName") == .string("Q"))
        #expect(result.at("name", "givenName") == .string("Ann"))
        #expect(result.at(enterprise) == PatchFixture.value(#"{"department":"R&D","costCenter":"7"}"#))
        #expect(result["emails"]?.arrayValue?.last == PatchFixture.value(#"{"type":"home","value":"ann@home.example"}"#))
    }

    @Test func keepsExistingKeySpellingAndUsesCanonicalSpellingForNewKeys() throws {
        var user = PatchFixture.user
        user["displayname"] = .string("Old")
        let result = try PatchFixture.patch(
            user, #"[{"op":"add","path":"DISPLAYNAME","value":"New"},{"op":"add","path":"NICKNAME","value":"N"}]"#)
        #expect(result["displayname"] == .string("New"))
        #expect(result["displayName"] == nil)
        #expect(result["nickName"] == .string("N"))
    }

    @Test func storesOpaqueObjectsUnderUnknownURNKeys() throws {
        let result = try PatchFixture.patch(
            PatchFixture.user, #"[{"op":"add","value":{"urn:example:params:custom":{"badge":"7"}}}]"#)
        #expect(result.at("urn:example:params:custom", "badge") == .string("7"))
        #expect(result["schemas"]?.arrayValue?.last == .string("urn:example:params:custom"))
    }
}
