import JSON
import SCIM

/// A resource's state after one write (or as fixtures loaded it), for its history.
public struct ResourceVersion: Sendable {
    /// How the write left the resource. Stored as small integers (`resource_version_changes`).
    public enum Change: String, Sendable, CaseIterable, UpdateLog.StorageCoded {
        /// The state a fixture load (or the upgrade to history) found: no update log.
        case SEEDED
        /// Created or changed by the write, or by a write of a group it joined or left.
        case WRITTEN
        case DELETED
        /// A failed write aimed at it: its state is the one before.
        case UNCHANGED

        public var storageCode: Int {
            switch self {
            case .SEEDED: 0
            case .WRITTEN: 1
            case .DELETED: 2
            case .UNCHANGED: 3
            }
        }
    }

    /// The version row's id: increases with every write, so it orders a history.
    public var id: Int64
    public var change: Change
    /// The update log of the write, with its row id; nil for `SEEDED`.
    public var logID: Int64?
    public var log: UpdateLog?
    /// The resource and its derived list after the write; nil for `DELETED` and `UNCHANGED`.
    public var record: SCIMRecord?
}

/// One page of a resource's history, newest first, and the state just before its oldest entry (nil
/// when there was none: the page starts with the resource's creation or first seeded state).
public struct VersionPage: Sendable {
    public var versions: Page<ResourceVersion>
    public var baseline: SCIMRecord?
}
