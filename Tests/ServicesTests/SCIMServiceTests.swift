import JSON
import SCIM
import Services
import Store
import Testing

/// The SCIM service's typed API, without HTTP: what a write returns, its preconditions, and the
/// errors the store's typed failures become.
@Suite struct SCIMServiceTests {
    /// The logs written at or after the harness clock's start (the fixture's own are older or newer).
    private func logs(_ h: ServiceHarness) throws -> [UpdateLog] {
        var query = LogQuery(
            accountID: h.context.tenant.idp.accountID, idpIDs: [h.context.tenant.idp.id],
            window: PageWindow(page: 1, perPage: 1000))
        query.since = MockClock.deterministicStart
        query.until = MockClock.deterministicStart
        query.ascending = true
        return try h.store.updateLogs(query).items
    }

    @Test func createReturnsTheResourceItsETagAndLocation() throws {
        let h = try ServiceHarness()
        let result = try h.scim.create(.user, h.context, ServiceHarness.user("typed@example.com"))
        let id = try #require(result.resource?["id"]?.stringValue)
        #expect(result.status == 201)
        #expect(result.etag == "W/\"1\"")
        #expect(result.location == "http://127.0.0.1:4010/scim/v2/Users/\(id)")
        guard
            case .notModified(let etag) = try h.scim.get(
                .user, id: id, h.context, projection: Projection(),
                ifNoneMatch: "W/\"1\"")
        else {
            Issue.record("a matching If-None-Match is not modified")
            return
        }
        #expect(etag == "W/\"1\"")
    }

    @Test func aTakenUserNameIsUniquenessFromTheConstraintAndIsLogged() throws {
        let h = try ServiceHarness()
        _ = try h.createUser("twice@example.com")
        let before = try logs(h).count
        let error = #expect(throws: SCIMError.self) {
            try h.scim.create(.user, h.context, ServiceHarness.user("TWICE@example.com"))
        }
        #expect(error?.status == 409 && error?.scimType == "uniqueness")
        #expect(error?.detail == "userName TWICE@example.com is already taken in this identity provider")
        let failures = try logs(h).dropFirst(before)
        #expect(failures.map(\.status) == [.FAILURE])
        #expect(failures.first?.errorDescription == error?.detail)
    }

    @Test func aTakenGroupNameIsUniqueness() throws {
        let h = try ServiceHarness()
        let group = #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Ops"}"#
        _ = try h.scim.create(.group, h.context, ServiceHarness.input(group))
        let error = #expect(throws: SCIMError.self) { try h.scim.create(.group, h.context, ServiceHarness.input(group)) }
        #expect(error?.detail == "displayName Ops is already taken in this identity provider")
    }

    @Test func anUnknownMemberIsInvalidValueAndChangesNothing() throws {
        let h = try ServiceHarness()
        let groups = try h.store.counts().groups
        let group =
            #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"G","members":[{"value":"nobody"}]}"#
        let error = #expect(throws: SCIMError.self) { try h.scim.create(.group, h.context, ServiceHarness.input(group)) }
        #expect(error?.scimType == "invalidValue" && error?.detail == "member nobody is not a user of this identity provider")
        #expect(try h.store.counts().groups == groups)
    }

    @Test func aStaleIfMatchIsAPreconditionFailure() throws {
        let h = try ServiceHarness()
        let id = try h.createUser("etag@example.com")
        let input = ServiceHarness.input(
            #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"e2@example.com"}"#,
            ifMatch: "W/\"7\"")
        let error = #expect(throws: SCIMError.self) { try h.scim.replace(.user, id: id, h.context, input) }
        #expect(error?.status == 412)
    }

    @Test func aBodyThatIsNotJSONIsAFailureLogWithTheBytesAsSent() throws {
        let h = try ServiceHarness()
        let before = try logs(h).count
        #expect(throws: SCIMError.self) { try h.scim.create(.user, h.context, ServiceHarness.input("{}}")) }
        let failure = try #require(try logs(h).dropFirst(before).first)
        #expect(failure.status == .FAILURE && failure.requestBody == "{}}")
    }
}
