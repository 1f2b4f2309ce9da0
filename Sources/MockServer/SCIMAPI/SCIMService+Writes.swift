import HTTPServer
import SCIM
import SQLite
import JSON

extension SCIMService {
    func create(_ kind: SCIMResourceKind, _ context: SCIMContext, _ request: HTTPRequest, projection: Projection) throws -> HTTPResponse {
        try write(kind, .POST, context, id: nil, request, prepare: { try Self.resourceBody(request, kind) }) { connection, input, draft in
            let id = newID()
            draft.cfResourceID = id
            let (pk, storedJSON) = try persist(kind, id: id, input: input, created: clock(), pk: nil, idp: context.idp.id, connection)
            let stored = StoredResource(pk: pk, id: id, json: storedJSON, version: 1)
            draft.describe(stored.json)
            let json = try SCIMPresenter(kind: kind, context: context).present(stored, projection, connection)
            return WriteResult(status: 201, json: json, version: stored.version, location: context.location(kind, id))
        }
    }

    func replace(_ kind: SCIMResourceKind, id: String, _ context: SCIMContext, _ request: HTTPRequest, projection: Projection) throws -> HTTPResponse {
        try write(kind, .PUT, context, id: id, request, prepare: { try Self.resourceBody(request, kind) }) { connection, input, draft in
            let current = try existing(kind, id: id, context, connection, &draft)
            try Self.checkIfMatch(request, current)
            draft.describe(input)
            return try save(kind, current, input, context, projection, connection, &draft)
        }
    }

    func patch(_ kind: SCIMResourceKind, id: String, _ context: SCIMContext, _ request: HTTPRequest, projection: Projection) throws -> HTTPResponse {
        try write(kind, .PATCH, context, id: id, request, prepare: { try PatchRequest.parse(try Self.parseBody(request)) }) { connection, patch, draft in
            let current = try existing(kind, id: id, context, connection, &draft)
            try Self.checkIfMatch(request, current)
            let engine = PatchEngine(schema: kind.schema, extensions: kind.extensions)
            let normalized = try kind.normalizer.normalize(try engine.apply(patch, to: try Self.patchable(kind, current, connection)))
            draft.describe(normalized)
            return try save(kind, current, normalized, context, projection, connection, &draft)
        }
    }

    /// What the PATCH engine edits: the stored JSON, with a group's members (and the displays their
    /// clients sent) put back in.
    private static func patchable(_ kind: SCIMResourceKind, _ current: StoredResource, _ connection: Connection) throws -> JSONObject {
        var resource = current.json
        if kind == .group { resource["members"] = try Store.memberList(ofGroup: current.pk, connection) }
        return resource
    }

    func delete(_ kind: SCIMResourceKind, id: String, _ context: SCIMContext, _ request: HTTPRequest) throws -> HTTPResponse {
        try write(kind, .DELETE, context, id: id, request, prepare: {}) { connection, _, draft in
            let current = try existing(kind, id: id, context, connection, &draft)
            try Self.checkIfMatch(request, current)
            try Store.delete(kind.table, pk: current.pk, connection)
            return WriteResult(status: 204)
        }
    }

    /// A POST or PUT body: JSON, the resource's schema listed, normalized and validated.
    private static func resourceBody(_ request: HTTPRequest, _ kind: SCIMResourceKind) throws -> JSONObject {
        let input = try parseBody(request)
        try checkSchemas(input, kind)
        return try kind.normalizer.normalize(input)
    }

    // MARK: Helpers

    /// The stored resource, described into the log draft, or 404.
    private func existing(_ kind: SCIMResourceKind, id: String, _ context: SCIMContext, _ connection: Connection,
                          _ draft: inout LogDraft) throws -> StoredResource {
        guard let current = try Store.find(kind.table, id: id, idp: context.idp.id, connection) else {
            throw SCIMError.notFound("\(kind.schema.name) \(id) not found")
        }
        draft.describe(current.json)
        return current
    }

    /// Writes the new state of an existing resource and answers with it.
    private func save(_ kind: SCIMResourceKind, _ current: StoredResource, _ input: JSONObject, _ context: SCIMContext,
                      _ projection: Projection, _ connection: Connection, _ draft: inout LogDraft) throws -> WriteResult {
        let created = current.json["meta"]?.objectValue?["created"]?.stringValue.flatMap(Timestamp.init(rfc3339:)) ?? clock()
        let (_, storedJSON) = try persist(kind, id: current.id, input: input, created: created, pk: current.pk, idp: context.idp.id, connection)
        let stored = StoredResource(pk: current.pk, id: current.id, json: storedJSON, version: current.version + 1)
        let json = try SCIMPresenter(kind: kind, context: context).present(stored, projection, connection)
        return WriteResult(status: 200, json: json, version: stored.version)
    }

    /// Inserts (pk nil) or updates a resource, members included; returns its row id and stored JSON.
    /// Unique-name violations become 409 `uniqueness`, unknown members 400 `invalidValue`.
    private func persist(_ kind: SCIMResourceKind, id: String, input: JSONObject, created: Timestamp, pk: Int64?,
                         idp: String, _ connection: Connection) throws -> (Int64, JSONObject) {
        let now = clock()
        do {
            switch kind {
            case .user:
                let user = UserResource(id: id, input: input, created: created, lastModified: now)
                if let pk { try Store.update(user, pk: pk, connection); return (pk, user.json) }
                try Store.insert(user, idp: idp, into: connection)
                return (connection.lastInsertRowID, user.json)
            case .group:
                let group = GroupResource(id: id, input: input, created: created, lastModified: now)
                let members = GroupResource.members(in: input)
                let known = try Store.userPKs(members.map(\.id), idp: idp, connection)
                if let unknown = members.first(where: { known[$0.id] == nil })?.id {
                    throw SCIMError.invalidValue("member \(unknown) is not a user of this identity provider")
                }
                let groupPK: Int64
                if let pk {
                    try Store.update(group, pk: pk, connection)
                    groupPK = pk
                } else {
                    try Store.insert(group, idp: idp, into: connection)
                    groupPK = connection.lastInsertRowID
                }
                try Store.setMembers(group: groupPK, users: members.compactMap { m in known[m.id].map { ($0, m.display) } }, connection)
                return (groupPK, group.json)
            }
        } catch let error as SQLiteError where error.isConstraintViolation {
            if error.message.contains("user_name") {
                throw SCIMError.uniqueness("userName \(input.value(forAttribute: "userName")?.stringValue ?? "") is already taken in this identity provider")
            }
            if error.message.contains("display_name") {
                throw SCIMError.uniqueness("displayName \(input.value(forAttribute: "displayName")?.stringValue ?? "") is already taken in this identity provider")
            }
            throw SCIMError.uniqueness("id \(id) is already taken")
        }
    }
}
