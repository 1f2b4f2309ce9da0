import Foundation
import HTTPServer
import SCIM
import SQLite
import JSON

/// The SCIM operations (RFC 7644 §3) over the store. Every write and its update log commit in one
/// transaction; a failed write is logged in a transaction of its own after the change rolled back.
struct SCIMService: Sendable {
    let store: Store
    let clock: @Sendable () -> Timestamp
    let newID: @Sendable () -> String

    static let contentType = "application/scim+json"

    static func json(_ status: Int, _ object: JSONObject, etag: String? = nil) -> HTTPResponse {
        var w = JSONWriter()
        w.value(.object(object))
        var response = HTTPResponse.json(status, w.bytes, contentType: contentType)
        if let etag { response.headers.set("ETag", etag) }
        return response
    }

    // MARK: Reads

    /// Lists one resource type, or several for a search from the service root (RFC 7644 §3.4.3):
    /// filter (index-served where it can be), sort, then page.
    func list(_ kinds: [SCIMResourceKind], _ context: SCIMContext, _ query: SCIMListQuery) throws -> HTTPResponse {
        let filter = try query.filter.map { text throws(SCIMError) in try FilterParser.parse(text) }
        let (page, total) = try store.read { state in
            let connection = state.connection
            var rows: [(kind: SCIMResourceKind, stored: StoredResource, full: JSONObject?)] = []
            for kind in kinds {
                let presenter = SCIMPresenter(kind: kind, context: context)
                let equality = filter?.indexableEquality(among: kind.indexedAttributes, schemaURN: kind.schema.id)
                let stored = try Store.resources(kind.table, idp: context.idp.id, equality: equality, connection)
                guard let filter, equality == nil || query.sortBy != nil else {
                    rows += stored.map { (kind, $0, nil) }
                    continue
                }
                for resource in stored {
                    let full = try presenter.full(resource, connection)
                    if filter.matches(full, schema: kind.schema, extensions: kind.extensions) { rows.append((kind, resource, full)) }
                }
            }
            if let sortBy = query.sortBy {
                let keys = try rows.map { row in
                    SCIMSorting.key(try row.full ?? SCIMPresenter(kind: row.kind, context: context).full(row.stored, connection), sortBy)
                }
                rows = rows.indices.sorted { SCIMSorting.less(keys[$0], keys[$1], descending: query.descending) }.map { rows[$0] }
            }
            let start = max(query.startIndex, 1) - 1
            let slice = start < rows.count ? rows[start..<(start + min(query.count, rows.count - start))] : []
            let page = try slice.map { row in
                try SCIMPresenter(kind: row.kind, context: context).present(row.stored, query.projection, connection)
            }
            return (page, rows.count)
        }
        return Self.json(200, SCIMDiscovery.listResponse(page, total: total, startIndex: max(query.startIndex, 1)))
    }

    func get(_ kind: SCIMResourceKind, id: String, _ context: SCIMContext, projection: Projection,
             ifNoneMatch: String?) throws -> HTTPResponse {
        let presenter = SCIMPresenter(kind: kind, context: context)
        let (stored, json) = try store.read { state in
            guard let stored = try Store.find(kind.table, id: id, idp: context.idp.id, state.connection) else {
                throw SCIMError.notFound("\(kind.schema.name) \(id) not found")
            }
            return (stored, try presenter.present(stored, projection, state.connection))
        }
        let etag = SCIMPresenter.etag(stored.version)
        if let ifNoneMatch, ETagMatch.matches(ifNoneMatch, etag) {
            var response = HTTPResponse(status: 304)
            response.headers.set("ETag", etag)
            return response
        }
        return Self.json(200, json, etag: etag)
    }

    // MARK: Write plumbing

    /// What a write answers, built under the lock and serialized after it is released.
    struct WriteResult {
        var status: Int
        var json: JSONObject?
        var version: Int?
        var location: String?

        var response: HTTPResponse {
            var response = json.map { SCIMService.json(status, $0, etag: version.map(SCIMPresenter.etag)) } ?? HTTPResponse(status: status)
            if let location { response.headers.set("Location", location) }
            return response
        }
    }

    /// Runs a write with its update log: `prepare` (parsing, validation) outside the store's lock,
    /// `apply` inside one transaction together with the log row.
    func write<Input>(_ kind: SCIMResourceKind, _ method: UpdateLog.Method, _ context: SCIMContext, id: String?,
                      _ request: HTTPRequest, prepare: () throws -> Input,
                      apply: (Connection, Input, inout LogDraft) throws -> WriteResult) throws -> HTTPResponse {
        var draft = LogDraft(method: method, kind: kind, cfResourceID: id, rawBody: request.body)
        do {
            let input = try prepare()
            let time = clock()
            return try store.write { connection in
                let result = try apply(connection, input, &draft)
                try Store.insert(draft.log(idp: context.idp.id, at: time, failure: nil), idpPK: context.idpPK, into: connection)
                return result
            }.response
        } catch {
            let failure = Self.scimError(error)
            let time = clock()
            try store.write { connection in
                // A write that failed before reading its resource still names it, as the dashboard does.
                if !draft.isDescribed, let id, let current = try Store.find(kind.table, id: id, idp: context.idp.id, connection) {
                    draft.describe(current.json)
                }
                draft.describeBody()
                try Store.insert(draft.log(idp: context.idp.id, at: time, failure: failure), idpPK: context.idpPK, into: connection)
            }
            throw failure
        }
    }

    static func scimError(_ error: any Error) -> SCIMError {
        if let error = error as? SCIMError { return error }
        return SCIMError(status: 500, detail: "internal error: \(error)")
    }

    /// The JSON object of a request body, or the RFC's answer for one that is not.
    static func parseBody(_ request: HTTPRequest) throws(SCIMError) -> JSONObject {
        if let limit = request.bodyLimitExceeded {
            throw SCIMError(status: 413, detail: "the request body exceeds \(limit) bytes (serve --max-body-bytes)")
        }
        if let type = request.headers["Content-Type"]?.lowercased(), !type.contains("json") {
            throw SCIMError(status: 415, scimType: "invalidSyntax",
                            detail: "Content-Type \(type) is not accepted: send application/scim+json or application/json")
        }
        guard !request.body.isEmpty else { throw .invalidSyntax("Invalid JSON body: the request has no body") }
        let value: JSONValue
        do {
            value = try JSONReader.parse(request.body)
        } catch {
            throw .invalidSyntax("Invalid JSON body: \(error.description)")
        }
        guard let object = value.objectValue else { throw .invalidSyntax("Invalid JSON body: expected an object, found \(value.typeName)") }
        return object
    }

    /// Checks that `schemas` names the resource's core schema.
    static func checkSchemas(_ object: JSONObject, _ kind: SCIMResourceKind) throws(SCIMError) {
        guard let schemas = object.value(forAttribute: "schemas")?.arrayValue?.compactMap(\.stringValue) else {
            throw .invalidValue("schemas is required and must list \(kind.schema.id)")
        }
        guard schemas.contains(where: { $0.caseInsensitiveEquals(kind.schema.id) }) else {
            throw .invalidValue("schemas must list \(kind.schema.id); got \(schemas.joined(separator: ", "))")
        }
    }

    static func checkIfMatch(_ request: HTTPRequest, _ stored: StoredResource) throws(SCIMError) {
        guard let ifMatch = request.headers["If-Match"] else { return }
        guard ETagMatch.matches(ifMatch, SCIMPresenter.etag(stored.version)) else {
            throw SCIMError(status: 412, detail: "If-Match \(ifMatch) does not match the current version \(SCIMPresenter.etag(stored.version))")
        }
    }
}

extension SCIMService {
    /// Logs a write to `/populations/{idp}/scim/v2/Users|Groups` refused for its secret: the IdP is
    /// known from the path, and the dashboard shows such failures too. Reads and discovery are not logged.
    func logRejectedWrite(_ request: HTTPRequest, idp: String, id: String?, failure: SCIMError) {
        guard let method = UpdateLog.Method(rawValue: request.method), !request.path.hasSuffix("/.search") else { return }
        let kind: SCIMResourceKind
        if request.path.contains("/Users") { kind = .user } else if request.path.contains("/Groups") { kind = .group } else { return }
        var draft = LogDraft(method: method, kind: kind, cfResourceID: id, rawBody: request.body)
        draft.describeBody()
        let log = draft.log(idp: idp, at: clock(), failure: failure)
        _ = try? store.write { connection in
            if let pk = try Store.identityProviderPK(idp, connection) { try Store.insert(log, idpPK: pk, into: connection) }
        }
    }
}
