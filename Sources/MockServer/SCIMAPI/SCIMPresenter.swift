import SCIM
import SQLite
import JSON

/// Turns a stored row into the resource a SCIM client reads: `meta.location` and `meta.version`
/// added, the derived `User.groups` or `Group.members` filled in, `attributes=` honoured.
struct SCIMPresenter {
    let kind: SCIMResourceKind
    let context: SCIMContext

    static func etag(_ version: Int) -> String { "W/\"\(version)\"" }

    /// The full resource before projection (what filters are evaluated against).
    func full(_ stored: StoredResource, _ connection: Connection, includeDerived: Bool = true) throws -> JSONObject {
        var json = stored.json
        var meta = json["meta"]?.objectValue ?? JSONObject()
        meta["location"] = .string(context.location(kind, stored.id))
        meta["version"] = .string(Self.etag(stored.version))
        json["meta"] = nil
        // Derived lists go before meta, which stays last.
        if includeDerived {
            switch kind {
            case .user:
                let groups = try Store.groups(ofUser: stored.pk, connection)
                if !groups.isEmpty {
                    json["groups"] = .array(groups.map { ref in
                        .object(JSONObject([("value", .string(ref.id)), ("display", .string(ref.display ?? "")),
                                            ("$ref", .string(context.location(.group, ref.id))), ("type", .string("direct"))]))
                    })
                }
            case .group:
                let members = try Store.members(ofGroup: stored.pk, computedDisplay: true, connection)
                if !members.isEmpty {
                    json["members"] = .array(members.map { ref in
                        var member = JSONObject([("value", .string(ref.id))])
                        if let display = ref.display { member["display"] = .string(display) }
                        member["$ref"] = .string(context.location(.user, ref.id))
                        member["type"] = .string("User")
                        return .object(member)
                    })
                }
            }
        }
        json["meta"] = .object(meta)
        return json
    }

    /// The resource as returned, with `projection` applied; derived lists are skipped when dropped.
    func present(_ stored: StoredResource, _ projection: Projection, _ connection: Connection) throws -> JSONObject {
        let derived = kind == .user ? "groups" : "members"
        let json = try full(stored, connection, includeDerived: !projection.drops(derived, schemaURN: kind.schema.id))
        return projection.apply(json, schemaURN: kind.schema.id)
    }
}
