import SCIM
import Testing

@Suite struct FilterPatchPathTests {
    private let enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

    @Test func parsesPlainAndDottedAttributes() throws {
        #expect(try FilterParser.parsePatchPath("members") == PatchPath(attribute: AttributePath(attribute: "members")))
        let dotted = try FilterParser.parsePatchPath("name.familyName")
        #expect(dotted == PatchPath(attribute: AttributePath(attribute: "name", subAttribute: "familyName")))
        #expect(dotted.subAttribute == nil)
        #expect(dotted.filter == nil)
    }

    @Test func parsesValuePathWithAndWithoutSubAttribute() throws {
        let work = SCIMFilter.compare(AttributePath(attribute: "type"), .eq, .string("work"))
        #expect(
            try FilterParser.parsePatchPath(#"emails[type eq "work"].value"#)
                == PatchPath(attribute: AttributePath(attribute: "emails"), filter: work, subAttribute: "value"))
        #expect(
            try FilterParser.parsePatchPath(#"members[value eq "2819c223"]"#)
                == PatchPath(
                    attribute: AttributePath(attribute: "members"),
                    filter: .compare(AttributePath(attribute: "value"), .eq, .string("2819c223"))))
        #expect(
            try FilterParser.parsePatchPath(#" addresses[type eq "work" and primary eq true].streetAddress "#).subAttribute
                == "streetAddress")
    }

    @Test func parsesURNQualifiedPaths() throws {
        #expect(
            try FilterParser.parsePatchPath("\(enterprise):employeeNumber")
                == PatchPath(attribute: AttributePath(schemaURN: enterprise, attribute: "employeeNumber")))
        #expect(
            try FilterParser.parsePatchPath("\(enterprise):manager.value")
                == PatchPath(attribute: AttributePath(schemaURN: enterprise, attribute: "manager", subAttribute: "value")))
        #expect(
            try FilterParser.parsePatchPath(#"urn:ietf:params:scim:schemas:core:2.0:User:emails[type eq "work"]"#).attribute
                == AttributePath(schemaURN: SCIMSchema.userURN, attribute: "emails"))
    }

    @Test func keepsBracketCharactersInsideStrings() throws {
        let path = try FilterParser.parsePatchPath(#"members[display eq "a]b[c"]"#)
        #expect(path.filter == .compare(AttributePath(attribute: "display"), .eq, .string("a]b[c")))
        #expect(path.subAttribute == nil)
    }

    @Test(arguments: [
        ("", "invalidPath", "empty attribute path"),
        ("name.givenName.x", "invalidPath", "at most one '.'"),
        ("1emails", "invalidPath", "'1emails' is not an attribute name"),
        (#"name.givenName[value eq "x"]"#, "invalidPath", "must follow a multi-valued attribute"),
        (#"emails[type eq "work"].value eq "x""#, "invalidPath", "expected end of path or '.subAttribute' after ']'"),
        (#"emails[type eq "work"]value"#, "invalidPath", "found 'value'"),
        (#"emails[type eq "work"].1x"#, "invalidPath", "found '.1x'"),
        (#"emails[type eqq "work"]"#, "invalidFilter", "unknown operator 'eqq' at position 13"),
        (#"emails[type eq "work""#, "invalidFilter", "expected ']'"),
        ("emails[]", "invalidFilter", "unexpected token ']' at position 8"),
    ])
    func rejectsBadPaths(path: String, scimType: String, fragment: String) {
        let error = #expect(throws: SCIMError.self) { try FilterParser.parsePatchPath(path) }
        #expect(error?.scimType == scimType)
        #expect(error?.detail.contains(fragment) == true, "\(String(describing: error?.detail))")
    }
}
