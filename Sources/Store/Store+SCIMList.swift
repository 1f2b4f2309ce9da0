import JSON
import SCIM
import SQLite

/// One page of a SCIM list (RFC 7644 §3.4.2): what to list and how, in domain terms.
public struct SCIMListRequest: Sendable {
    /// One kind for `/Users` or `/Groups`; both for a search from the service root (§3.4.3).
    public var kinds: [SCIMResourceKind]
    public var filter: SCIMFilter?
    public var sortBy: String?
    public var descending = false
    /// 1-based, as the RFC counts.
    public var startIndex = 1
    public var count = 100
    /// Whether returned records carry their derived list (false when the projection drops it).
    public var derived = true

    public init(kinds: [SCIMResourceKind], filter: SCIMFilter?) {
        self.kinds = kinds
        self.filter = filter
    }
}

/// A page of records and the number of resources that match in all.
public struct SCIMListPage: Sendable {
    public var records: [(kind: SCIMResourceKind, record: SCIMRecord)]
    public var total: Int
}

extension Store {
    /// Lists a tenant's resources: filtered (by an index where it can be), sorted, then paged.
    /// - Parameter fullResource: the resource a filter or `sortBy` is evaluated against (the record as
    ///   a client reads it, before projection).
    public func scimList(_ request: SCIMListRequest, tenant: SCIMTenant,
                         fullResource: (SCIMResourceKind, SCIMRecord) throws -> JSONObject) throws -> SCIMListPage {
        try read { state in
            let connection = state.connection
            var rows: [(kind: SCIMResourceKind, stored: StoredResource, full: JSONObject?)] = []
            for kind in request.kinds {
                let filter = request.filter
                let equality = filter?.indexableEquality(among: kind.indexedAttributes, schemaURN: kind.schema.id)
                let stored = try Self.resources(kind.table, idp: tenant.idp.id, equality: equality, connection)
                guard let filter, equality == nil || request.sortBy != nil else {
                    rows += stored.map { (kind, $0, nil) }
                    continue
                }
                for resource in stored {
                    let record = SCIMRecord(resource: resource, references: try Self.references(kind, resource.pk, connection))
                    let full = try fullResource(kind, record)
                    if filter.matches(full, schema: kind.schema, extensions: kind.extensions) { rows.append((kind, resource, full)) }
                }
            }
            if let sortBy = request.sortBy {
                let keys = try rows.map { row in
                    let record = SCIMRecord(resource: row.stored, references: try Self.references(row.kind, row.stored.pk, connection))
                    return SCIMSorting.key(try row.full ?? fullResource(row.kind, record), sortBy)
                }
                rows = rows.indices.sorted { SCIMSorting.less(keys[$0], keys[$1], descending: request.descending) }.map { rows[$0] }
            }
            let start = max(request.startIndex, 1) - 1
            let slice = start < rows.count ? rows[start..<(start + min(request.count, rows.count - start))] : []
            let records = try slice.map { row in
                let references = request.derived ? try Self.references(row.kind, row.stored.pk, connection) : nil
                return (kind: row.kind, record: SCIMRecord(resource: row.stored, references: references))
            }
            return SCIMListPage(records: records, total: rows.count)
        }
    }
}
