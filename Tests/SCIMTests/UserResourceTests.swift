import JSON
import SCIM
import Testing

@Suite struct UserResourceTests {
    let time = Timestamp(rfc3339: "2025-01-01T00:00:00Z")!

    private func user(_ json: String) throws -> UserResource {
        UserResource(id: "u1", input: try #require(try JSONReader.parse(json).objectValue), created: time, lastModified: time)
    }

    @Test func storedFormOwnsIdAndMetaAndDropsPassword() throws {
        let u = try user(#"{"id":"client-id","userName":"a@b.c","password":"secret","meta":{"version":"x"}}"#)
        #expect(u.json["id"] == .string("u1"))
        #expect(u.json["password"] == nil)
        #expect(u.json["meta"]?.objectValue?["created"] == .string("2025-01-01T00:00:00Z"))
        #expect(u.json["active"] == nil, "an unassigned active stays unassigned")
        #expect(u.active)
        #expect(u.json.keys.first == "schemas")
    }

    @Test func primaryEmailPrefersPrimaryThenFirstThenUserName() throws {
        #expect(try user(#"{"userName":"x","emails":[{"value":"a@x"},{"value":"b@x","primary":true}]}"#).primaryEmail == "b@x")
        #expect(try user(#"{"userName":"x","emails":[{"value":"a@x"}]}"#).primaryEmail == "a@x")
        #expect(try user(#"{"userName":"me@x"}"#).primaryEmail == "me@x")
        #expect(try user(#"{"userName":"me"}"#).primaryEmail == nil)
    }

    @Test func displayNameFallsBackToTheNameParts() throws {
        #expect(try user(#"{"userName":"x","displayName":"D"}"#).displayName == "D")
        #expect(try user(#"{"userName":"x","name":{"formatted":"F"}}"#).displayName == "F")
        #expect(try user(#"{"userName":"x","name":{"givenName":"G","familyName":"H"}}"#).displayName == "G H")
    }
}
