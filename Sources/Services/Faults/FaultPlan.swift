import Store
import Synchronization

/// The fault rules in force, in order, with what each has matched and fired. The first rule that
/// matches a request and fires decides; a rule that matches without firing (not its turn, not drawn,
/// used up) lets the next one try. With no rules a request costs one atomic load.
public final class FaultPlan: Sendable {
    /// A rule with its counters and generator, shared by the requests that reach it.
    final class Armed: Sendable {
        let rule: FaultRule
        let state: Mutex<State>

        struct State {
            var matched = 0
            var fired = 0
            var random: SplitMix64
        }

        init(_ rule: FaultRule) {
            self.rule = rule
            state = Mutex(State(random: SplitMix64(seed: rule.firing.seed)))
        }

        /// Counts a match and says whether the rule fires on it, with the latency drawn for a delay.
        func fire() -> FaultDecision? {
            state.withLock { state in
                let firing = rule.firing
                if let times = firing.times, state.fired >= times { return nil }
                state.matched += 1
                guard state.matched % firing.every == 0 else { return nil }
                if let probability = firing.probability, state.random.unitInterval() >= probability { return nil }
                state.fired += 1
                var latency: Double?
                if case .delay(let distribution) = rule.action { latency = distribution.sample(&state.random) }
                return FaultDecision(ruleID: rule.id, action: rule.action, latencyMilliseconds: latency)
            }
        }
    }

    /// A rule as listed: the rule and its counters.
    public struct Listing: Sendable {
        public var rule: FaultRule
        public var matched: Int
        public var fired: Int

        /// A rule that has not matched yet.
        public init(_ rule: FaultRule) {
            self.init(rule: rule, matched: 0, fired: 0)
        }

        init(rule: FaultRule, matched: Int, fired: Int) {
            self.rule = rule
            self.matched = matched
            self.fired = fired
        }
    }

    /// Rules in force at most: every request walks the list, so it may not grow without bound.
    public static let maxRules = 1000

    private let rules = Mutex<[Armed]>([])
    private let count = Atomic<Int>(0)
    private let nextNumber = Atomic<Int>(1)

    public init() {}

    /// Starts with `rules` (as `serve --fault` gives them); duplicate ids are refused.
    public convenience init(_ rules: [FaultRule]) throws(AdminError) {
        self.init()
        try replaceAll(rules)
    }

    public var isEmpty: Bool { count.load(ordering: .relaxed) == 0 }

    /// What to do to a request, or nil to serve it as usual.
    public func decide<Facts: FaultRequestFacts>(_ facts: Facts) -> FaultDecision? {
        guard !isEmpty else { return nil }
        let armed = rules.withLock { $0 }
        for rule in armed where rule.rule.match.matches(facts) {
            if let decision = rule.fire() { return decision }
        }
        return nil
    }

    public func list() -> [Listing] {
        rules.withLock { $0 }.map { armed in
            let state = armed.state.withLock { $0 }
            return Listing(rule: armed.rule, matched: state.matched, fired: state.fired)
        }
    }

    public func rule(_ id: String) -> Listing? { list().first { $0.rule.id == id } }

    /// Appends a rule (named `fault-N` when it has no id); an id already in use, or a rule past
    /// `maxRules`, is refused.
    @discardableResult
    public func add(_ rule: FaultRule) throws(AdminError) -> FaultRule {
        try rules.withLock { (rules) throws(AdminError) in
            guard rules.count < Self.maxRules else { throw Self.full }
            let named = named(rule, avoiding: rules)
            guard !rules.contains(where: { $0.rule.id == named.id }) else {
                throw AdminError(status: 409, message: "a fault rule with id \"\(named.id)\" exists (PUT it to replace it)")
            }
            rules.append(Armed(named))
            count.store(rules.count, ordering: .relaxed)
            return named
        }
    }

    /// Replaces every rule at once (counters start again); duplicate ids, or more than `maxRules`, are
    /// refused and change nothing.
    public func replaceAll(_ newRules: [FaultRule]) throws(AdminError) {
        guard newRules.count <= Self.maxRules else {
            throw AdminError(status: 400, message: "at most \(Self.maxRules) fault rules can be in force")
        }
        try rules.withLock { (rules) throws(AdminError) in
            var armed: [Armed] = []
            for rule in newRules {
                let named = named(rule, avoiding: armed)
                guard !armed.contains(where: { $0.rule.id == named.id }) else {
                    throw AdminError(status: 400, message: "fault rule id \"\(named.id)\" is given twice")
                }
                armed.append(Armed(named))
            }
            rules = armed
            count.store(rules.count, ordering: .relaxed)
        }
    }

    /// Puts `rule` under `id` in place of the rule of that id (or at the end), its counters at zero.
    /// Returns whether it replaced one; adding one past `maxRules` is refused.
    @discardableResult
    public func put(_ rule: FaultRule, id: String) throws(AdminError) -> Bool {
        var rule = rule
        rule.id = id
        return try rules.withLock { (rules) throws(AdminError) in
            defer { count.store(rules.count, ordering: .relaxed) }
            if let index = rules.firstIndex(where: { $0.rule.id == id }) {
                rules[index] = Armed(rule)
                return true
            }
            guard rules.count < Self.maxRules else { throw Self.full }
            rules.append(Armed(rule))
            return false
        }
    }

    /// Removes the rule of that id; false when there is none.
    public func remove(_ id: String) -> Bool {
        rules.withLock { rules in
            let before = rules.count
            rules.removeAll { $0.rule.id == id }
            count.store(rules.count, ordering: .relaxed)
            return rules.count < before
        }
    }

    public func removeAll() {
        rules.withLock { rules in
            rules = []
            count.store(0, ordering: .relaxed)
        }
    }

    private static var full: AdminError {
        AdminError(status: 409, message: "\(maxRules) fault rules are in force, the most there can be; remove some first")
    }

    private func named(_ rule: FaultRule, avoiding taken: [Armed]) -> FaultRule {
        guard rule.id.isEmpty else { return rule }
        var named = rule
        repeat {
            named.id = "fault-\(nextNumber.add(1, ordering: .relaxed).oldValue)"
        } while taken.contains { $0.rule.id == named.id }
        return named
    }
}
