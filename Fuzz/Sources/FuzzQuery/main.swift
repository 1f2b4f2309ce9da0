import FuzzSupport
import HTTPServer
import JSON
import SCIM
import Services
import Store
import Surfaces

/// The real application in-process (`MockApplication.handle`, no sockets) with fuzzed list requests:
/// the query strings of the three Cloudflare list endpoints and of the SCIM list endpoints, and the
/// bodies of SCIM `/.search`. The store is the default fixture in memory, built once: every request
/// here is a read, so runs do not disturb each other.
///
/// Input layout: the first byte picks the request (its value modulo 8, so the digits '0'–'7' do, which
/// keeps corpus files readable); the rest is the raw query string, or the body for `/.search`.
/// Every answer must be a JSON document with a status below 500: client input is never an internal fault.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzQuery(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    guard let first = bytes.first else { return 0 }
    let rest = Array(bytes.dropFirst())
    let request = Endpoint.allCases[Int(first) % Endpoint.allCases.count].request(rest)
    let response = application.handle(request)
    let answer = FuzzInput.text(response.body).prefix(500)
    FuzzInput.require(response.status < 500, "status \(response.status): \(answer)")
    FuzzInput.require((try? JSONReader.parse(response.body)) != nil, "answer is not JSON: \(answer)")
    return 0
}

private let account = "023e105f4ecef8ad9ca31a8372d0c353"
private let okta = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"

enum Endpoint: CaseIterable {
    case updateLogs, users, groups, scimUsers, scimGroups, search, searchUsers, searchGroups

    func request(_ input: [UInt8]) -> HTTPRequest {
        let cloudflare = "/client/v4/accounts/\(account)/access"
        let idp = "\(cloudflare)/identity_providers/\(okta)/scim"
        let scim = "/populations/\(okta)/scim/v2"
        switch self {
        case .updateLogs: return get("\(cloudflare)/logs/scim/updates", input, secret: "fuzz")
        case .users: return get("\(idp)/users", input, secret: "fuzz")
        case .groups: return get("\(idp)/groups", input, secret: "fuzz")
        case .scimUsers: return get("/scim/v2/Users", input, secret: "okta-scim-secret")
        case .scimGroups: return get("\(scim)/Groups", input, secret: "okta-scim-secret")
        case .search: return search("/scim/v2/.search", input)
        case .searchUsers: return search("\(scim)/Users/.search", input)
        case .searchGroups: return search("/scim/v2/Groups/.search", input)
        }
    }

    /// The query goes in as the raw text after '?', the way the transport hands it to the application.
    private func get(_ path: String, _ query: [UInt8], secret: String) -> HTTPRequest {
        HTTPRequest(
            method: "GET", path: path, rawQuery: FuzzInput.text(query),
            headers: HTTPHeaders([("Authorization", "Bearer \(secret)"), ("Host", "127.0.0.1:4010")]))
    }

    private func search(_ path: String, _ body: [UInt8]) -> HTTPRequest {
        HTTPRequest(
            method: "POST", path: path,
            headers: HTTPHeaders([
                ("Authorization", "Bearer okta-scim-secret"), ("Host", "127.0.0.1:4010"),
                ("Content-Type", "application/scim+json"),
            ]),
            body: body)
    }
}

/// Built on the first input; a fixture that does not load is a broken checkout, not a finding.
private let application: MockApplication = {
    do {
        let store = try Store()
        try FixtureLoader().load([.file(Repository.defaultFixture)], into: store)
        return MockApplication(store: store)
    } catch {
        fatalError("cannot load \(Repository.defaultFixture): \(error)")
    }
}()
