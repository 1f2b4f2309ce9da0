import JSON
import SCIM
import Store

/// One page of a resource's history, newest first.
public struct ResourceHistory: Sendable {
    /// One write that touched the resource (or the state fixtures loaded).
    public struct Entry: Sendable {
        /// Increases with every write; the history's order.
        public var versionID: Int64
        public var change: ResourceVersion.Change
        /// The update log's row id (the live tail's event id); nil for a seeded state.
        public var logID: Int64?
        /// The write: the resource's own, or a group write that added or removed this user (or a user
        /// deletion that left this group).
        public var log: UpdateLog?
        /// The resource as `GET /Users/{id}` (or `/Groups/{id}`) returned it after the write, with its
        /// derived list; nil once deleted. A failed write shows the state it left in place.
        public var state: JSONObject?
        /// The ETag the state had (`W/"3"`); nil when deleted.
        public var etag: String?
        /// Against the state before this entry (the previous entry's, or nothing before the first).
        public var diff: ResourceDiff
    }

    public var entries: [Entry]
    public var totalCount: Int
    public var window: PageWindow
}
