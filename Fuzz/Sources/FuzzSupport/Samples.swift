import JSON
import SCIM

/// Resources the filter and PATCH targets work on: the shapes of the unit tests' samples (an Okta-style
/// user with the enterprise and a custom extension, multi-valued emails, and a group with members),
/// so a fuzzed path or filter finds an attribute to read or edit at every level.
public enum Samples {
    public static let user = object(
        #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User",
                    "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"],
         "id":"2819c223-7f76-453a-919d-413861904646","externalId":"00u1abcdEFGH",
         "userName":"Alice.Smith@Example.com","name":{"givenName":"Alice","familyName":"Smith","formatted":"Alice Smith"},
         "displayName":"Alice Smith","nickName":"","active":true,"userType":"Employee","locale":"en-US",
         "emails":[{"value":"alice.smith@example.com","type":"work","primary":true},
                   {"value":"alice@personal.org","type":"home","primary":false}],
         "phoneNumbers":[{"value":"+1 555 0100","type":"mobile"}],
         "addresses":[{"streetAddress":"1 Main St","locality":"Springfield","type":"work","primary":true}],
         "roles":[{"value":"admin","display":"Admin"}],
         "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{
             "employeeNumber":"701984","department":"Tour Operations","costCenter":"4130",
             "manager":{"value":"26118915-6090-4610-87e4-49d8ca9f808d","displayName":"John Smith"}},
         "urn:acme:params:scim:1.0:User":{"badgeNumber":1234},
         "meta":{"resourceType":"User","created":"2024-05-01T12:00:00Z","lastModified":"2025-03-01T08:30:00Z",
                 "version":"W/\"3\""}}
        """#)

    public static let group = object(
        #"""
        {"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"id":"e9e30dba-f08f-4109-8486-d5c6a331660a",
         "externalId":"grp-eng","displayName":"Engineering",
         "members":[{"value":"2819c223-7f76-453a-919d-413861904646","display":"Alice Smith","type":"User"},
                    {"value":"902c246b-6245-4190-8e05-00816be7344a"}],
         "meta":{"resourceType":"Group","created":"2024-01-01T00:00:00Z","lastModified":"2024-01-01T00:00:00Z"}}
        """#)

    /// A sample is written here by hand, so one that does not parse is a bug of the harness: trap at once.
    private static func object(_ text: String) -> JSONObject {
        guard let object = try? JSONReader.parse(text).objectValue else { fatalError("sample is not a JSON object") }
        return object
    }
}
