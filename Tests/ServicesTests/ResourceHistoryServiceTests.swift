import JSON
import SCIM
import Services
import Store
import TestSupport
import Testing

/// A resource's history: one entry per write that touched it (its own, and the group writes that
/// changed its memberships), each with the state a GET showed after it and the diff from the one before.
@Suite struct ResourceHistoryServiceTests {
    private static let contractors = "92276658-1e27-41c0-8a6a-63ec24ede6a4"
    private static let jane = "6513270e-269e-4d37-b2a7-4de452e6b438"

    private func history(
        _ h: ServiceHarness, _ kind: SCIMResourceKind, _ id: String, page: Int = 1, perPage: Int = 50
    ) throws -> ResourceHistory {
        try ResourceHistoryService(store: h.store).history(
            HistoryQuery(
                accountID: account, idpID: okta, kind: kind, resourceID: id, baseURL: h.context.baseURL,
                window: PageWindow(page: page, perPage: perPage)))
    }

    private func patch(_ h: ServiceHarness, _ kind: SCIMResourceKind, _ id: String, _ operations: String) throws {
        let body = #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[\#(operations)]}"#
        _ = try h.scim.patch(kind, id: id, h.context, ServiceHarness.input(body))
    }

    private func paths(_ entry: ResourceHistory.Entry) -> [String] { entry.diff.changes.map(\.path) }

    @Test func aLifecycleOfCreatePatchGroupAddAndDeactivate() throws {
        let h = try ServiceHarness()
        let created = try h.scim.create(
            .user, h.context,
            ServiceHarness.input(
                #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"life@example.com","active":true}"#))
        let id = try #require(created.resource?["id"]?.stringValue)
        try patch(h, .user, id, #"{"op":"replace","path":"displayName","value":"Life Cycle"}"#)
        try patch(h, .group, Self.contractors, #"{"op":"add","path":"members","value":[{"value":"\#(id)"}]}"#)
        try patch(h, .user, id, #"{"op":"replace","path":"active","value":false}"#)

        let entries = try history(h, .user, id).entries
        #expect(entries.map(\.log?.requestMethod) == [.PATCH, .PATCH, .PATCH, .POST])
        #expect(entries.map(\.log?.resourceType) == [.USER, .GROUP, .USER, .USER])
        #expect(entries.map(\.change) == [.WRITTEN, .WRITTEN, .WRITTEN, .WRITTEN])
        // A group write changes the user's groups, not its ETag version.
        #expect(entries.map(\.etag) == [#"W/"3""#, #"W/"2""#, #"W/"2""#, #"W/"1""#])
        let creation = try #require(entries.last)
        #expect(creation.diff.changes.allSatisfy { $0.kind == .added })
        #expect(paths(creation).contains("userName"))
        #expect(paths(entries[2]) == ["displayName"])
        #expect(entries[2].diff.changes.first?.new == .string("Life Cycle"))
        let joined = try #require(entries[1].diff.changes.first)
        #expect(paths(entries[1]) == [#"groups[value eq "\#(Self.contractors)"]"#])
        #expect(joined.kind == .added)
        #expect(joined.new?.objectValue?["display"] == .string("Contractors"))
        #expect(entries[1].state?["groups"]?.arrayValue?.count == 1)
        #expect(paths(entries[0]) == ["active"])
        #expect(entries[0].diff.changes.first.map { ($0.old, $0.new) } ?? (nil, nil) == (.bool(true), .bool(false)))
    }

    @Test func theStateIsWhatAGetReturnedAfterTheWrite() throws {
        let h = try ServiceHarness()
        let id = try h.createUser("shown@example.com")
        try patch(h, .group, Self.contractors, #"{"op":"add","path":"members","value":[{"value":"\#(id)"}]}"#)
        guard
            case .resource(let now, let etag) = try h.scim.get(
                .user, id: id, h.context, projection: Projection(), ifNoneMatch: nil)
        else {
            Issue.record("the user reads back")
            return
        }
        let latest = try #require(try history(h, .user, id).entries.first)
        #expect(latest.state == now)
        #expect(latest.etag == etag)
    }

    @Test func fixtureResourcesStartWithASeededStateWithoutALog() throws {
        let h = try ServiceHarness()
        try patch(h, .user, Self.jane, #"{"op":"replace","path":"title","value":"Lead"}"#)
        let entries = try history(h, .user, Self.jane).entries
        #expect(entries.map(\.change) == [.WRITTEN, .SEEDED])
        #expect(entries.last?.log == nil && entries.last?.logID == nil)
        #expect(entries.last?.state?["groups"]?.arrayValue?.count == 2)
        #expect(paths(entries[0]) == ["title"])
    }

    @Test func aGroupsHistoryShowsMembersJoiningAndADeletedMemberLeaving() throws {
        let h = try ServiceHarness()
        let id = try h.createUser("member@example.com")
        try patch(h, .group, Self.contractors, #"{"op":"add","path":"members","value":[{"value":"\#(id)"}]}"#)
        _ = try h.scim.delete(.user, id: id, h.context, ServiceHarness.input(""))
        let entries = try history(h, .group, Self.contractors).entries
        #expect(entries.map(\.log?.resourceType) == [.USER, .GROUP, nil])
        #expect(entries.map(\.log?.requestMethod) == [.DELETE, .PATCH, nil])
        #expect(entries[0].diff.changes.map(\.kind) == [.removed])
        #expect(paths(entries[0]) == [#"members[value eq "\#(id)"]"#])
        #expect(entries[0].state?["members"] == nil)
        #expect(entries[1].state?["members"]?.arrayValue?.count == 1)
    }

    @Test func aDeletedUserEndsWithADeletionAndAFailedWriteChangesNothing() throws {
        let h = try ServiceHarness()
        let id = try h.createUser("gone@example.com")
        _ = try? h.scim.patch(.user, id: id, h.context, ServiceHarness.input("{not json"))
        _ = try h.scim.delete(.user, id: id, h.context, ServiceHarness.input(""))
        let entries = try history(h, .user, id).entries
        #expect(entries.map(\.change) == [.DELETED, .UNCHANGED, .WRITTEN])
        #expect(entries[1].log?.status == .FAILURE)
        #expect(entries[1].diff.isEmpty)
        #expect(entries[1].state == entries[2].state)
        #expect(entries[0].state == nil && entries[0].etag == nil)
        #expect(entries[0].diff.changes.allSatisfy { $0.kind == .removed })
        #expect(!entries[0].diff.isEmpty)
    }

    @Test func aLaterPageDiffsAgainstTheStateBeforeIt() throws {
        let h = try ServiceHarness()
        let id = try h.createUser("paged@example.com")
        for title in ["One", "Two", "Three"] {
            try patch(h, .user, id, #"{"op":"replace","path":"title","value":"\#(title)"}"#)
        }
        let page = try history(h, .user, id, page: 2, perPage: 2)
        #expect(page.totalCount == 4)
        #expect(page.entries.count == 2)
        #expect(page.entries[0].diff.changes.first.map { ($0.old, $0.new) } ?? (nil, nil) == (nil, .string("One")))
        let second = try history(h, .user, id, page: 1, perPage: 1).entries
        #expect(second.first?.diff.changes.first?.old == .string("Two"))
    }

    @Test func unknownResourcesAndIdentityProvidersAreNotFound() throws {
        let h = try ServiceHarness()
        #expect(throws: HistoryError.resourceNotFound(.user, id: "nobody")) { try history(h, .user, "nobody") }
        let service = ResourceHistoryService(store: h.store)
        #expect(throws: HistoryError.identityProviderNotFound(idp: okta, account: "other")) {
            try service.history(HistoryQuery(accountID: "other", idpID: okta, kind: .user, resourceID: Self.jane, baseURL: ""))
        }
    }
}
