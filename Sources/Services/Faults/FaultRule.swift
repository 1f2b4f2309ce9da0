/// One fault-injection rule: which requests it matches, what it does to them, and when it fires.
/// Rules come from `/__admin/faults` and `serve --fault`; `FaultPlan` holds them with their counters.
public struct FaultRule: Sendable, Equatable {
    public var id: String
    public var match: FaultMatch
    public var action: FaultAction
    public var firing: FaultFiring

    public init(id: String, match: FaultMatch, action: FaultAction, firing: FaultFiring) {
        self.id = id
        self.match = match
        self.action = action
        self.firing = firing
    }
}
