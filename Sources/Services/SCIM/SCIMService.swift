import JSON
import SCIM
import Store

/// What a SCIM read answers: the resource with its ETag, or "not modified" for a matching If-None-Match.
public enum SCIMReadResult: Sendable {
    case resource(JSONObject, etag: String)
    case notModified(etag: String)
}

/// A ListResponse (RFC 7644 §3.4.2): the page's resources, each as an object or as JSON text ready
/// to send, and the total that matched.
public struct SCIMListResult: Sendable {
    public enum Resource: Sendable {
        case object(JSONObject)
        case text([UInt8])
    }

    public var resources: [Resource]
    public var total: Int
    public var startIndex: Int

    /// The ListResponse as JSON bytes, keys in the order `SCIMDiscovery.listResponse` writes them.
    public func json() -> [UInt8] {
        var w = JSONWriter(capacity: 256 + resources.count * 1024)
        w.raw(#"{"schemas":["#); w.string(SCIMDiscovery.listResponseURN)
        w.raw(#"],"totalResults":"#); w.int(total)
        w.raw(#","startIndex":"#); w.int(startIndex)
        w.raw(#","itemsPerPage":"#); w.int(resources.count)
        w.raw(#","Resources":["#)
        for (index, resource) in resources.enumerated() {
            if index > 0 { w.raw(",") }
            switch resource {
            case .object(let object): w.value(.object(object))
            case .text(let bytes): w.bytes.append(contentsOf: bytes)
            }
        }
        w.raw("]}")
        return w.bytes
    }
}

/// What a SCIM write answers: its status (201, 200, 204), the resource as returned, and its headers.
public struct SCIMWriteResult: Sendable {
    public var status: Int
    public var resource: JSONObject?
    public var etag: String?
    public var location: String?
}

/// A write's input besides the resource id: the body, the projection of the answer, and `If-Match`.
public struct SCIMWriteInput: Sendable {
    public var body: SCIMBody
    public var projection: Projection
    public var ifMatch: String?

    public init(body: SCIMBody, projection: Projection = Projection(), ifMatch: String? = nil) {
        self.body = body
        self.projection = projection
        self.ifMatch = ifMatch
    }
}

/// The SCIM operations (RFC 7644 §3) over the store, in domain terms: typed input in, resources or
/// `SCIMError` out. Every write goes through `Store.scimWrite`, which logs it.
public struct SCIMService: Sendable {
    let store: Store
    let clock: @Sendable () -> Timestamp
    let newID: @Sendable () -> String

    public init(store: Store, clock: @escaping @Sendable () -> Timestamp, newID: @escaping @Sendable () -> String) {
        self.store = store
        self.clock = clock
        self.newID = newID
    }

    /// Lists one resource type, or several for a search from the service root (RFC 7644 §3.4.3).
    public func list(_ kinds: [SCIMResourceKind], _ context: SCIMContext, _ query: SCIMListQuery) throws -> SCIMListResult {
        let filter = try query.filter.map { text throws(SCIMError) in try FilterParser.parse(text) }
        var request = SCIMListRequest(kinds: kinds, filter: filter)
        request.sortBy = query.sortBy
        request.descending = query.descending
        request.startIndex = query.startIndex
        request.count = query.count
        request.derived = kinds.contains { SCIMPresenter(kind: $0, context: context).needsDerived(query.projection) }
        let page = try store.scimList(request, tenant: context.tenant) { kind, record in
            SCIMPresenter(kind: kind, context: context).full(record)
        }
        let splicers = Dictionary(
            kinds.map { ($0, SCIMSplicer(SCIMPresenter(kind: $0, context: context))) },
            uniquingKeysWith: { a, _ in a })
        let resources = try page.rows.map { entry in
            let presenter = SCIMPresenter(kind: entry.kind, context: context)
            if query.projection.isIdentity, let bytes = splicers[entry.kind]?.spliced(entry.row, references: entry.references) {
                return SCIMListResult.Resource.text(bytes)
            }
            let record = SCIMRecord(resource: try entry.row.resource(entry.kind), references: entry.references)
            return .object(presenter.present(record, query.projection))
        }
        return SCIMListResult(resources: resources, total: page.total, startIndex: query.startIndex)
    }

    public func get(
        _ kind: SCIMResourceKind, id: String, _ context: SCIMContext, projection: Projection,
        ifNoneMatch: String?
    ) throws -> SCIMReadResult {
        let presenter = SCIMPresenter(kind: kind, context: context)
        guard
            let record = try store.scimRecord(
                kind, id: id, tenant: context.tenant,
                derived: presenter.needsDerived(projection))
        else {
            throw SCIMError.notFound("\(kind.schema.name) \(id) not found")
        }
        let etag = SCIMPresenter.etag(record.resource.version)
        if let ifNoneMatch, ETagMatch.matches(ifNoneMatch, etag) { return .notModified(etag: etag) }
        return .resource(presenter.present(record, projection), etag: etag)
    }

    /// Logs a write to `/populations/{idp}/scim/v2/...` refused for its secret. Reads are not logged.
    public func logRefusedWrite(
        _ method: UpdateLog.Method, _ kind: SCIMResourceKind, id: String?, body: [UInt8],
        idpID: String, failure: SCIMError
    ) throws {
        let draft = UpdateLogDraft(method: method, kind: kind, cfResourceID: id, rawBody: body)
        try store.logRefusedWrite(draft, idpID: idpID, failure: failure, at: clock())
    }
}
