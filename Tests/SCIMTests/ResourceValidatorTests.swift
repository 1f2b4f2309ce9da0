import JSON
import SCIM
import Testing

@Suite struct ResourceValidatorTests {
    let users = ResourceValidator(schema: .user, extensions: [.enterpriseUser])

    private func object(_ text: String) throws -> JSONObject {
        try #require(try JSONReader.parse(text).objectValue)
    }

    @Test func acceptsAnIdPStyleUser() throws {
        try users.validate(
            try object(
                #"""
                {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"a@b.c","name":{"givenName":"A"},
                 "emails":[{"value":"a@b.c","primary":true}],"active":true,"password":"x",
                 "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":{"value":"m"}},
                 "urn:example:custom":{"anything":1}}
                """#))
    }

    @Test(arguments: [
        (#"{"displayName":"x"}"#, "userName", "required attribute is missing"),
        (#"{"userName":"a","active":"yes"}"#, "active", "expected a boolean, found string"),
        (#"{"userName":"a","emails":{"value":"x"}}"#, "emails", "expected an array, found object"),
        (#"{"userName":"a","emails":[{"primary":"true"}]}"#, "emails[0].primary", "expected a boolean, found string"),
        (#"{"userName":"a","nmae":{}}"#, "nmae", "unknown attribute for schema User"),
        (#"{"userName":"a","name":{"first":"x"}}"#, "name.first", "unknown attribute"),
        (#"{"userName":"a","meta":{"created":"soon"}}"#, "meta.created", "expected an RFC 3339 date-time, found \"soon\""),
        (#"{"userName":"a","urn:x":1}"#, "urn:x", "expected an object for schema extension, found number"),
    ])
    func reportsThePathOfTheProblem(json: String, path: String, reason: String) throws {
        let issue = #expect(throws: ValidationIssue.self) { try users.validate(try object(json)) }
        #expect(issue == ValidationIssue(path: path, reason: reason))
    }

    @Test func groupNeedsDisplayName() throws {
        let issue = #expect(throws: ValidationIssue.self) {
            try ResourceValidator(schema: .group).validate(try object(#"{"members":[]}"#))
        }
        #expect(issue?.path == "displayName")
    }
}
