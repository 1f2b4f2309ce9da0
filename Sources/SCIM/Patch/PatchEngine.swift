import JSON

/// Applies SCIM PATCH requests (RFC 7644 §3.5.2) to a stored User or Group, accepting the shapes real
/// IdPs send: Okta's no-path replaces that echo `id`, Entra's path-keyed no-path
/// values, OneLogin's member removal by value array.
public struct PatchEngine: Sendable {
    public let schema: SCIMSchema
    public let extensions: [SCIMSchema]

    public init(schema: SCIMSchema, extensions: [SCIMSchema]) {
        self.schema = schema
        self.extensions = extensions
    }

    /// Applies every operation in order to `resource` (the stored SCIM JSON of a User or Group) and returns
    /// the new JSON; all-or-nothing (throws on the first bad op and the caller keeps the old resource).
    public func apply(_ request: PatchRequest, to resource: JSONObject) throws(SCIMError) -> JSONObject {
        var result = resource
        for operation in request.operations {
            try apply(operation, to: &result)
        }
        return result
    }

    private func apply(_ operation: PatchOperation, to resource: inout JSONObject) throws(SCIMError) {
        if let path = operation.path {
            return try apply(operation.op, path: path, value: operation.value, to: &resource)
        }
        guard operation.op != .remove else { throw .noTarget("remove requires a path") }
        guard let object = operation.value?.objectValue else {
            throw .invalidValue("\(operation.op.rawValue) without a path requires an object value")
        }
        // Each key is a path of its own (Entra sends `name.givenName` and URN-qualified keys here).
        for (key, value) in object.entries {
            if isUnknownURN(key), value.objectValue != nil || value.isNull {
                applyOpaque(operation.op, key: key, value: value, to: &resource)
            } else {
                try apply(operation.op, path: key, value: value, to: &resource)
            }
        }
    }

    private func apply(_ op: PatchOperation.Op, path: String, value: JSONValue?, to resource: inout JSONObject) throws(SCIMError)
    {
        if let urn = ([schema] + extensions).first(where: { $0.id.caseInsensitiveEquals(path) })?.id {
            return try applyWholeSchema(op, urn: urn, value: value, to: &resource)
        }
        let target = try PatchTarget.resolve(path, schema: schema, extensions: extensions)
        if target.extensionURN == nil && target.attribute.name == "schemas" {
            return try checkSchemasWrite(op, value: value)
        }
        if target.attribute.mutability == .readOnly || target.subAttribute?.mutability == .readOnly {
            if isEcho(op, target: target, value: value, in: resource) { return }
            throw .mutability("attribute \"\(target.displayName)\" is readOnly")
        }
        let editor = AttributeEditor(target: target)
        guard let urn = target.extensionURN else {
            return try edit(editor, op, value: value, in: &resource)
        }
        let key = resource.keys.first { $0.caseInsensitiveEquals(urn) }
        var container = key.flatMap { resource[$0]?.objectValue } ?? JSONObject()
        try edit(editor, op, value: value, in: &container)
        if !container.entries.isEmpty {
            resource.setAttribute(urn, to: .object(container))
            addSchema(urn, to: &resource)
        } else if key != nil {
            removeExtension(urn, from: &resource)
        }
    }

    private func edit(_ editor: AttributeEditor, _ op: PatchOperation.Op, value: JSONValue?, in container: inout JSONObject)
        throws(SCIMError)
    {
        switch op {
        case .remove: editor.remove(value, from: &container)
        case .add, .replace:
            guard let value else { throw .invalidValue("\(op.rawValue) requires a value") }
            try editor.write(value, replacing: op == .replace, in: &container)
        }
    }

    /// A path naming a schema URN targets that schema's attributes as an object (a `schemas` key inside
    /// it is ignored); for an extension, remove (or a null value) drops the extension object and its URN
    /// from `schemas`.
    private func applyWholeSchema(_ op: PatchOperation.Op, urn: String, value: JSONValue?, to resource: inout JSONObject)
        throws(SCIMError)
    {
        if op == .remove || value?.isNull == true {
            guard urn != schema.id else { throw .mutability("the core schema \"\(urn)\" cannot be removed") }
            return removeExtension(urn, from: &resource)
        }
        guard let object = value?.objectValue else {
            throw .invalidValue("\"\(urn)\" expects an object, found \(value?.typeName ?? "nothing")")
        }
        // scim2-models clients put the extension's `schemas` inside its value; the engine manages `schemas`.
        for (key, member) in object.entries where !key.caseInsensitiveEquals("schemas") {
            try apply(op, path: "\(urn):\(key)", value: member, to: &resource)
        }
    }

    /// Okta echoes read-only values (`id`, `meta`) in no-path replaces; an unchanged value is not a write.
    /// An absent multi-valued attribute (the derived `groups`, never stored) equals an empty array.
    private func isEcho(_ op: PatchOperation.Op, target: PatchTarget, value: JSONValue?, in resource: JSONObject) -> Bool {
        guard op != .remove, target.extensionURN == nil, target.filter == nil, target.subAttribute == nil, let value else {
            return false
        }
        let absent: JSONValue? = target.attribute.multiValued ? .array([]) : nil
        guard let current = resource.value(forAttribute: target.attribute.name) ?? absent else { return false }
        return value.sameContent(as: current)
    }

    /// `schemas` is kept in step with the extension objects by the engine, so a well-formed write to it
    /// (Okta echoes it) is ignored rather than trusted.
    private func checkSchemasWrite(_ op: PatchOperation.Op, value: JSONValue?) throws(SCIMError) {
        guard op != .remove else { throw .mutability("\"schemas\" is maintained by the server") }
        guard let urns = value?.arrayValue, urns.allSatisfy({ $0.stringValue != nil }) else {
            throw .invalidValue("attribute \"schemas\" expects an array of strings")
        }
    }

    /// A `urn:` key of no known schema, such as an IdP's own extension: stored as an opaque object, as
    /// ResourceValidator accepts on create.
    private func isUnknownURN(_ key: String) -> Bool {
        key.lowercased().hasPrefix("urn:")
            && !([schema] + extensions).contains { key.lowercased().hasPrefix($0.id.lowercased()) }
    }

    private func applyOpaque(_ op: PatchOperation.Op, key: String, value: JSONValue, to resource: inout JSONObject) {
        guard var object = value.objectValue else { return removeExtension(key, from: &resource) }
        if op == .add, let current = resource.value(forAttribute: key)?.objectValue {
            var merged = current
            merged.merge(object)
            object = merged
        }
        resource.setAttribute(key, to: .object(object))
        addSchema(key, to: &resource)
    }

    private func addSchema(_ urn: String, to resource: inout JSONObject) {
        var urns = resource.value(forAttribute: "schemas")?.arrayValue ?? [.string(schema.id)]
        guard !urns.contains(where: { $0.stringValue?.caseInsensitiveEquals(urn) == true }) else { return }
        urns.append(.string(urn))
        resource.setAttribute("schemas", to: .array(urns))
    }

    private func removeExtension(_ urn: String, from resource: inout JSONObject) {
        resource.removeAttribute(urn)
        guard var urns = resource.value(forAttribute: "schemas")?.arrayValue else { return }
        urns.removeAll { $0.stringValue?.caseInsensitiveEquals(urn) == true }
        resource.setAttribute("schemas", to: .array(urns))
    }
}
