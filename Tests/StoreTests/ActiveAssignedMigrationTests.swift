import Foundation
import SCIM
import SQLite
import TestSupport
import Testing

@testable import Store

/// Migration v4 records whether each user has an `active` value, so `active eq true` is exact in SQL;
/// names are case-insensitive, so the backfill must find `Active` as well as `active`.
@Suite struct ActiveAssignedMigrationTests {
    @Test func theBackfillFindsActiveInAnyCaseAndOnlyWhenAssigned() throws {
        let path = NSTemporaryDirectory() + "scim-mock-v4-\(UInt64.random(in: 0...UInt64.max)).db"
        defer { for suffix in ["", "-wal", "-shm", ".lock"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        do {
            let raw = try Connection(path: path)
            try raw.execute(Schema.v1 + Schema.v2 + Schema.v3 + "PRAGMA user_version = 3;")
            try raw.execute(
                """
                INSERT INTO accounts VALUES ('a');
                INSERT INTO identity_providers (pk, id, account_id, name, type) VALUES (1, 'idp', 'a', 'Okta', 'okta');
                INSERT INTO users (id, idp_id, user_name, active, created, last_modified, resource) VALUES
                  ('u1', 'idp', 'one', 1, 0, 0, '{"id":"u1","active":true}'),
                  ('u2', 'idp', 'two', 0, 0, 0, '{"id":"u2","Active":false}'),
                  ('u3', 'idp', 'three', 1, 0, 0, '{"id":"u3","userName":"three"}'),
                  ('u4', 'idp', 'four', 1, 0, 0, '{"id":"u4","name":{"active":true}}');
                """)
        }
        let store = try Store(path: path)
        let assigned = try store.read { state in
            try state.connection.statement("SELECT id, active_assigned FROM users ORDER BY id").query {
                ($0.string(0) ?? "", $0.int(1))
            }
        }
        #expect(assigned.map(\.0) == ["u1", "u2", "u3", "u4"])
        #expect(assigned.map(\.1) == [1, 1, 0, 0])
    }
}
