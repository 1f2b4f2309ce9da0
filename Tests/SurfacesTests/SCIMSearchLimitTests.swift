import Foundation
import JSON
import Surfaces
import TestSupport
import Testing

/// The longest filter the parser accepts (1,000 comparisons) is answered, from the service root and
/// per resource type, never with SQLite's "Expression tree is too large": as a two-term filter of the
/// same meaning is, which SQL answers.
@Suite struct SCIMSearchLimitTests {
    @Test(arguments: [" and ", " or "], ["/scim/v2/.search", "/scim/v2/Users/.search"])
    func aSearchOfAThousandComparisonsIsAnswered(_ joiner: String, _ path: String) throws {
        let app = MockApplication(store: try makeStore())
        func search(_ terms: [String]) throws -> SCIMAnswer {
            let body =
                #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"filter":""#
                + terms.joined(separator: joiner) + #""}"#
            return try scim(app, "POST", path, body)
        }
        let long = try search((0..<999).map { #"userName ne \"nobody\#($0)\""# } + [#"userName pr"#])
        let short = try search([#"userName ne \"nobody0\""#, #"userName pr"#])
        #expect(long.status == 200, "\(long.json)")
        #expect(long.json["totalResults"] == short.json["totalResults"])
        #expect(long.resources == short.resources)
    }
}
