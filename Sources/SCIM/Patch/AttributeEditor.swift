import JSON

/// Applies one resolved operation to the object that holds the target attribute (the resource itself,
/// or an extension object). Mutability is checked by the caller; this type knows the shapes of values.
struct AttributeEditor {
    let target: PatchTarget

    /// Add (`replacing == false`) or replace. A null value removes the target. Add appends to a
    /// multi-valued attribute without duplicating an element already present; replace swaps the array.
    /// A filter that matches nothing creates the element it describes on add (`emails[type eq "work"]`
    /// becomes `{"type":"work", …}`) and is `noTarget` on replace.
    func write(_ value: JSONValue, replacing: Bool, in container: inout JSONObject) throws(SCIMError) {
        if value.isNull { return remove(nil, from: &container) }
        let attribute = target.attribute
        guard attribute.multiValued else { return try writeSingle(value, in: &container) }
        var elements = container.value(forAttribute: attribute.name)?.arrayValue ?? []
        if target.filter == nil && target.subAttribute == nil {
            let items = try ValueCoercer.elements(value, for: attribute, name: target.displayName)
            if replacing { elements = [] }
            for item in items where !elements.contains(where: { sameElement($0, item) }) {
                elements.append(item)
            }
        } else {
            let indices = matchingIndices(elements)
            if indices.isEmpty {
                if replacing && target.filter != nil {
                    throw .noTarget("no value of \"\(attribute.name)\" matches the path \"\(target.text)\"")
                }
                var element = try seedElement()
                try update(&element, with: value)
                elements.append(.object(element))
            }
            for index in indices {
                var element = elements[index].objectValue ?? JSONObject()
                try update(&element, with: value)
                elements[index] = .object(element)
            }
        }
        store(elements, in: &container)
    }

    /// Removes the target. With no filter and a `value`, removes only the elements it lists (OneLogin,
    /// JumpCloud and Entra remove members this way). Removing something absent changes nothing.
    func remove(_ value: JSONValue?, from container: inout JSONObject) {
        let attribute = target.attribute
        guard attribute.multiValued else {
            guard let sub = target.subAttribute else { return container.removeAttribute(attribute.name) }
            guard var parent = container.value(forAttribute: attribute.name)?.objectValue else { return }
            parent.removeAttribute(sub.name)
            if parent.entries.isEmpty {
                container.removeAttribute(attribute.name)
            } else {
                container.setAttribute(attribute.name, to: .object(parent))
            }
            return
        }
        guard var elements = container.value(forAttribute: attribute.name)?.arrayValue else { return }
        if target.filter == nil && target.subAttribute == nil {
            guard let value, !value.isNull else { return container.removeAttribute(attribute.name) }
            let doomed = value.arrayValue ?? [value]
            elements.removeAll { element in doomed.contains { sameElement(element, $0) } }
        } else if let sub = target.subAttribute {
            for index in matchingIndices(elements) {
                guard var element = elements[index].objectValue else { continue }
                element.removeAttribute(sub.name)
                elements[index] = .object(element)
            }
        } else {
            let doomed = Set(matchingIndices(elements))
            elements = elements.indices.filter { !doomed.contains($0) }.map { elements[$0] }
        }
        store(elements, in: &container)
    }

    private func writeSingle(_ value: JSONValue, in container: inout JSONObject) throws(SCIMError) {
        let attribute = target.attribute
        let current = container.value(forAttribute: attribute.name)
        if let sub = target.subAttribute {
            var parent = current?.objectValue ?? JSONObject()
            parent.setAttribute(sub.name, to: try ValueCoercer.stored(value, for: sub, name: target.displayName))
            container.setAttribute(attribute.name, to: .object(parent))
        } else if attribute.kind == .complex, var merged = current?.objectValue {
            // Sub-attributes not named in the value are left unchanged (RFC 7644 §3.5.2.1, §3.5.2.3).
            merged.merge(try ValueCoercer.single(value, for: attribute, name: attribute.name).objectValue ?? JSONObject())
            container.setAttribute(attribute.name, to: .object(merged))
        } else {
            container.setAttribute(attribute.name, to: try ValueCoercer.single(value, for: attribute, name: attribute.name))
        }
    }

    /// Sets the sub-attribute on one element, or merges an object value into it.
    private func update(_ element: inout JSONObject, with value: JSONValue) throws(SCIMError) {
        if let sub = target.subAttribute {
            element.setAttribute(sub.name, to: try ValueCoercer.stored(value, for: sub, name: target.displayName))
        } else {
            let object = try ValueCoercer.single(value, for: target.attribute, name: target.attribute.name).objectValue
            element.merge(object ?? JSONObject())
        }
    }

    /// Elements the filter selects; without a filter (`emails.value`), every element.
    private func matchingIndices(_ elements: [JSONValue]) -> [Int] {
        let schema = target.elementSchema
        return elements.indices.filter { index in
            guard let element = elements[index].objectValue else { return false }
            return target.filter?.matches(element, schema: schema) ?? true
        }
    }

    /// The element an add creates when its filter matches nothing: the filter's `eq` terms as members.
    private func seedElement() throws(SCIMError) -> JSONObject {
        guard let filter = target.filter else { return JSONObject() }
        guard let terms = equalities(filter) else {
            throw .noTarget(
                "no value of \"\(target.attribute.name)\" matches \"\(target.text)\", and its filter does not describe a new one")
        }
        let seed = JSONValue.object(JSONObject(terms))
        return try ValueCoercer.single(seed, for: target.attribute, name: target.attribute.name).objectValue ?? JSONObject()
    }

    private func equalities(_ filter: SCIMFilter) -> [(key: String, value: JSONValue)]? {
        switch filter {
        case .compare(let path, .eq, let value) where path.schemaURN == nil:
            guard let sub = path.subAttribute else { return [(path.attribute, value)] }
            return path.attribute.caseInsensitiveEquals(target.attribute.name) ? [(sub, value)] : nil
        case .and(let terms):
            var all: [(key: String, value: JSONValue)] = []
            for term in terms {
                guard let found = equalities(term) else { return nil }
                all += found
            }
            return all
        default:
            return nil
        }
    }

    /// Whether two elements are the same value: equal JSON, or equal `value` (respecting its caseExact)
    /// and no conflicting `type`. A bare string stands for `{"value": string}`.
    private func sameElement(_ a: JSONValue, _ b: JSONValue) -> Bool {
        if a.sameContent(as: b) { return true }
        guard target.attribute.kind == .complex, let valueAttribute = target.attribute.subAttribute("value") else { return false }
        func identity(_ element: JSONValue) -> (value: JSONValue?, type: String?) {
            if case .string = element { return (element, nil) }
            let object = element.objectValue
            return (object?.value(forAttribute: "value"), object?.value(forAttribute: "type")?.stringValue)
        }
        let (left, right) = (identity(a), identity(b))
        guard let x = left.value, let y = right.value else { return false }
        if let s = left.type, let t = right.type, !s.caseInsensitiveEquals(t) { return false }
        if !valueAttribute.caseExact, let s = x.stringValue, let t = y.stringValue { return s.caseInsensitiveEquals(t) }
        return x == y
    }

    /// An emptied multi-valued attribute is removed, as RFC 7643 §2.4 treats empty and unassigned alike.
    private func store(_ elements: [JSONValue], in container: inout JSONObject) {
        if elements.isEmpty {
            container.removeAttribute(target.attribute.name)
        } else {
            container.setAttribute(target.attribute.name, to: .array(elements))
        }
    }
}
