import HTTPServer
import JSON
import Surfaces
import TestSupport
import Testing

/// IdPs send keys the schema does not define inside multi-valued complex values (beside `value` in a
/// group member or an email). Those are ignored, not refused; an unknown top-level attribute, or one
/// inside a single-valued complex attribute, is still `invalidValue`.
@Suite struct SCIMUnknownSubAttributeTests {
    static let john = "bd97ef8d-7986-43e3-9ee0-c25dda33e4b0"

    @Test func anUnknownKeyInAGroupMemberIsIgnoredOnCreateAndPatch() throws {
        let app = MockApplication(store: try makeStore())
        let created = try scim(
            app, "POST", "/scim/v2/Groups",
            #"{"schemas":["\#(groupURN)"],"displayName":"Extra","members":[{"value":"\#(Self.john)","operation":"add"}]}"#)
        #expect(created.status == 201, "\(created.json)")
        let member = created.json["members"]?.arrayValue?.first?.objectValue
        #expect(member?["value"]?.stringValue == Self.john && member?["operation"] == nil)
        let patched = try scim(
            app, "PATCH", "/scim/v2/Groups/\(created.id)",
            #"{"schemas":["\#(patchURN)"],"Operations":[{"op":"replace","path":"members","#
                + #""value":[{"value":"\#(Self.john)","source":"okta"}]}]}"#)
        #expect(patched.status == 200, "\(patched.json)")
        #expect(patched.json["members"]?.arrayValue?.first?.objectValue?["source"] == nil)
    }

    @Test func anUnknownKeyInAnEmailIsIgnored() throws {
        let app = MockApplication(store: try makeStore())
        let created = try scim(
            app, "POST", "/scim/v2/Users",
            #"{"schemas":["\#(userURN)"],"userName":"extra@example.com","#
                + #""emails":[{"value":"extra@example.com","primary":true,"verified":true}]}"#)
        #expect(created.status == 201, "\(created.json)")
        #expect(
            created.json["emails"]
                == .array([.object(JSONObject([("value", .string("extra@example.com")), ("primary", .bool(true))]))]))
    }

    @Test(arguments: [
        #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a@example.com","shoeSize":44}"#,
        #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a@example.com","name":{"nickname":"x"}}"#,
    ])
    func unknownAttributesElsewhereAreStillRefused(_ body: String) throws {
        let answer = try scim(MockApplication(store: try makeStore()), "POST", "/scim/v2/Users", body)
        #expect(answer.status == 400)
        #expect(answer.json["scimType"]?.stringValue == "invalidValue")
    }
}
