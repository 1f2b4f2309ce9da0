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

/// A page of rows (with their derived lists when asked for) and the number of resources that match in all.
public struct SCIMListPage: Sendable {
    public var rows: [(kind: SCIMResourceKind, row: StoredRow, references: [ResourceReference]?)]
    public var total: Int
}

extension Store {
    /// Lists a tenant's resources, paged in SQL (`scimPage`): an indexed equality or a filter SQL
    /// answers exactly costs a COUNT and one page of rows; anything else is checked in Swift a chunk
    /// at a time. Derived lists are read only for the page, and only when asked for.
    /// - Parameter fullResource: the resource a filter or `sortBy` is evaluated against (the record as
    ///   a client reads it, before projection).
    public func scimList(
        _ request: SCIMListRequest, tenant: SCIMTenant,
        fullResource: (SCIMResourceKind, SCIMRecord) throws -> JSONObject
    ) throws -> SCIMListPage {
        try read { state in
            let connection = state.connection
            if request.kinds.count > 1, request.sortBy != nil {
                return try Self.sortedAcrossKinds(request, tenant, fullResource, connection)
            }
            var records: [(kind: SCIMResourceKind, row: StoredRow, references: [ResourceReference]?)] = []
            var total = 0
            var start = max(request.startIndex, 1)
            var wanted = max(request.count, 0)
            for kind in request.kinds {
                let needsDerived = Self.mentionsDerived(request, kind)
                let (rows, kindTotal) = try Self.page(kind, request, tenant, start: start, count: wanted, state) { stored in
                    let references = needsDerived ? try Self.references(kind, stored.pk, connection) : nil
                    return try fullResource(kind, SCIMRecord(resource: stored, references: references))
                }
                let references = request.derived ? try Self.references(kind, rows.map(\.pk), connection) : [:]
                for row in rows {
                    records.append((kind, row, request.derived ? references[row.pk] ?? [] : nil))
                }
                total += kindTotal
                start = max(start - kindTotal, 1)
                wanted -= rows.count
            }
            return SCIMListPage(rows: records, total: total)
        }
    }

    /// One kind's page. A lone `attr eq "value"` on an indexed attribute is an index lookup (the column's
    /// collation is the attribute's case rule); everything else goes through `scimPage`.
    private static func page(
        _ kind: SCIMResourceKind, _ request: SCIMListRequest, _ tenant: SCIMTenant, start: Int,
        count: Int, _ state: State,
        full: (StoredResource) throws -> JSONObject
    ) throws -> (rows: [StoredRow], total: Int) {
        let connection = state.connection
        if request.sortBy == nil,
            let equality = request.filter?.indexableEquality(among: kind.indexedAttributes, schemaURN: kind.schema.id)
        {
            let all = try rows(kind.table, idp: tenant.idp.id, equality: equality, connection)
            let offset = start - 1
            return (offset < all.count ? Array(all[offset..<min(all.count, offset + count)]) : [], all.count)
        }
        return try scimPage(
            kind.table, idp: tenant.idp.id, filter: request.filter, sortBy: request.sortBy,
            descending: request.descending, startIndex: start, count: count, full: full,
            cache: state, connection)
    }

    /// Whether deciding the filter or the sort needs the derived list (`groups`, `members`).
    private static func mentionsDerived(_ request: SCIMListRequest, _ kind: SCIMResourceKind) -> Bool {
        let name = kind.derivedAttribute
        let sorts = request.sortBy.map { $0.lowercased().contains(name) } ?? false
        return sorts || (request.filter?.mentions(attribute: name) ?? false)
    }

    /// A service-root search sorted across both kinds: every match is keyed and sorted in Swift (the
    /// kinds live in different tables), then the page is cut.
    private static func sortedAcrossKinds(
        _ request: SCIMListRequest, _ tenant: SCIMTenant,
        _ fullResource: (SCIMResourceKind, SCIMRecord) throws -> JSONObject,
        _ connection: Connection
    ) throws -> SCIMListPage {
        var keyed: [(kind: SCIMResourceKind, row: StoredRow, key: SCIMSorting.Value?)] = []
        for kind in request.kinds {
            for row in try rows(kind.table, idp: tenant.idp.id, equality: nil, connection) {
                let stored = try row.resource(kind.table)
                let full = try fullResource(
                    kind, SCIMRecord(resource: stored, references: try references(kind, stored.pk, connection)))
                guard request.filter?.matches(full, schema: kind.schema, extensions: kind.extensions) ?? true else { continue }
                keyed.append((kind, row, SCIMSorting.key(full, request.sortBy ?? "", schema: kind.schema)))
            }
        }
        let order = keyed.indices.sorted { a, b in
            SCIMSorting.precedes(keyed[a].key, keyed[b].key, descending: request.descending, aIsOlder: a < b)
        }
        let offset = max(request.startIndex, 1) - 1
        let window = offset < order.count ? order[offset..<min(order.count, offset + max(request.count, 0))] : []
        let rows = try window.map { index in
            let entry = keyed[index]
            let references = request.derived ? try references(entry.kind, entry.row.pk, connection) : nil
            return (kind: entry.kind, row: entry.row, references: references)
        }
        return SCIMListPage(rows: rows, total: keyed.count)
    }
}
