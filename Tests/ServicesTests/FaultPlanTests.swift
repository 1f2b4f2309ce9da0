import JSON
import Services
import Store
import Testing

/// Request facts for matching without HTTP.
struct TestFacts: FaultRequestFacts {
    var surface = "scim"
    var method = "GET"
    var pattern = "/scim/v2/Users"
    var path = "/scim/v2/Users"
    var headers: [String: String] = [:]
    var queries: [String: [String]] = [:]
    var accountID: String? = "acc"
    var idpID: String? = "idp"

    func routeIsNamed(_ given: String) -> Bool { given == pattern }
    func header(_ name: String) -> String? { headers[name] }
    func query(_ name: String) -> [String] { queries[name] ?? [] }
    func account() -> String? { accountID }
    func idp() -> String? { idpID }
}

@Suite struct FaultPlanTests {
    private func rule(_ id: String = "", _ firing: FaultFiring = FaultFiring(), match: FaultMatch = FaultMatch()) -> FaultRule {
        FaultRule(id: id, match: match, action: .close(afterMilliseconds: 0), firing: firing)
    }

    private func rule(_ firing: FaultFiring) -> FaultRule { rule("", firing) }

    /// Which of `count` identical requests the plan faults (true) and serves (false).
    private func sequence(_ plan: FaultPlan, _ count: Int, _ facts: TestFacts = TestFacts()) -> [Bool] {
        (0..<count).map { _ in plan.decide(facts) != nil }
    }

    @Test func noRulesDecideNothing() {
        let plan = FaultPlan()
        #expect(plan.isEmpty && plan.decide(TestFacts()) == nil)
    }

    @Test func onceTimesAndEveryNth() throws {
        #expect(sequence(try FaultPlan([rule(FaultFiring(times: 1))]), 3) == [true, false, false])
        #expect(sequence(try FaultPlan([rule(FaultFiring(times: 2))]), 4) == [true, true, false, false])
        #expect(sequence(try FaultPlan([rule(FaultFiring(every: 3))]), 7) == [false, false, true, false, false, true, false])
        #expect(sequence(try FaultPlan([rule(FaultFiring(times: 1, every: 2))]), 6) == [false, true, false, false, false, false])
        #expect(sequence(try FaultPlan([rule()]), 3) == [true, true, true])
    }

    @Test func theSameSeedGivesTheSameFaultsAndAnotherSeedOthers() throws {
        let firing = FaultFiring(probability: 0.3, seed: 42)
        let first = sequence(try FaultPlan([rule(firing)]), 200)
        #expect(first == sequence(try FaultPlan([rule(firing)]), 200))
        #expect(first != sequence(try FaultPlan([rule(FaultFiring(probability: 0.3, seed: 43))]), 200))
        let fired = first.filter { $0 }.count
        #expect(fired > 30 && fired < 90)
        #expect(!sequence(try FaultPlan([rule(FaultFiring(probability: 0))]), 50).contains(true))
        #expect(!sequence(try FaultPlan([rule(FaultFiring(probability: 1))]), 50).contains(false))
    }

    @Test func everyConditionMustHold() throws {
        var match = FaultMatch()
        match.surface = "scim"
        match.routeMethod = "GET"
        match.routePattern = "/scim/v2/Users"
        match.header = FaultNameValue(name: "X-Case", value: "a")
        match.query = FaultNameValue(name: "page", value: "2")
        match.account = "acc"
        match.idp = "idp"
        let plan = try FaultPlan([rule(match: match)])
        let facts = TestFacts(headers: ["X-Case": "a"], queries: ["page": ["1", "2"]])
        #expect(plan.decide(facts) != nil)
        var other = facts
        other.method = "POST"
        #expect(plan.decide(other) == nil)
        other = facts
        other.headers = ["X-Case": "b"]
        #expect(plan.decide(other) == nil)
        other = facts
        other.queries = [:]
        #expect(plan.decide(other) == nil)
        other = facts
        other.idpID = "another"
        #expect(plan.decide(other) == nil)
        other = facts
        other.accountID = nil
        #expect(plan.decide(other) == nil)
        other = facts
        other.surface = "cloudflare"
        #expect(plan.decide(other) == nil)
    }

    @Test func aRuleThatDoesNotFireLetsTheNextTry() throws {
        let plan = try FaultPlan([rule("first", FaultFiring(every: 2)), rule("second")])
        #expect((0..<4).map { _ in plan.decide(TestFacts())?.ruleID } == ["second", "first", "second", "first"])
        let counts = plan.list().map { [$0.matched, $0.fired] }
        #expect(counts == [[4, 2], [2, 2]])
    }

    @Test func rulesAreAddedReplacedAndRemoved() throws {
        let plan = FaultPlan()
        #expect(try plan.add(rule()).id == "fault-1")
        #expect(try plan.add(rule("mine")).id == "mine")
        #expect(throws: AdminError.self) { try plan.add(rule("mine")) }
        #expect(try plan.put(rule(FaultFiring(times: 1)), id: "mine"))
        #expect(plan.rule("mine")?.rule.firing.times == 1)
        #expect(try !plan.put(rule(), id: "new"))
        #expect(plan.list().map(\.rule.id) == ["fault-1", "mine", "new"])
        #expect(plan.remove("mine") && !plan.remove("mine"))
        #expect(throws: AdminError.self) { try plan.replaceAll([rule("x"), rule("x")]) }
        #expect(plan.list().count == 2)
        plan.removeAll()
        #expect(plan.isEmpty)
    }

    @Test func theNumberOfRulesInForceIsBounded() throws {
        let plan = try FaultPlan((0..<FaultPlan.maxRules).map { rule("r\($0)") })
        #expect(throws: AdminError.self) { try plan.add(rule()) }
        #expect(throws: AdminError.self) { try plan.put(rule(), id: "one-more") }
        #expect(try plan.put(rule(FaultFiring(times: 1)), id: "r0"))
        #expect(plan.list().count == FaultPlan.maxRules)
        #expect(throws: AdminError.self) { try plan.replaceAll((0...FaultPlan.maxRules).map { rule("s\($0)") }) }
        #expect(plan.list().count == FaultPlan.maxRules)
    }

    @Test func latencyDrawsStayInTheirShape() throws {
        let uniform = try FaultPlan([
            FaultRule(id: "u", match: FaultMatch(), action: .delay(.uniform(minimum: 10, maximum: 20)), firing: FaultFiring())
        ])
        let draws = (0..<100).compactMap { _ in uniform.decide(TestFacts())?.latencyMilliseconds }
        #expect(draws.count == 100 && draws.allSatisfy { (10...20).contains($0) } && Set(draws).count > 50)
        let heavy = try FaultPlan([
            FaultRule(id: "l", match: FaultMatch(), action: .delay(.logNormal(median: 500_000, sigma: 10)), firing: FaultFiring())
        ])
        let tail = (0..<100).compactMap { _ in heavy.decide(TestFacts())?.latencyMilliseconds }
        #expect(tail.allSatisfy { $0 >= 0 && $0 <= Latency.maximum })
        let sorted = (0..<1001).compactMap { _ in
            try? FaultPlan([
                FaultRule(
                    id: "m", match: FaultMatch(), action: .delay(.logNormal(median: 100, sigma: 0.5)),
                    firing: FaultFiring(seed: UInt64.random(in: 0...UInt64.max)))
            ]).decide(TestFacts())?.latencyMilliseconds
        }.sorted()
        #expect(sorted[500] > 80 && sorted[500] < 125)
    }
}
