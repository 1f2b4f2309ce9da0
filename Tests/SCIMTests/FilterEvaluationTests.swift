import JSON
import SCIM
import Testing

@Suite struct FilterEvaluationTests {
    /// An Okta-style user: work and home emails, the enterprise extension, a custom extension with a
    /// number, server-set `meta`, an empty nickName and no title.
    static let oktaUser = #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "id":"2819c223-7f76-453a-919d-413861904646","externalId":"00u1abcdEFGH",
         "userName":"Alice.Smith@Example.com","name":{"givenName":"Alice","familyName":"Smith"},
         "displayName":"Alice Smith","nickName":"","active":true,"userType":"Employee",
         "emails":[{"value":"alice.smith@example.com","type":"work","primary":true},
                   {"value":"alice@personal.org","type":"home","primary":false}],
         "phoneNumbers":[],
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{
             "employeeNumber":"701984","department":"Tour Operations",
             "manager":{"value":"26118915-6090-4610-87e4-49d8ca9f808d","displayName":"John Smith"}},
         "urn:acme:params:scim:1.0:User":{"badgeNumber":1234},
         "meta":{"resourceType":"User","created":"2024-05-01T12:00:00Z","lastModified":"2025-03-01T08:30:00Z"}}
        """#

    /// An Entra-style group with members.
    static let group = #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"e9e30dba","displayName":"Engineering",
         "members":[{"value":"2819c223-7f76-453a-919d-413861904646","display":"Alice Smith"}]}
        """#

    private func evaluate(_ filter: String, _ json: String, schema: SCIMSchema) throws -> Bool {
        let resource = try #require(try JSONReader.parse(json).objectValue)
        return try FilterParser.parse(filter).matches(resource, schema: schema, extensions: [.enterpriseUser])
    }

    @Test(arguments: [
        (#"userName eq "alice.smith@example.com""#, true),
        (#"USERNAME Eq "ALICE.SMITH@EXAMPLE.COM""#, true),
        (#"userName eq "alice""#, false),
        (#"userName sw "alice." and userName ew ".COM""#, true),
        (#"displayName co "smith""#, true),
        (#"name.givenName sw "ali""#, true),
        (#"name.familyName eq "Jones""#, false),
        (#"userName gt "a" and userName lt "b""#, true),
        (#"userName le "Alice""#, false),
        (#"displayName ge "alice smith""#, true),
        (#"userType ne "Contractor""#, true),
    ])
    func comparesStrings(filter: String, expected: Bool) throws {
        #expect(try evaluate(filter, Self.oktaUser, schema: .user) == expected)
    }

    @Test(arguments: [
        (#"emails co "personal""#, true),
        (#"emails eq "ALICE@personal.org""#, true),
        (#"emails.value ew ".org""#, true),
        (#"emails.type eq "other""#, false),
        (#"emails[type eq "work" and value co "@example.com"]"#, true),
        (#"emails[type eq "home" and value co "@example.com"]"#, false),
        (#"emails[type eq "home" and primary eq false]"#, true),
        (#"emails[type eq "work"].value eq "alice.smith@example.com""#, true),
        (#"emails[type eq "work"].value eq "alice@personal.org""#, false),
        (#"phoneNumbers[type eq "work"]"#, false),
        (#"name[givenName eq "alice"]"#, true),
    ])
    func matchesAnyElementOfMultiValuedAttributes(filter: String, expected: Bool) throws {
        #expect(try evaluate(filter, Self.oktaUser, schema: .user) == expected)
    }

    @Test(arguments: [
        (#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:employeeNumber eq "701984""#, true),
        (#"URN:IETF:PARAMS:SCIM:SCHEMAS:EXTENSION:ENTERPRISE:2.0:USER:department co "tour""#, true),
        (#"employeeNumber eq "701984""#, true),
        (
            #"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value eq "26118915-6090-4610-87e4-49d8ca9f808d""#,
            true
        ),
        (#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.displayName pr"#, true),
        (#"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:costCenter pr"#, false),
        (#"urn:ietf:params:scim:schemas:core:2.0:User:userName sw "alice""#, true),
        (#"urn:ietf:params:scim:schemas:core:2.0:Group:displayName pr"#, false),
        ("urn:acme:params:scim:1.0:User:badgeNumber gt 1000", true),
        ("urn:acme:params:scim:1.0:User:badgeNumber le 99.5", false),
        ("urn:acme:params:scim:1.0:User:badgeNumber eq 1234.0", true),
        (#"urn:acme:params:scim:1.0:User:badgeNumber co "23""#, false),
    ])
    func resolvesExtensionAttributesUnderTheirURN(filter: String, expected: Bool) throws {
        #expect(try evaluate(filter, Self.oktaUser, schema: .user) == expected)
    }

    @Test(arguments: [
        (#"meta.created gt "2024-01-01T00:00:00Z""#, true),
        (#"meta.created eq "2024-05-01T12:00:00.000Z""#, true),
        (#"meta.created eq "2024-05-01T14:00:00+02:00""#, true),
        (#"meta.lastModified gt "2025-03-01T10:00:00+02:00""#, true),
        (#"meta.lastModified ge "2025-03-01T09:00:00Z""#, false),
        (#"meta.lastModified lt "2025-03-02""#, true),
    ])
    func comparesDateTimesAsInstants(filter: String, expected: Bool) throws {
        #expect(try evaluate(filter, Self.oktaUser, schema: .user) == expected)
    }

    @Test(arguments: [
        ("active eq true", true), ("active ne false", true), ("active eq false", false),
        ("name pr", true), ("emails pr", true), ("title pr", false), ("nickName pr", false), ("phoneNumbers pr", false),
        (#"title eq "Engineer""#, false), (#"title ne "Engineer""#, false), (#"not (title eq "Engineer")"#, true),
        ("title eq null", true), ("userName eq null", false), ("userName ne null", true), ("title ne null", false),
        (#"title pr or userName eq "alice.smith@example.com" and not (active eq false)"#, true),
        (#"(title pr or userName eq "alice.smith@example.com") and active eq false"#, false),
    ])
    func handlesBooleansPresenceAndMissingAttributes(filter: String, expected: Bool) throws {
        #expect(try evaluate(filter, Self.oktaUser, schema: .user) == expected)
    }

    @Test(arguments: [
        (#"members[value eq "2819c223-7f76-453a-919d-413861904646"]"#, true),
        (#"members.display co "alice""#, true),
        (#"displayName eq "engineering""#, true),
        (#"schemas eq "urn:ietf:params:scim:schemas:core:2.0:Group""#, true),
        (#"members[value eq "5d48a0a8"]"#, false),
    ])
    func evaluatesGroups(filter: String, expected: Bool) throws {
        #expect(try evaluate(filter, Self.group, schema: .group) == expected)
    }
}
