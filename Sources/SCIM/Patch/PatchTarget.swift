import JSON

/// A PATCH path resolved against the resource's schemas: which attribute, in the core resource or in an
/// extension object, optionally narrowed by a value filter and a sub-attribute. Resolving up front turns
/// unknown names and malformed paths into `invalidPath` before anything is changed.
struct PatchTarget {
    /// The extension schema whose object holds the attribute; nil for a core attribute.
    var extensionURN: String?
    var attribute: SCIMAttribute
    var filter: SCIMFilter?
    var subAttribute: SCIMAttribute?
    /// The path as sent, for error messages.
    var text: String

    static func resolve(_ text: String, schema: SCIMSchema, extensions: [SCIMSchema]) throws(SCIMError) -> PatchTarget {
        let parsed: PatchPath
        do {
            parsed = try FilterParser.parsePatchPath(text)
        } catch {
            let shown = text.count > 200 ? text.prefix(200) + "…" : Substring(text)
            throw error.scimType == "invalidFilter" ? .invalidPath("invalid path \"\(shown)\": \(error.detail)") : error
        }
        var extensionURN: String?
        var attributes = schema.attributes
        if let urn = parsed.attribute.schemaURN, !urn.caseInsensitiveEquals(schema.id) {
            guard let ext = extensions.first(where: { $0.id.caseInsensitiveEquals(urn) }) else {
                throw .invalidPath("unknown schema \"\(urn)\" in path \"\(text)\"")
            }
            extensionURN = ext.id
            attributes = ext.attributes
        }
        let name = parsed.attribute.attribute
        guard let attribute = attributes.first(where: { $0.name.caseInsensitiveEquals(name) }) else {
            throw .invalidPath("unknown attribute \"\(name)\" in path \"\(text)\"")
        }
        if parsed.filter != nil && !(attribute.multiValued && attribute.kind == .complex) {
            throw .invalidPath("path \"\(text)\" filters \"\(attribute.name)\", which is not a multi-valued complex attribute")
        }
        if parsed.attribute.subAttribute != nil && parsed.subAttribute != nil {
            throw .invalidPath("path \"\(text)\" names two sub-attributes")
        }
        var subAttribute: SCIMAttribute?
        if let subName = parsed.attribute.subAttribute ?? parsed.subAttribute {
            guard let sub = attribute.subAttribute(subName) else {
                throw .invalidPath("unknown attribute \"\(attribute.name).\(subName)\" in path \"\(text)\"")
            }
            subAttribute = sub
        }
        return PatchTarget(
            extensionURN: extensionURN, attribute: attribute, filter: parsed.filter,
            subAttribute: subAttribute, text: text)
    }

    /// The name errors use: `emails.value`, `name.givenName`, `userName`.
    var displayName: String {
        subAttribute.map { "\(attribute.name).\($0.name)" } ?? attribute.name
    }

    /// A schema whose attributes are the sub-attributes, so the filter evaluator can match one element.
    var elementSchema: SCIMSchema {
        SCIMSchema(id: attribute.name, name: attribute.name, attributes: attribute.subAttributes)
    }
}
