import SCIM
import Testing

@Suite struct PatchErrorTests {
    @Test func removeWithoutPathIsNoTarget() {
        let error = PatchFixture.failure(PatchFixture.user, #"[{"op":"remove"}]"#)
        #expect(error == .noTarget("remove requires a path"))
    }

    @Test func replaceWhoseFilterMatchesNothingIsNoTarget() {
        let error = PatchFixture.failure(
            PatchFixture.user, #"[{"op":"replace","path":"emails[type eq \"home\"].value","value":"x"}]"#)
        #expect(error?.scimType == "noTarget")
    }

    @Test func addWhoseFilterCannotDescribeAnElementIsNoTarget() {
        let error = PatchFixture.failure(
            PatchFixture.user, #"[{"op":"add","path":"emails[type ne \"work\"].value","value":"x"}]"#)
        #expect(error?.scimType == "noTarget")
    }

    @Test(arguments: [
        (#"[{"op":"add","path":"favouriteColour","value":"red"}]"#, "favouriteColour"),
        (#"[{"op":"add","value":{"favouriteColour":"red"}}]"#, "favouriteColour"),
        (#"[{"op":"add","path":"name.nickname","value":"x"}]"#, "name.nickname"),
        (#"[{"op":"add","path":"name","value":{"givenName":"x","colour":"red"}}]"#, "name.colour"),
        (#"[{"op":"add","path":"urn:example:ext:2.0:User:badge","value":"x"}]"#, "urn:example:ext:2.0:User"),
        (#"[{"op":"add","path":"userName[type eq \"x\"]","value":"x"}]"#, "userName"),
        (#"[{"op":"add","path":"emails[type eq ","value":"x"}]"#, "emails[type eq "),
        (#"[{"op":"add","path":"name..givenName","value":"x"}]"#, "name..givenName"),
    ])
    func unknownAttributesAndBadPathsAreInvalidPath(operations: String, named: String) {
        let error = PatchFixture.failure(PatchFixture.user, operations)
        #expect(error?.scimType == "invalidPath")
        #expect(error?.detail.contains(named) == true, "\(String(describing: error))")
    }

    /// IdPs put keys of their own beside `value` in elements of multi-valued attributes: ignored, not refused.
    @Test func anUnknownKeyInAMultiValuedElementIsIgnored() throws {
        let patched = try PatchFixture.patch(
            PatchFixture.user, #"[{"op":"add","path":"emails","value":{"value":"x@example.com","colour":"red"}}]"#)
        let emails = patched["emails"]?.arrayValue?.compactMap(\.objectValue) ?? []
        #expect(emails.contains { $0["value"] == .string("x@example.com") && $0["colour"] == nil })
    }

    @Test func groupPathsAreCheckedAgainstTheGroupSchema() {
        let error = PatchFixture.failure(
            PatchFixture.group, #"[{"op":"add","path":"userName","value":"x"}]"#, engine: PatchFixture.groupEngine)
        #expect(error?.scimType == "invalidPath")
    }

    @Test(arguments: [
        (#"[{"op":"replace","path":"userName","value":{"v":1}}]"#, "userName"),
        (#"[{"op":"replace","path":"active","value":1}]"#, "active"),
        (#"[{"op":"replace","path":"active","value":"yes"}]"#, "active"),
        (#"[{"op":"replace","value":{"name.givenName":true}}]"#, "name.givenName"),
        (#"[{"op":"add","path":"emails","value":["a@x"]}]"#, "emails"),
        (#"[{"op":"add","path":"emails[type eq \"work\"].primary","value":"maybe"}]"#, "emails.primary"),
        (#"[{"op":"add","path":"name","value":"Ann"}]"#, "name"),
        (#"[{"op":"replace","value":"Ann"}]"#, "without a path"),
        (#"[{"op":"add","path":"schemas","value":"urn:x"}]"#, "schemas"),
    ])
    func wrongJSONTypesAreInvalidValue(operations: String, named: String) {
        let error = PatchFixture.failure(PatchFixture.user, operations)
        #expect(error?.scimType == "invalidValue")
        #expect(error?.detail.contains(named) == true, "\(String(describing: error))")
    }

    @Test(arguments: [
        (#"[{"op":"replace","value":{"id":"u2"}}]"#, "id"),
        (#"[{"op":"replace","path":"id","value":"u2"}]"#, "id"),
        (#"[{"op":"remove","path":"id"}]"#, "id"),
        (#"[{"op":"replace","value":{"meta":{"resourceType":"Group"}}}]"#, "meta"),
        (#"[{"op":"add","path":"meta.created","value":"2024-01-01T00:00:00Z"}]"#, "meta"),
        (#"[{"op":"add","path":"groups","value":[{"value":"g1"}]}]"#, "groups"),
        (
            #"[{"op":"add","path":"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName","value":"Bo"}]"#,
            "manager.displayName"
        ),
        (#"[{"op":"remove","path":"schemas"}]"#, "schemas"),
    ])
    func writesToReadOnlyAttributesAreMutability(operations: String, named: String) {
        let error = PatchFixture.failure(PatchFixture.user, operations)
        #expect(error?.scimType == "mutability")
        #expect(error?.detail.contains(named) == true, "\(String(describing: error))")
    }
}
