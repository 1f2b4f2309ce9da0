import SCIM
import Testing

@Suite struct PatchAtomicityTests {
    /// The engine throws instead of returning the half-applied resource, so a caller storing only
    /// returned values keeps the old resource.
    @Test func aLaterBadOperationFailsTheWholeRequest() {
        let error = PatchFixture.failure(
            PatchFixture.user,
            #"""
            [{"op":"replace","path":"title","value":"CTO"},
             {"op":"replace","path":"active","value":false},
             {"op":"replace","path":"id","value":"other"}]
            """#)
        #expect(error?.scimType == "mutability")
    }

    @Test func operationsSeeTheEffectsOfEarlierOnes() throws {
        let result = try PatchFixture.patch(
            PatchFixture.user,
            #"""
            [{"op":"add","path":"emails","value":[{"value":"h@x","type":"home"}]},
             {"op":"replace","path":"emails[type eq \"home\"].value","value":"h2@x"}]
            """#)
        #expect(result["emails"]?.arrayValue?.last == PatchFixture.value(#"{"value":"h2@x","type":"home"}"#))
    }

    @Test func leavesTheInputResourceUntouched() throws {
        let original = PatchFixture.user
        let request = try PatchRequest.parse(
            PatchFixture.body(#"[{"op":"replace","path":"title","value":"CTO"},{"op":"remove","path":"nope"}]"#))
        #expect(throws: SCIMError.self) { try PatchFixture.userEngine.apply(request, to: original) }
        #expect(original == PatchFixture.user)
    }
}
