import JSON
import SCIM
import Testing

@Suite struct FilterCaseExactTests {
    private let user = #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"AbC-123","externalId":"Okta-00uXYZ",
         "userName":"BJensen","displayName":"Babs Jensen","emails":[{"value":"BJensen@Example.com"}],
         "meta":{"version":"W/\"a330bc54f0671c9\""}}
        """#

    private let group = #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"g1","displayName":"Admins",
         "members":[{"value":"AbC-123","display":"Babs Jensen"}]}
        """#

    private func evaluate(_ filter: String, _ json: String, schema: SCIMSchema) throws -> Bool {
        let resource = try #require(try JSONReader.parse(json).objectValue)
        return try FilterParser.parse(filter).matches(resource, schema: schema)
    }

    @Test(arguments: [
        (#"id eq "AbC-123""#, true), (#"id eq "abc-123""#, false), (#"id sw "ABC""#, false),
        (#"externalId eq "okta-00uxyz""#, false), (#"externalId co "00uX""#, true),
        (#"schemas eq "URN:IETF:PARAMS:SCIM:SCHEMAS:CORE:2.0:USER""#, false),
        (#"meta.version eq "w/\"A330BC54F0671C9\"""#, false),
    ])
    func caseExactAttributesCompareExactly(filter: String, expected: Bool) throws {
        #expect(try evaluate(filter, user, schema: .user) == expected)
    }

    @Test(arguments: [
        (#"userName eq "bjensen""#, true), (#"displayName eq "BABS JENSEN""#, true),
        (#"emails.value eq "bjensen@example.COM""#, true), (#"emails eq "BJENSEN@EXAMPLE.COM""#, true),
        (#"userName sw "bj""#, true), (#"displayName ew "JENSEN""#, true), (#"userName gt "BA""#, true),
    ])
    func otherAttributesIgnoreCase(filter: String, expected: Bool) throws {
        #expect(try evaluate(filter, user, schema: .user) == expected)
    }

    @Test func memberValuesAreCaseExactButMemberDisplayIsNot() throws {
        #expect(try evaluate(#"members[value eq "AbC-123"]"#, group, schema: .group))
        #expect(try !evaluate(#"members[value eq "ABC-123"]"#, group, schema: .group))
        #expect(try !evaluate(#"members.value eq "abc-123""#, group, schema: .group))
        #expect(try evaluate(#"members[display eq "BABS JENSEN"]"#, group, schema: .group))
    }

    @Test func attributeNamesIgnoreCaseEvenForCaseExactAttributes() throws {
        #expect(try evaluate(#"ID eq "AbC-123" and EXTERNALID eq "Okta-00uXYZ""#, user, schema: .user))
    }
}
