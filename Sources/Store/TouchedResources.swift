import SCIM
import SQLite

/// What one SCIM write changed, collected while it runs so that its `resource_versions` rows can be
/// written once its update log exists: the resource it wrote or deleted, and the resources whose
/// derived lists changed with it (the users a group write added or removed, the groups a deleted
/// user left). Lives only inside the write's transaction.
final class TouchedResources {
    private var written: [(kind: SCIMResourceKind, pk: Int64)] = []
    private var deleted: [(kind: SCIMResourceKind, id: String)] = []
    private var related: [SCIMResourceKind: Set<Int64>] = [:]

    func wrote(_ kind: SCIMResourceKind, pk: Int64) { written.append((kind, pk)) }

    func deleted(_ kind: SCIMResourceKind, id: String) { deleted.append((kind, id)) }

    func relate(_ kind: SCIMResourceKind, _ pks: some Sequence<Int64>) { related[kind, default: []].formUnion(pks) }

    /// Writes one version per touched resource, pointing at `log`: the written or deleted resource first,
    /// then the related ones in creation order. A deleted related resource (gone by now) writes none.
    func recordVersions(log: Int64, idpPK: Int64, _ connection: Connection) throws {
        for (kind, pk) in written { try Self.recordState(kind, pk: pk, log: log, idpPK: idpPK, connection) }
        for (kind, id) in deleted {
            try connection.statement(VersionSQL.deleted).run([idpPK, kind.logType.storageCode, id, log])
        }
        for kind in [SCIMResourceKind.user, .group] {
            let skip = Set(written.filter { $0.kind == kind }.map(\.pk))
            for pk in (related[kind] ?? []).subtracting(skip).sorted() {
                try Self.recordState(kind, pk: pk, log: log, idpPK: idpPK, connection)
            }
        }
    }

    private static func recordState(_ kind: SCIMResourceKind, pk: Int64, log: Int64, idpPK: Int64, _ c: Connection) throws {
        try c.statement(kind == .user ? VersionSQL.writtenUser : VersionSQL.writtenGroup).run([idpPK, log, pk])
    }
}
