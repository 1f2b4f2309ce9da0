import HTTPServer
import SCIM
import SQLite

extension SCIMService {
    func create(_ kind: SCIMResourceKind, _ context: SCIMContext, _ request: HTTPRequest, projection: Projection) throws -> HTTPResponse {
        try write(kind, .POST, context, id: nil, request) { connection, draft in
            let input = try Self.parseBody(request)
            try Self.checkSchemas(input, kind)
            let normalized = try kind.normalizer.normalize(input)
            let id = newID()
            draft.cfResourceID = id
            let now = clock()
            let pk = try persist(kind, id: id, input: normalized, created: now, pk: nil, idp: context.idp.id, connection)
            let stored = try Store.find(kind.table, id: id, idp: context.idp.id, connection)
                ?? StoredResource(pk: pk, id: id, json: normalized, version: 1)
            draft.describe(stored.json)
            let json = try SCIMPresenter(kind: kind, context: context).present(stored, projection, connection)
            var response = Self.json(201, json, etag: SCIMPresenter.etag(stored.version))
            response.headers.set("Location", context.location(kind, id))
            return response
        }
    }

    func replace(_ kind: SCIMResourceKind, id: String, _ context: SCIMContext, _ request: HTTPRequest, projection: Projection) throws -> HTTPResponse {
        try write(kind, .PUT, context, id: id, request) { connection, draft in
            let current = try existing(kind, id: id, context, connection, &draft)
            try Self.checkIfMatch(request, current)
            let input = try Self.parseBody(request)
            try Self.checkSchemas(input, kind)
            let normalized = try kind.normalizer.normalize(input)
            draft.describe(normalized)
            return try save(kind, current, normalized, context, projection, connection, &draft)
        }
    }

    func patch(_ kind: SCIMResourceKind, id: String, _ context: SCIMContext, _ request: HTTPRequest, projection: Projection) throws -> HTTPResponse {
        try write(kind, .PATCH, context, id: id, request) { connection, draft in
            let current = try existing(kind, id: id, context, connection, &draft)
            try Self.checkIfMatch(request, current)
            let patch = try PatchRequest.parse(try Self.parseBody(request))
            var resource = current.json
            if kind == .group {
                let members = try Store.members(ofGroup: current.pk, connection)
                if !members.isEmpty {
                    resource["members"] = .array(members.map { .object(JSONObject([("value", .string($0.id))])) })
                }
            }
            let patched = try PatchEngine(schema: kind.schema, extensions: kind.extensions).apply(patch, to: resource)
            let normalized = try kind.normalizer.normalize(patched)
            draft.describe(normalized)
            return try save(kind, current, normalized, context, projection, connection, &draft)
        }
    }

    func delete(_ kind: SCIMResourceKind, id: String, _ context: SCIMContext, _ request: HTTPRequest) throws -> HTTPResponse {
        try write(kind, .DELETE, context, id: id, request) { connection, draft in
            let current = try existing(kind, id: id, context, connection, &draft)
            try Self.checkIfMatch(request, current)
            try Store.delete(kind.table, pk: current.pk, connection)
            return HTTPResponse(status: 204)
        }
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
                      _ projection: Projection, _ connection: Connection, _ draft: inout LogDraft) throws -> HTTPResponse {
        let created = current.json["meta"]?.objectValue?["created"]?.stringValue.flatMap(Timestamp.init(rfc3339:)) ?? clock()
        _ = try persist(kind, id: current.id, input: input, created: created, pk: current.pk, idp: context.idp.id, connection)
        guard let stored = try Store.find(kind.table, id: current.id, idp: context.idp.id, connection) else {
            throw SCIMError.notFound("\(kind.schema.name) \(current.id) not found")
        }
        let json = try SCIMPresenter(kind: kind, context: context).present(stored, projection, connection)
        return Self.json(200, json, etag: SCIMPresenter.etag(stored.version))
    }

    /// Inserts (pk nil) or updates a resource, members included; returns its row id. Unique-name
    /// violations become 409 `uniqueness`, unknown members 400 `invalidValue`.
    private func persist(_ kind: SCIMResourceKind, id: String, input: JSONObject, created: Timestamp, pk: Int64?,
                         idp: String, _ connection: Connection) throws -> Int64 {
        let now = clock()
        do {
            switch kind {
            case .user:
                let user = UserResource(id: id, input: input, created: created, lastModified: now)
                if let pk { try Store.update(user, pk: pk, connection); return pk }
                try Store.insert(user, idp: idp, into: connection)
            case .group:
                let group = GroupResource(id: id, input: input, created: created, lastModified: now)
                let memberIDs = GroupResource.memberIDs(in: input)
                let known = try Store.userPKs(memberIDs, idp: idp, connection)
                if let unknown = memberIDs.first(where: { known[$0] == nil }) {
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
                try Store.setMembers(group: groupPK, users: memberIDs.compactMap { known[$0] }, connection)
                return groupPK
            }
            return connection.lastInsertRowID
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
