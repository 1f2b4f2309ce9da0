import JSON

/// An attribute definition from RFC 7643 §2: what a resource may carry and of which type. Used to
/// validate fixtures now and to describe `/Schemas` for the inbound SCIM endpoint.
public struct SCIMAttribute: Sendable {
    public enum Kind: Sendable {
        case string, boolean, dateTime, reference, integer, decimal, binary, complex

        /// What a value of this kind looks like, for "expected …, found …" errors.
        public var expectedValue: String {
            switch self {
            case .string, .reference, .binary: "a string"
            case .boolean: "a boolean"
            case .dateTime: "an RFC 3339 date-time string"
            case .integer: "an integer"
            case .decimal: "a number"
            case .complex: "an object"
            }
        }
    }
    public enum Mutability: String, Sendable { case readOnly, readWrite, immutable, writeOnly }

    public var name: String
    public var kind: Kind
    public var multiValued: Bool
    public var required: Bool
    public var caseExact: Bool
    public var mutability: Mutability
    public var subAttributes: [SCIMAttribute]
    /// For references: what they point at (RFC 7643 §7), published in `/Schemas`.
    public var referenceTypes: [String]
    public var canonicalValues: [String]

    public init(
        _ name: String, _ kind: Kind = .string, multiValued: Bool = false, required: Bool = false,
        caseExact: Bool = false, mutability: Mutability = .readWrite, subAttributes: [SCIMAttribute] = [],
        referenceTypes: [String] = [], canonicalValues: [String] = []
    ) {
        self.name = name
        self.kind = kind
        self.multiValued = multiValued
        self.required = required
        self.caseExact = caseExact
        self.mutability = mutability
        self.subAttributes = subAttributes
        self.referenceTypes = referenceTypes
        self.canonicalValues = canonicalValues
    }

    public func subAttribute(_ name: String) -> SCIMAttribute? {
        subAttributes.first { $0.name.caseInsensitiveEquals(name) }
    }

    /// The usual sub-attributes of a multi-valued attribute (RFC 7643 §2.4), as §8.7.1 defines them.
    static func multiValuedComplex(_ name: String, value: SCIMAttribute = SCIMAttribute("value")) -> SCIMAttribute {
        SCIMAttribute(
            name, .complex, multiValued: true,
            subAttributes: [
                value, SCIMAttribute("display"), SCIMAttribute("type"), SCIMAttribute("primary", .boolean),
            ])
    }
}
