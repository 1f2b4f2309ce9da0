import JSON
import SCIM
import Store

extension SCIMService {
    public func create(_ kind: SCIMResourceKind, _ context: SCIMContext, _ input: SCIMWriteInput) throws -> SCIMWriteResult {
        try write(kind, .POST, context, id: nil, input, prepare: { try Self.resourceBody(input.body, kind) }) {
            resource, tx, draft in
            let id = newID()
            draft.cfResourceID = id
            let (pk, json) = try persist(kind, id: id, input: resource, created: clock(), pk: nil, tx)
            draft.describe(json)
            let stored = StoredResource(pk: pk, id: id, json: json, version: 1)
            let location = context.location(kind, id)
            // A user just created is in no group yet: nothing to read.
            if kind == .user {
                return Written(status: 201, record: SCIMRecord(resource: stored, references: []), location: location)
            }
            return try answer(201, kind, stored, context, input.projection, tx, location: location)
        }
    }

    public func replace(
        _ kind: SCIMResourceKind, id: String, _ context: SCIMContext,
        _ input: SCIMWriteInput
    ) throws -> SCIMWriteResult {
        try write(kind, .PUT, context, id: id, input, prepare: { try Self.resourceBody(input.body, kind) }) {
            resource, tx, draft in
            let current = try existing(kind, id: id, input, tx, &draft)
            draft.describe(resource)
            return try save(kind, current, resource, context, input.projection, tx)
        }
    }

    public func patch(
        _ kind: SCIMResourceKind, id: String, _ context: SCIMContext,
        _ input: SCIMWriteInput
    ) throws -> SCIMWriteResult {
        try write(kind, .PATCH, context, id: id, input, prepare: { try PatchRequest.parse(try input.body.object()) }) {
            patch, tx, draft in
            let current = try existing(kind, id: id, input, tx, &draft)
            var editable = current.json
            if kind == .group { editable["members"] = try tx.storedMembers(ofGroup: current) }
            let engine = PatchEngine(schema: kind.schema, extensions: kind.extensions)
            let normalized = try kind.normalizer.normalize(try engine.apply(patch, to: editable))
            draft.describe(normalized)
            return try save(kind, current, normalized, context, input.projection, tx)
        }
    }

    public func delete(
        _ kind: SCIMResourceKind, id: String, _ context: SCIMContext,
        _ input: SCIMWriteInput
    ) throws -> SCIMWriteResult {
        try write(kind, .DELETE, context, id: id, input, prepare: {}) { _, tx, draft in
            let current = try existing(kind, id: id, input, tx, &draft)
            try tx.delete(kind, pk: current.pk)
            return Written(status: 204, record: nil, location: nil)
        }
    }

    // MARK: Helpers

    /// What a write leaves to answer with, presented after the store's lock is released.
    private struct Written: Sendable {
        var status: Int
        var record: SCIMRecord?
        var location: String?
    }

    private func write<Input>(
        _ kind: SCIMResourceKind, _ method: UpdateLog.Method, _ context: SCIMContext, id: String?, _ input: SCIMWriteInput,
        prepare: () throws -> Input, apply: (Input, SCIMTransaction, inout UpdateLogDraft) throws -> Written
    ) throws -> SCIMWriteResult {
        let draft = UpdateLogDraft(method: method, kind: kind, cfResourceID: id, rawBody: input.body.bytes)
        let written = try store.scimWrite(draft, tenant: context.tenant, clock: clock, prepare: prepare, apply: apply)
        guard let record = written.record else { return SCIMWriteResult(status: written.status) }
        let presenter = SCIMPresenter(kind: kind, context: context)
        return SCIMWriteResult(
            status: written.status, resource: presenter.present(record, input.projection),
            etag: SCIMPresenter.etag(record.resource.version), location: written.location)
    }

    /// A POST or PUT body: JSON, the resource's schema listed, normalized and validated.
    private static func resourceBody(_ body: SCIMBody, _ kind: SCIMResourceKind) throws -> JSONObject {
        let input = try body.object()
        try checkSchemas(input, kind)
        return try kind.normalizer.normalize(input)
    }

    /// Checks that `schemas` names the resource's core schema.
    private static func checkSchemas(_ object: JSONObject, _ kind: SCIMResourceKind) throws(SCIMError) {
        guard let schemas = object.value(forAttribute: "schemas")?.arrayValue?.compactMap(\.stringValue) else {
            throw .invalidValue("schemas is required and must list \(kind.schema.id)")
        }
        guard schemas.contains(where: { $0.caseInsensitiveEquals(kind.schema.id) }) else {
            throw .invalidValue("schemas must list \(kind.schema.id); got \(schemas.joined(separator: ", "))")
        }
    }

    /// The stored resource, described into the log draft, after its `If-Match` precondition; or 404/412.
    private func existing(
        _ kind: SCIMResourceKind, id: String, _ input: SCIMWriteInput, _ tx: SCIMTransaction,
        _ draft: inout UpdateLogDraft
    ) throws -> StoredResource {
        guard let current = try tx.find(kind, id: id) else { throw SCIMError.notFound("\(kind.schema.name) \(id) not found") }
        draft.describe(current.json)
        let etag = SCIMPresenter.etag(current.version)
        if let ifMatch = input.ifMatch, !ETagMatch.matches(ifMatch, etag) {
            throw SCIMError(status: 412, detail: "If-Match \(ifMatch) does not match the current version \(etag)")
        }
        return current
    }

    /// Writes the new state of an existing resource and answers with it.
    private func save(
        _ kind: SCIMResourceKind, _ current: StoredResource, _ input: JSONObject, _ context: SCIMContext,
        _ projection: Projection, _ tx: SCIMTransaction
    ) throws -> Written {
        let created = current.json["meta"]?.objectValue?["created"]?.stringValue.flatMap(Timestamp.init(rfc3339:)) ?? clock()
        let (_, json) = try persist(kind, id: current.id, input: input, created: created, pk: current.pk, tx)
        let stored = StoredResource(pk: current.pk, id: current.id, json: json, version: current.version + 1)
        return try answer(200, kind, stored, context, projection, tx)
    }

    /// The written resource with what its answer shows; the derived list is read here, in the transaction.
    private func answer(
        _ status: Int, _ kind: SCIMResourceKind, _ stored: StoredResource, _ context: SCIMContext,
        _ projection: Projection, _ tx: SCIMTransaction, location: String? = nil
    ) throws -> Written {
        let derived = SCIMPresenter(kind: kind, context: context).needsDerived(projection)
        return Written(status: status, record: try tx.record(kind, stored, derived: derived), location: location)
    }

    /// Inserts (pk nil) or updates a resource, members included; returns its row id and stored JSON.
    /// A taken name is 409 `uniqueness`, an unknown member 400 `invalidValue`.
    private func persist(
        _ kind: SCIMResourceKind, id: String, input: JSONObject, created: Timestamp, pk: Int64?,
        _ tx: SCIMTransaction
    ) throws -> (Int64, JSONObject) {
        let now = clock()
        do {
            switch kind {
            case .user:
                let user = UserResource(id: id, input: input, created: created, lastModified: now)
                if let pk { try tx.update(user, pk: pk); return (pk, user.json) }
                return (try tx.insert(user), user.json)
            case .group:
                let group = GroupResource(id: id, input: input, created: created, lastModified: now)
                let members = GroupResource.members(in: input)
                if let pk { try tx.update(group, pk: pk, members: members); return (pk, group.json) }
                return (try tx.insert(group, members: members), group.json)
            }
        } catch StoreError.duplicate(let key) {
            throw Self.uniqueness(key, input: input, id: id)
        } catch StoreError.unknownMember(let member) {
            throw SCIMError.invalidValue("member \(member) is not a user of this identity provider")
        }
    }

    private static func uniqueness(_ key: StoreError.DuplicateKey, input: JSONObject, id: String) -> SCIMError {
        let taken = " is already taken in this identity provider"
        return switch key {
        case .userName: .uniqueness("userName \(input.value(forAttribute: "userName")?.stringValue ?? "")" + taken)
        case .groupDisplayName: .uniqueness("displayName \(input.value(forAttribute: "displayName")?.stringValue ?? "")" + taken)
        case .resourceID: .uniqueness("id \(id) is already taken")
        }
    }
}
