import Foundation
import JSON
import SCIM

/// Writes a large, valid fixture for load tests. Deterministic: the same options give the same file.
public struct FixtureGenerator: Sendable {
    public var accountID = "023e105f4ecef8ad9ca31a8372d0c353"
    public var identityProviders = 10
    public var users = 10_000
    public var groups = 100
    public var updateLogs = 100_000
    public var seed: UInt64 = 1

    public init() {}

    /// IdP ids are fixed so load tests can name them: `00000000-0000-4000-8000-00000000000N` (N from 1).
    public static func identityProviderID(_ index: Int) -> String {
        let digits = String(index + 1)
        return "00000000-0000-4000-8000-" + String(repeating: "0", count: 12 - digits.count) + digits
    }

    private static let given = ["Ada", "Alan", "Grace", "Linus", "Barbara", "Ken", "Margaret", "Dennis", "Radia", "Tim"]
    private static let family = [
        "Lovelace", "Turing", "Hopper", "Torvalds", "Liskov", "Thompson", "Hamilton", "Ritchie", "Perlman", "Berners-Lee",
    ]

    public func generate() -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        var w = JSONWriter(capacity: updateLogs * 420 + users * 400)
        w.raw("{\"accounts\":[{\"id\":"); w.string(accountID); w.raw(",\"identity_providers\":[")
        let idpCount = max(identityProviders, 1)
        var userIDs: [[String]] = Array(repeating: [], count: idpCount)
        var userEmails: [[String]] = Array(repeating: [], count: idpCount)
        for u in 0..<users {
            userIDs[u % idpCount].append(rng.uuid())
            userEmails[u % idpCount].append("user\(u)@example.com")
        }
        var groupNames: [[String]] = Array(repeating: [], count: idpCount)
        for g in 0..<groups { groupNames[g % idpCount].append("Group \(g)") }
        let base = Timestamp(rfc3339: "2025-01-01T00:00:00Z")!.microseconds
        for i in 0..<idpCount {
            if i > 0 { w.raw(",") }
            let idp = Self.identityProviderID(i)
            w.raw("{\"id\":"); w.string(idp)
            w.raw(",\"name\":"); w.string("Load IdP \(i + 1)")
            w.raw(",\"type\":\"okta\",\"scim_secrets\":["); w.string("load-secret-\(i + 1)")
            w.raw("],\"users\":[")
            for (n, id) in userIDs[i].enumerated() {
                if n > 0 { w.raw(",") }
                let g = Self.given[rng.next(Self.given.count)]
                let f = Self.family[rng.next(Self.family.count)]
                w.raw("{\"id\":"); w.string(id)
                w.raw(",\"userName\":"); w.string(userEmails[i][n])
                w.raw(",\"externalId\":"); w.string("ext-\(id.prefix(8))")
                w.raw(",\"name\":{\"givenName\":"); w.string(g); w.raw(",\"familyName\":"); w.string(f)
                w.raw("},\"displayName\":"); w.string("\(g) \(f)")
                w.raw(",\"active\":"); w.bool(rng.next(10) != 0)
                w.raw(",\"emails\":[{\"value\":"); w.string(userEmails[i][n]); w.raw(",\"type\":\"work\",\"primary\":true}]}")
            }
            w.raw("],\"groups\":[")
            for (n, name) in groupNames[i].enumerated() {
                if n > 0 { w.raw(",") }
                w.raw("{\"id\":"); w.string(rng.uuid()); w.raw(",\"displayName\":"); w.string(name)
                w.raw(",\"members\":[")
                let ids = userIDs[i]
                let memberCount = ids.isEmpty ? 0 : min(ids.count, 10)
                let start = ids.isEmpty ? 0 : rng.next(ids.count)
                for m in 0..<memberCount {
                    if m > 0 { w.raw(",") }
                    w.raw("{\"value\":"); w.string(ids[(start + m) % ids.count]); w.raw("}")
                }
                w.raw("]}")
            }
            w.raw("],\"update_logs\":[")
            var first = true
            for l in stride(from: i, to: updateLogs, by: idpCount) {
                if !first { w.raw(",") }
                first = false
                writeLog(&w, &rng, index: l, base: base, users: (userIDs[i], userEmails[i]), groups: groupNames[i])
            }
            w.raw("]}")
        }
        w.raw("]}]}\n")
        return w.bytes
    }

    private func writeLog(
        _ w: inout JSONWriter, _ rng: inout SplitMix64, index: Int, base: Int64,
        users: ([String], [String]), groups: [String]
    ) {
        let isGroup = rng.next(4) == 0 && !groups.isEmpty
        let method = UpdateLog.Method.allCases[rng.next(4)]
        let failed = rng.next(20) == 0
        w.raw("{\"logged_at\":"); w.string(Timestamp(microseconds: base + Int64(index) * 1_000_003).rfc3339Micros)
        w.raw(",\"request_method\":"); w.string(method.rawValue)
        w.raw(",\"resource_type\":"); w.string(isGroup ? "GROUP" : "USER")
        w.raw(",\"status\":"); w.string(failed ? "FAILURE" : "SUCCESS")
        if isGroup {
            let name = groups[rng.next(groups.count)]
            w.raw(",\"resource_group_name\":"); w.string(name)
            w.raw(",\"idp_resource_id\":"); w.string(name.lowercased().replacingOccurrences(of: " ", with: "_"))
            w.raw(",\"request_body\":");
            w.string("{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:Group\"],\"displayName\":\"\(name)\"}")
        } else if !users.0.isEmpty {
            let u = rng.next(users.0.count)
            w.raw(",\"cf_resource_id\":"); w.string(users.0[u])
            w.raw(",\"idp_resource_id\":"); w.string("ext-\(users.0[u].prefix(8))")
            w.raw(",\"resource_user_email\":"); w.string(users.1[u])
            w.raw(",\"request_body\":");
            w.string(
                "{\"schemas\":[\"urn:ietf:params:scim:schemas:core:2.0:User\"],\"userName\":\"\(users.1[u])\",\"active\":true}")
        }
        if failed { w.raw(",\"error_description\":\"Invalid JSON body\"") }
        w.raw("}")
    }
}
