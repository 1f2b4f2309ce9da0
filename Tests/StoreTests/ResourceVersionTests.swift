import Foundation
import JSON
import SCIM
import SQLite
import TestSupport
import Testing

@testable import Store

/// The version table: seeded by migration v5 and by fixture loads, and left out of state exports.
@Suite struct ResourceVersionTests {
    @Test func migrationV5SeedsEveryStoredResourceWithItsDerivedList() throws {
        let path = NSTemporaryDirectory() + "scim-mock-v5-\(UInt64.random(in: 0...UInt64.max)).db"
        defer { for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        do {
            let raw = try Connection(path: path)
            try raw.execute(Schema.v1 + Schema.v2 + Schema.v3 + Schema.v4 + "PRAGMA user_version = 4;")
            try raw.execute(
                """
                INSERT INTO accounts VALUES ('a');
                INSERT INTO identity_providers (pk, id, account_id, name, type) VALUES (1, 'idp', 'a', 'Okta', 'okta');
                INSERT INTO users (pk, id, idp_id, user_name, active, created, last_modified, resource, version) VALUES
                  (1, 'u1', 'idp', 'one', 1, 0, 0, '{"id":"u1","userName":"one"}', 3);
                INSERT INTO groups (pk, id, idp_id, display_name, created, last_modified, resource) VALUES
                  (1, 'g1', 'idp', 'Ops', 0, 0, '{"id":"g1","displayName":"Ops"}');
                INSERT INTO memberships (group_pk, user_pk) VALUES (1, 1);
                """)
        }
        let store = try Store(path: path)
        let tenant = try #require(try store.tenant(forIdentityProvider: "idp"))
        let user = try store.versions(.user, id: "u1", tenant: tenant, window: PageWindow(page: 1, perPage: 10))
        #expect(user.versions.items.map(\.change) == [.SEEDED])
        #expect(user.versions.items.first?.record?.resource.version == 3)
        #expect(user.versions.items.first?.record?.references == [ResourceReference(id: "g1", display: "Ops")])
        let group = try store.versions(.group, id: "g1", tenant: tenant, window: PageWindow(page: 1, perPage: 10))
        #expect(group.versions.items.first?.record?.references == [ResourceReference(id: "u1", display: "one")])
    }

    @Test func exportsLeaveVersionsOutAndStillRoundTripByteForByte() throws {
        let store = try makeStore()
        let exported = try store.exportState()
        let reloaded = try Store()
        try FixtureLoader().load([.bytes(exported, name: "state.json")], into: reloaded)
        #expect(try reloaded.exportState() == exported)
        let tenant = try #require(try reloaded.tenant(forIdentityProvider: okta))
        let seeded = try reloaded.versions(
            .user, id: "6513270e-269e-4d37-b2a7-4de452e6b438", tenant: tenant, window: PageWindow(page: 1, perPage: 10))
        #expect(seeded.versions.items.map(\.change) == [.SEEDED])
    }
}
