import JSON

/// The stored JSON of a resource: `schemas`, the server's `id`, `externalId`, then the client's
/// attributes in their order, then a `meta` the server owns. Attributes in `dropping` are kept
/// elsewhere (memberships) or never returned (`password`).
enum StoredForm {
    static func make(
        from input: JSONObject, id: String, schema: SCIMSchema, dropping: [String],
        created: Timestamp, lastModified: Timestamp
    ) -> JSONObject {
        let serverOwned = ["schemas", "id", "externalId", "meta"] + dropping
        var stored = JSONObject()
        stored["schemas"] = input.value(forAttribute: "schemas") ?? .array([.string(schema.id)])
        stored["id"] = .string(id)
        if let externalID = input.value(forAttribute: "externalId")?.stringValue { stored["externalId"] = .string(externalID) }
        for (key, value) in input.entries where !serverOwned.contains(where: { $0.caseInsensitiveEquals(key) }) {
            stored.entries.append((key, value))
        }
        stored["meta"] = .object(
            JSONObject([
                ("resourceType", .string(schema.name)),
                ("created", .string(created.rfc3339)),
                ("lastModified", .string(lastModified.rfc3339)),
            ]))
        return stored
    }
}
