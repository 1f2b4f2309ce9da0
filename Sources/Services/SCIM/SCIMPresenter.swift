import JSON
import SCIM
import Store

/// Turns a stored record into the resource a SCIM client reads: `meta.location` and `meta.version`
/// added, the derived `User.groups` or `Group.members` filled in, `attributes=` honoured. Pure: the
/// store has already read what it shows.
struct SCIMPresenter {
    let kind: SCIMResourceKind
    let context: SCIMContext

    static func etag(_ version: Int) -> String { "W/\"\(version)\"" }

    /// The full resource before projection (what filters are evaluated against).
    func full(_ record: SCIMRecord) -> JSONObject {
        var json = record.resource.json
        var meta = json["meta"]?.objectValue ?? JSONObject()
        meta["location"] = .string(context.location(kind, record.resource.id))
        meta["version"] = .string(Self.etag(record.resource.version))
        json["meta"] = nil
        // Derived lists go before meta, which stays last.
        if let references = record.references, !references.isEmpty {
            json[kind.derivedAttribute] = .array(references.map(reference))
        }
        json["meta"] = .object(meta)
        return json
    }

    func reference(_ ref: ResourceReference) -> JSONValue {
        switch kind {
        case .user:
            .object(
                JSONObject([
                    ("value", .string(ref.id)), ("display", .string(ref.display ?? "")),
                    ("$ref", .string(context.location(.group, ref.id))), ("type", .string("direct")),
                ]))
        case .group:
            groupMember(ref)
        }
    }

    private func groupMember(_ ref: ResourceReference) -> JSONValue {
        var member = JSONObject([("value", .string(ref.id))])
        if let display = ref.display { member["display"] = .string(display) }
        member["$ref"] = .string(context.location(.user, ref.id))
        member["type"] = .string("User")
        return .object(member)
    }

    /// The resource as returned, with `projection` applied.
    func present(_ record: SCIMRecord, _ projection: Projection) -> JSONObject {
        projection.apply(full(record), schemaURN: kind.schema.id)
    }

    /// Whether a response with `projection` shows the derived list (so the store need not read it).
    func needsDerived(_ projection: Projection) -> Bool {
        !projection.drops(kind.derivedAttribute, schemaURN: kind.schema.id)
    }
}
