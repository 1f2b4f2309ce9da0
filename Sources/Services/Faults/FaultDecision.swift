/// A rule that fired: which, what to do, and for a delay the drawn latency.
public struct FaultDecision: Sendable, Equatable {
    public var ruleID: String
    public var action: FaultAction
    public var latencyMilliseconds: Double?
}
