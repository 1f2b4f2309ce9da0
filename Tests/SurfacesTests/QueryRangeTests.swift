import SCIM
import Services
import Store
import Surfaces
import TestSupport
import Testing

/// Every integer a client sends has a documented range: outside it is a 400 naming the parameter and
/// the range, in the surface's own format, and paging arithmetic inside it cannot overflow.
@Suite struct QueryRangeTests {
    let app: MockApplication
    init() throws { app = MockApplication(store: try makeStore()) }

    static let endpoints = [
        "/client/v4/accounts/\(account)/access/logs/scim/updates?idp_id=\(okta)",
        "/accounts/\(account)/access/identity_providers/\(okta)/scim/users?x=1",
        "/client/v4/accounts/\(account)/access/identity_providers/\(okta)/scim/groups?x=1",
    ]
    static let hostile = [
        "9223372036854775807", "9223372036854775808", "99999999999999999999999999", "2147483648",
        "-9223372036854775808", "1e3", "0x10", "",
    ]

    @Test(arguments: endpoints, ["page", "per_page", "limit"])
    func anOutOfRangeNumberIsA1001NamingTheRange(endpoint: String, name: String) throws {
        guard name != "limit" || endpoint.contains("/logs/") else { return }
        let maximum = name == "per_page" ? (endpoint.contains("/logs/") ? 1000 : 100) : 2_147_483_647
        let minimum = name == "page" ? 0 : 1
        for value in Self.hostile {
            let (status, json) = try call(app, endpoint + "&\(name)=\(value)")
            #expect(status == 400, "\(name)=\(value)")
            #expect(json.firstError?.int("code") == 1001)
            #expect(
                json.firstError?.string("message")?.contains(
                    "'\(name)': must be an integer from \(minimum) to \(maximum), got \"\(value)\"") == true, "\(json)")
        }
    }

    @Test(arguments: endpoints)
    func theLargestPageIsAnEmptyPageWithTheTruePaging(endpoint: String) throws {
        let perPage = endpoint.contains("/logs/") ? 1000 : 100
        let limit = endpoint.contains("/logs/") ? "&limit=2147483647" : ""
        let (status, json) = try call(app, endpoint + "&page=2147483647&per_page=\(perPage)" + limit)
        #expect(status == 200)
        #expect(json.result.isEmpty)
        #expect(json.resultInfo.int("page") == 2_147_483_647)
        #expect(json.resultInfo.int("total_pages") == 1)
    }

    @Test(arguments: ["startIndex", "count"])
    func scimListNumbersOutsideTheRangeAreInvalidValue(name: String) throws {
        for value in ["9223372036854775807", "-9223372036854775808", "2147483648", "-2147483648", "1.5", "abc"] {
            let answer = try scim(app, "GET", "/scim/v2/Users?\(name)=\(value)")
            #expect(answer.status == 400, "\(name)=\(value)")
            #expect(answer.json["scimType"] == .string("invalidValue"))
            let detail = answer.json["detail"]?.stringValue ?? ""
            #expect(detail.hasPrefix("\(name) must be an integer from -2147483647 to 2147483647"), "\(detail)")
        }
    }

    @Test func scimPagingAtTheEdgesOfTheRange() throws {
        let last = try scim(app, "GET", "/scim/v2/Users?startIndex=2147483647&count=2147483647")
        #expect(last.status == 200)
        #expect(last.resources.isEmpty)
        #expect(last.json["startIndex"] == .number("2147483647"))
        let clamped = try scim(app, "GET", "/scim/v2/Users?startIndex=-2147483647&count=-2147483647")
        #expect(clamped.json["startIndex"] == .number("1"))
        #expect(clamped.json["itemsPerPage"] == .number("0"))
    }

    @Test(arguments: ["1e400", "9223372036854775808", "1.5", #""1""#, "true"])
    func searchBodyNumbersAreCheckedAsStrictly(value: String) throws {
        let body = #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:SearchRequest"],"startIndex":\#(value)}"#
        let answer = try scim(app, "POST", "/scim/v2/Users/.search", body)
        #expect(answer.status == 400)
        #expect(answer.json["scimType"] == .string("invalidValue"))
    }
}
