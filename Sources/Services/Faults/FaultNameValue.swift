/// A header or query parameter a rule requires: present with exactly this value.
public struct FaultNameValue: Sendable, Equatable {
    public var name: String
    public var value: String

    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}
