import SCIM
import Testing

@Suite struct FilterIndexTests {
    private let indexed = ["userName", "externalId", "displayName", "id"]

    @Test(arguments: [
        (#"userName eq "BJensen""#, "userName", "BJensen"),
        (#"USERNAME EQ "bjensen@example.com""#, "userName", "bjensen@example.com"),
        (#"(externalId eq "00u1abcd")"#, "externalId", "00u1abcd"),
        (#"id eq "2819c223""#, "id", "2819c223"),
        (#"displayName eq "Engineering""#, "displayName", "Engineering"),
        (#"urn:ietf:params:scim:schemas:core:2.0:User:userName eq "x""#, "userName", "x"),
    ])
    func recognisesSingleEquality(filter: String, attribute: String, value: String) throws {
        let result = try #require(try FilterParser.parse(filter).indexableEquality(among: indexed))
        #expect(result.attribute == attribute)
        #expect(result.value == value)
    }

    @Test(arguments: [
        #"userName ne "x""#, #"userName co "x""#, "userName eq 1", "userName eq null", "userName eq true",
        #"name.givenName eq "x""#, #"userName.value eq "x""#, #"title eq "x""#, #"userName eq "x" and active eq true"#,
        #"userName eq "x" or userName eq "y""#, #"not (userName eq "x")"#, "userName pr",
        #"emails[value eq "x"]"#, #"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:userName eq "x""#,
    ])
    func declinesEverythingElse(filter: String) throws {
        #expect(try FilterParser.parse(filter).indexableEquality(among: indexed) == nil)
    }

    @Test func schemaURNNarrowsTheAcceptedQualifier() throws {
        let groupQualified = try FilterParser.parse(#"urn:ietf:params:scim:schemas:core:2.0:Group:displayName eq "Admins""#)
        #expect(groupQualified.indexableEquality(among: indexed, schemaURN: SCIMSchema.userURN) == nil)
        #expect(groupQualified.indexableEquality(among: indexed, schemaURN: SCIMSchema.groupURN)?.value == "Admins")
        #expect(groupQualified.indexableEquality(among: indexed)?.attribute == "displayName")
    }
}
