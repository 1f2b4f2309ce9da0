import JSON
import SCIM
import Testing

/// Long chains are lists, so they cost no stack; the documented limits are enforced while parsing.
@Suite struct FilterLimitTests {
    private let userSchema = SCIMSchema.user

    private func chain(_ count: Int, _ joiner: String) -> String {
        (0..<count).map { #"userName eq "u\#($0)""# }.joined(separator: " \(joiner) ")
    }

    @Test(arguments: ["or", "and"])
    func aChainAtTheLimitIsOneFlatList(joiner: String) throws {
        let filter = try FilterParser.parse(chain(FilterParser.maxTerms, joiner))
        switch filter {
        case .or(let terms), .and(let terms): #expect(terms.count == FilterParser.maxTerms)
        default: Issue.record("expected one list, got \(filter)")
        }
        let user = JSONObject([("userName", .string("u\(FilterParser.maxTerms - 1)"))])
        #expect(filter.matches(user, schema: userSchema) == (joiner == "or"))
    }

    @Test(arguments: [FilterParser.maxTerms + 1, 20_000])
    func aLongerChainIsAnInvalidFilterNamingTheLimit(terms: Int) {
        #expect(throws: SCIMError.invalidFilter("filter has more than 1000 comparisons (the next at position 21891)")) {
            try FilterParser.parse(chain(terms, "or"))
        }
    }

    @Test func presenceTestsCountAsTerms() {
        let text = Array(repeating: "title pr", count: FilterParser.maxTerms + 1).joined(separator: " and ")
        #expect(throws: SCIMError.self) { try FilterParser.parse(text) }
    }

    @Test func nestingBeyondTheLimitIsRejected() throws {
        let deep = { (n: Int) in String(repeating: "(", count: n) + "title pr" + String(repeating: ")", count: n) }
        _ = try FilterParser.parse(deep(FilterParser.maxDepth))
        let error = #expect(throws: SCIMError.self) { try FilterParser.parse(deep(FilterParser.maxDepth + 1)) }
        #expect(error?.scimType == "invalidFilter")
        #expect(error?.detail.contains("deeper than 64 levels") == true)
        let nots = String(repeating: "not (", count: 10_000) + "title pr" + String(repeating: ")", count: 10_000)
        #expect(throws: SCIMError.self) { try FilterParser.parse(nots) }
    }

    @Test func aPatchPathFilterChainIsBoundedToo() throws {
        let terms = (0..<(FilterParser.maxTerms + 1)).map { #"value eq "m\#($0)""# }.joined(separator: " or ")
        let error = #expect(throws: SCIMError.self) { try FilterParser.parsePatchPath("members[\(terms)]") }
        #expect(error?.scimType == "invalidFilter")
        let within = terms.split(separator: " or ").prefix(500).joined(separator: " or ")
        let path = try FilterParser.parsePatchPath("members[" + within + "]")
        guard case .or(let list)? = path.filter else { Issue.record("expected an or list"); return }
        #expect(list.count == 500)
    }
}
