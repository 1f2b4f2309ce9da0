import JSON

extension SCIMFilter {
    /// Evaluates against a resource. Attribute names are case-insensitive; strings compare
    /// case-insensitively unless the schema marks the attribute `caseExact`. An attribute qualified with
    /// an extension URN, or a bare one only an extension defines, is looked up in the resource's object
    /// under that URN. Multi-valued attributes match when any element matches (`emails eq "x"` compares
    /// the elements' `value`). gt/ge/lt/le order strings lexicographically, numbers numerically and
    /// dateTime attributes as instants; booleans support eq/ne only. `pr` needs a value that is not null,
    /// not an empty string, not an empty array or object. `eq null` means "not present", `ne null`
    /// "present". Missing attributes never match, except through `not`.
    public func matches(_ resource: JSONObject, schema: SCIMSchema, extensions: [SCIMSchema] = []) -> Bool {
        FilterEvaluator(attributes: schema.attributes, schemaID: schema.id, extensions: extensions).matches(self, resource)
    }
}

/// Evaluates filters against one level of a resource: the resource itself, or an element inside a
/// value filter, whose attribute definitions are the complex attribute's sub-attributes.
struct FilterEvaluator {
    /// A value a path names, with its definition when the schema has one (for `caseExact` and `kind`).
    private typealias Target = (value: JSONValue, definition: SCIMAttribute?)

    let attributes: [SCIMAttribute]
    /// The schema whose URN qualifies attributes of this level; nil inside a value filter.
    let schemaID: String?
    let extensions: [SCIMSchema]

    func matches(_ filter: SCIMFilter, _ object: JSONObject) -> Bool {
        switch filter {
        case .and(let terms): terms.allSatisfy { matches($0, object) }
        case .or(let terms): terms.contains { matches($0, object) }
        case .not(let inner): !matches(inner, object)
        case .present(let path): targets(path, in: object).contains { Self.isPresent($0.value) }
        case .compare(let path, let op, .null):
            switch op {
            case .eq: !matches(.present(path), object)
            case .ne: matches(.present(path), object)
            default: false
            }
        case .compare(let path, let op, let expected):
            targets(path, in: object).flatMap(Self.comparable).contains {
                Self.compare($0.value, op, expected, definition: $0.definition)
            }
        case .valuePath(let path, let inner):
            targets(path, in: object).contains { target in
                let scope = FilterEvaluator(attributes: target.definition?.subAttributes ?? [], schemaID: nil, extensions: [])
                let elements = target.value.arrayValue ?? [target.value]
                return elements.contains { $0.objectValue.map { scope.matches(inner, $0) } ?? false }
            }
        }
    }

    /// The values `path` names in `object`: the attribute's value, or each element's sub-attribute.
    private func targets(_ path: AttributePath, in object: JSONObject) -> [Target] {
        guard let (container, definitions) = container(of: path, in: object),
            let value = container.value(forAttribute: path.attribute)
        else { return [] }
        let definition = definitions.first { $0.name.caseInsensitiveEquals(path.attribute) }
        guard let sub = path.subAttribute else { return [(value, definition)] }
        let subDefinition = definition?.subAttribute(sub)
        return (value.arrayValue ?? [value]).compactMap { element in
            element.objectValue?.value(forAttribute: sub).map { ($0, subDefinition) }
        }
    }

    /// The object holding `path.attribute` and the definitions of its level: the resource for core
    /// attributes, the URN-keyed object for extension attributes.
    private func container(of path: AttributePath, in object: JSONObject) -> (JSONObject, [SCIMAttribute])? {
        if let urn = path.schemaURN {
            if let schemaID, urn.caseInsensitiveEquals(schemaID) { return (object, attributes) }
            guard let extensionObject = object.value(forAttribute: urn)?.objectValue else { return nil }
            return (extensionObject, extensions.first { $0.id.caseInsensitiveEquals(urn) }?.attributes ?? [])
        }
        let isCore = attributes.contains { $0.name.caseInsensitiveEquals(path.attribute) }
        if isCore || object.value(forAttribute: path.attribute) != nil { return (object, attributes) }
        for schema in extensions where schema.attribute(path.attribute) != nil {
            if let extensionObject = object.value(forAttribute: schema.id)?.objectValue {
                return (extensionObject, schema.attributes)
            }
        }
        return nil
    }

    /// What a comparison sees of a target: array elements one by one, and a complex value's `value`
    /// sub-attribute (RFC 7644 §3.4.2.2: `emails eq "x"` compares the emails' values).
    private static func comparable(_ target: Target) -> [Target] {
        (target.value.arrayValue ?? [target.value]).compactMap { element in
            guard let object = element.objectValue else { return (element, target.definition) }
            return object.value(forAttribute: "value").map { ($0, target.definition?.subAttribute("value")) }
        }
    }

    static func isPresent(_ value: JSONValue) -> Bool {
        switch value {
        case .null: false
        case .bool, .number: true
        case .string(let text): !text.isEmpty
        case .array(let elements): elements.contains(where: isPresent)
        case .object(let object): object.entries.contains { isPresent($0.value) }
        }
    }

    static func compare(_ actual: JSONValue, _ op: CompareOperator, _ expected: JSONValue, definition: SCIMAttribute?) -> Bool {
        switch (actual, expected) {
        case (.string(let lhs), .string(let rhs)):
            if definition?.kind == .dateTime, op == .eq || op == .ne || op.isOrdering,
                let left = Timestamp(rfc3339: lhs), let right = Timestamp(rfc3339: rhs)
            {
                return order(left, op, right)
            }
            if definition?.caseExact == true { return compareStrings(lhs, op, rhs) }
            return compareStrings(lhs.lowercased(), op, rhs.lowercased())
        case (.number(let lhs), .number(let rhs)):
            guard !(op == .co || op == .sw || op == .ew), let left = Double(lhs), let right = Double(rhs) else { return false }
            return order(left, op, right)
        case (.bool(let lhs), .bool(let rhs)):
            return op == .eq ? lhs == rhs : op == .ne ? lhs != rhs : false
        default:
            return false
        }
    }

    private static func compareStrings(_ lhs: String, _ op: CompareOperator, _ rhs: String) -> Bool {
        switch op {
        case .co: lhs.contains(rhs)
        case .sw: lhs.hasPrefix(rhs)
        case .ew: lhs.hasSuffix(rhs)
        default: order(lhs, op, rhs)
        }
    }

    private static func order<T: Comparable>(_ lhs: T, _ op: CompareOperator, _ rhs: T) -> Bool {
        switch op {
        case .eq: lhs == rhs
        case .ne: lhs != rhs
        case .gt: lhs > rhs
        case .ge: lhs >= rhs
        case .lt: lhs < rhs
        case .le: lhs <= rhs
        case .co, .sw, .ew: false
        }
    }
}
