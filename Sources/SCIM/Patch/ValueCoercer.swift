import JSON

/// Checks a PATCH value against an attribute's type and normalises what real IdPs send: `"True"` /
/// `"False"` strings for booleans (Entra), and for a single-valued complex attribute with a `value`
/// sub-attribute (`manager`) a one-element array or a bare id string. Type errors are `invalidValue`
/// naming the attribute; unknown sub-attributes are `invalidPath`, except inside an element of a
/// multi-valued attribute (a group member, an email), where IdPs put keys of their own: those are ignored.
enum ValueCoercer {
    /// The elements to store for a multi-valued attribute: an array, or a single element to wrap.
    /// Null elements are dropped.
    static func elements(_ value: JSONValue, for attribute: SCIMAttribute, name: String) throws(SCIMError) -> [JSONValue] {
        var result: [JSONValue] = []
        for item in value.arrayValue ?? [value] where !item.isNull {
            result.append(try single(item, for: attribute, name: name))
        }
        return result
    }

    /// The value to store for the whole attribute, whether single- or multi-valued.
    static func stored(_ value: JSONValue, for attribute: SCIMAttribute, name: String) throws(SCIMError) -> JSONValue {
        attribute.multiValued
            ? .array(try elements(value, for: attribute, name: name)) : try single(value, for: attribute, name: name)
    }

    /// The value to store for a single-valued attribute or for one element of a multi-valued one.
    static func single(_ value: JSONValue, for attribute: SCIMAttribute, name: String) throws(SCIMError) -> JSONValue {
        switch (attribute.kind, value) {
        case (.string, .string), (.reference, .string), (.binary, .string), (.boolean, .bool), (.decimal, .number):
            return value
        case (.boolean, .string(let text)) where text.caseInsensitiveEquals("true"):
            return .bool(true)
        case (.boolean, .string(let text)) where text.caseInsensitiveEquals("false"):
            return .bool(false)
        case (.integer, .number(let lexeme)) where Int(lexeme) != nil:
            return value
        case (.dateTime, .string(let text)) where Timestamp(rfc3339: text) != nil:
            return value
        case (.complex, _):
            return .object(try complex(value, for: attribute, name: name))
        default:
            throw .invalidValue("attribute \"\(name)\" expects \(attribute.kind.expectedValue), found \(value.typeName)")
        }
    }

    private static func complex(_ value: JSONValue, for attribute: SCIMAttribute, name: String) throws(SCIMError) -> JSONObject {
        var value = value
        if !attribute.multiValued && attribute.subAttribute("value") != nil {
            if case .array(let items) = value, items.count == 1 { value = items[0] }
            if case .string = value { value = .object(JSONObject([("value", value)])) }
        }
        guard let object = value.objectValue else {
            throw .invalidValue("attribute \"\(name)\" expects an object, found \(value.typeName)")
        }
        var result = JSONObject()
        for (key, member) in object.entries {
            guard let sub = attribute.subAttribute(key) else {
                if attribute.multiValued { continue }
                throw .invalidPath("unknown attribute \"\(name).\(key)\"")
            }
            // Null means unassigned; read-only sub-attributes in a request are ignored (RFC 7643 §2.2).
            if member.isNull || sub.mutability == .readOnly { continue }
            let subName = "\(name).\(sub.name)"
            result.setAttribute(sub.name, to: try stored(member, for: sub, name: subName))
        }
        return result
    }

}
