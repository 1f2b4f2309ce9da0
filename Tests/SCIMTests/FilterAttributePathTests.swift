import SCIM
import Testing

@Suite struct FilterAttributePathTests {
    @Test(arguments: [
        ("userName", AttributePath(attribute: "userName")),
        ("name.givenName", AttributePath(attribute: "name", subAttribute: "givenName")),
        ("members.$ref", AttributePath(attribute: "members", subAttribute: "$ref")),
        (
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber",
            AttributePath(schemaURN: SCIMSchema.enterpriseUserURN, attribute: "employeeNumber")
        ),
        (
            "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value",
            AttributePath(schemaURN: SCIMSchema.enterpriseUserURN, attribute: "manager", subAttribute: "value")
        ),
        (
            "URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER:userName",
            AttributePath(schemaURN: "URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER", attribute: "userName")
        ),
        (
            "urn:acme:scim:2.0:Badge:badge.id",
            AttributePath(schemaURN: "urn:acme:scim:2.0:Badge", attribute: "badge", subAttribute: "id")
        ),
    ])
    func parsesPathsAndPrintsThemBack(text: String, expected: AttributePath) throws {
        let path = try AttributePath.parse(text)
        #expect(path == expected)
        #expect(path.description == text)
    }

    @Test(arguments: [
        ("", "empty attribute path"),
        ("name.", "'' is not an attribute name"),
        (".value", "'' is not an attribute name"),
        ("a.b.c", "at most one '.'"),
        ("user name", "'user name' is not an attribute name"),
        ("urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:", "names a schema but no attribute"),
        ("$id", "'$id' is not an attribute name"),
    ])
    func rejectsBadPathsAsInvalidPath(text: String, fragment: String) {
        let error = #expect(throws: SCIMError.self) { try AttributePath.parse(text) }
        #expect(error?.scimType == "invalidPath")
        #expect(error?.detail.contains(fragment) == true, "\(String(describing: error?.detail))")
    }
}
