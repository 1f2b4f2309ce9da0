import Foundation
import JSON
import Replay
import Testing

let account = "023e105f4ecef8ad9ca31a8372d0c353"
let okta = "f174e90a-fafe-4643-bbbc-4a0ed4fc8415"
let entra = "0194ae2c-efcf-7cfb-8884-055f1a161fa5"
let secrets = [okta: "okta-scim-secret", entra: "entra-scim-secret"]

/// Replays against a real `scim-mock serve` (SCIM_MOCK_BIN) on port 0.
@Suite(.serialized, .enabled(if: ServerProcess.binary != nil, "\(ServerProcess.skipMessage)"))
struct LiveReplayTests {
    static let recordings = ["okta-lifecycle.jsonl", "entra-lifecycle.jsonl"].map {
        repositoryRoot + "/seed-data/recordings/" + $0
    }

    private func replay(_ requests: [RecordedRequest], on server: ServerProcess, token: String? = nil, skipped: Int = 0)
        -> (ReplaySummary, [ReplayOutcome])
    {
        var outcomes: [ReplayOutcome] = []
        let summary = Replayer(client: server.client(), token: token).run(requests, skipped: skipped) { outcome, _ in
            outcomes.append(outcome)
        }
        return (summary, outcomes)
    }

    @Test func exampleRecordingsReplayAsRecorded() throws {
        let server = try ServerProcess()
        for file in Self.recordings {
            let recording = try RecordingParser.read(file: file)
            let (summary, outcomes) = replay(recording.requests, on: server)
            for outcome in outcomes where outcome.verdict != .asRecorded {
                Issue.record(
                    "\(outcome.request.location): \(outcome.status ?? 0), recorded \(outcome.request.status?.description ?? "-")")
            }
            #expect(summary.sent == recording.requests.count)
            #expect(summary.asRecorded == recording.requests.count)
            #expect(summary.exitStatus == 0)
        }
        // The Okta lifecycle leaves its user, reactivated, with the PUT's name; the group is gone.
        let users = try server.get(
            "/scim/v2/Users?filter=userName%20eq%20%22test.user%40okta.local%22", token: "okta-scim-secret")
        let user = try #require(users["Resources"]?.arrayValue?.first?.objectValue)
        #expect(user["displayName"]?.stringValue == "Another User")
        #expect(user["active"] == .bool(true))
        let groups = try server.get("/scim/v2/Groups?filter=displayName%20sw%20%22Test%20SCIMv2%22", token: "okta-scim-secret")
        #expect(groups["totalResults"]?.intValue == 0)
    }

    @Test func idsFollowTheServer() throws {
        let server = try ServerProcess()
        let recording = try RecordingParser.read(file: Self.recordings[0])
        let (summary, outcomes) = replay(recording.requests, on: server)
        #expect(summary.differed == 0)
        let created = outcomes.filter { $0.request.createdResourceType != nil && $0.status == 201 }
        #expect(created.count == 3)
        var followed = 0
        for outcome in created {
            let id = try #require(try JSONReader.parse(outcome.response?.body ?? []).objectValue?["id"]?.stringValue)
            #expect(id != outcome.request.id)
            // Every later request that named the recorded id went to the new one.
            let later = outcomes.filter { $0.request.path.contains(outcome.request.id!) }
            if !later.isEmpty { followed += 1 }
            #expect(later.allSatisfy { $0.sentPath.contains(id) && !$0.sentPath.contains(outcome.request.id!) })
        }
        #expect(followed == 2)  // the first user and the group are addressed by id; the second user only in bodies
    }

    @Test func aMismatchIsReported() throws {
        let server = try ServerProcess()
        var requests = try RecordingParser.read(file: Self.recordings[1]).requests
        let index = try #require(requests.firstIndex { $0.method == "POST" && $0.status == .code(201) })
        requests[index].status = .code(200)
        requests.append(
            RecordedRequest(method: "GET", path: "/scim/v2/Users/no-such-user", headers: [], status: .success, location: "extra"))
        let (summary, outcomes) = replay(requests, on: server, token: "entra-scim-secret")
        #expect(summary.differed == 2)
        #expect(summary.asRecorded == requests.count - 2)
        #expect(summary.exitStatus == 1)
        #expect(outcomes[index].verdict == .differed)
        #expect(outcomes.last?.status == 404)
        #expect(
            summary.description.hasPrefix(
                "\(requests.count) sent, \(requests.count - 2) as recorded, 2 differed, 0 failed to send"))
    }

    @Test func aWrongTokenDiffers() throws {
        let server = try ServerProcess()
        let requests = try RecordingParser.read(file: Self.recordings[0]).requests
        let (summary, outcomes) = replay(Array(requests.prefix(2)), on: server, token: "not-a-secret")
        #expect(outcomes.map(\.status) == [401, 401])
        #expect(summary.differed == 2)
    }

    @Test func harReplay() throws {
        let server = try ServerProcess()
        let created = "11111111-2222-4333-8444-555555555555"
        let bytes = HARParserTests.har([
            HARParserTests.entry("GET", "https://team.cloudflareaccess.com/cdn-cgi/access/get-identity"),
            HARParserTests.entry(
                "POST", "https://team.cloudflareaccess.com/populations/\(okta)/scim/v2/Users",
                body: #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"har.user@example.com"}"#,
                status: 201, response: #"{"id":"\#(created)","userName":"har.user@example.com"}"#),
            HARParserTests.entry(
                "PATCH",
                "https://team.cloudflareaccess.com/populations/\(okta)/scim/v2/Groups/a2abeb50-59c9-4c01-8c5c-963d3bf5700f",
                body:
                    #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"add","path":"members","value":[{"value":"\#(created)"}]}]}"#,
                status: 200),
            HARParserTests.entry(
                "GET", "https://team.cloudflareaccess.com/populations/\(okta)/scim/v2/Users/\(created)", status: 200),
            HARParserTests.entry("GET", "https://team.cloudflareaccess.com/favicon.ico", status: 404),
        ])
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("replay-\(UUID().uuidString).har").path
        try Data(bytes).write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        let recording = try RecordingParser.read(file: file)
        #expect(recording.skipped == 2)
        let (summary, _) = replay(recording.requests, on: server, token: "okta-scim-secret", skipped: recording.skipped)
        #expect(summary.sent == 3)
        #expect(summary.asRecorded == 3)
        #expect(summary.description.hasSuffix("; 2 non-SCIM HAR entries skipped"))
        let group = try server.get("/scim/v2/Groups/a2abeb50-59c9-4c01-8c5c-963d3bf5700f", token: "okta-scim-secret")
        let names = group["members"]?.arrayValue?.compactMap { $0.objectValue?["display"]?.stringValue } ?? []
        #expect(names.contains("har.user@example.com"))
    }

    @Test func pacedByRate() throws {
        let server = try ServerProcess()
        let request = RecordedRequest(method: "GET", path: "/scim/v2/ServiceProviderConfig", headers: [], status: .code(200))
        let summary = Replayer(client: server.client(), token: "okta-scim-secret", pacing: .rate(50)).run(
            Array(repeating: request, count: 6))
        #expect(summary.asRecorded == 6)
        #expect(summary.seconds >= 0.09)  // 5 gaps of 20 ms
    }

    @Test func sendFailuresAreCounted() throws {
        let server = try ServerProcess()
        let client = server.client()
        server.stop()
        let summary = Replayer(client: client, token: nil).run([
            RecordedRequest(method: "GET", path: "/scim/v2/Users", status: .code(200))
        ])
        #expect(summary.failedToSend == 1)
        #expect(summary.exitStatus == 1)
    }

    /// Export the traffic of one server, replay it onto a fresh one: same users, groups, members.
    @Test func exportThenReplayRebuildsTheState() throws {
        let source = try ServerProcess()
        let since = Timestamp.now().rfc3339Micros
        for file in Self.recordings {
            let (summary, _) = replay(try RecordingParser.read(file: file).requests, on: source)
            #expect(summary.differed == 0)
        }
        // More membership traffic that survives to the end: a new group and a fixture group.
        let allEmployees = "a2abeb50-59c9-4c01-8c5c-963d3bf5700f"
        let extra: [RecordedRequest] = [
            RecordedRequest(
                method: "POST", path: "/scim/v2/Users",
                body: Array(
                    #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"userName":"third@okta.local","emails":[{"value":"third@okta.local","primary":true}]}"#
                        .utf8),
                status: .code(201)),
            RecordedRequest(
                method: "POST", path: "/scim/v2/Groups",
                body: Array(
                    #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"Exported Team","members":[{"value":"bd97ef8d-7986-43e3-9ee0-c25dda33e4b0"}]}"#
                        .utf8),
                status: .code(201)),
        ]
        let (extraSummary, extraOutcomes) = replay(extra, on: source, token: "okta-scim-secret")
        #expect(extraSummary.asRecorded == 2)
        let third = try #require(try JSONReader.parse(extraOutcomes[0].response?.body ?? []).objectValue?["id"]?.stringValue)
        let team = try #require(try JSONReader.parse(extraOutcomes[1].response?.body ?? []).objectValue?["id"]?.stringValue)
        let patchBody = { (op: String, group: String, user: String) in
            Array(
                #"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"\#(op)","path":"members","value":[{"value":"\#(user)"}]}]}"#
                    .utf8)
        }
        let (moreSummary, _) = replay(
            [
                RecordedRequest(
                    method: "PATCH", path: "/scim/v2/Groups/\(team)", body: patchBody("add", team, third), status: .code(200)),
                RecordedRequest(
                    method: "PATCH", path: "/scim/v2/Groups/\(allEmployees)", body: patchBody("add", allEmployees, third),
                    status: .code(200)),
                RecordedRequest(
                    method: "PATCH", path: "/scim/v2/Groups/\(allEmployees)",
                    body: patchBody("remove", allEmployees, "bd97ef8d-7986-43e3-9ee0-c25dda33e4b0"), status: .code(200)),
            ], on: source, token: "okta-scim-secret")
        #expect(moreSummary.asRecorded == 3)

        for idp in [okta, entra] {
            var lines: [UInt8] = []
            let result = try TrafficExporter(client: source.client(), account: account, idp: idp, since: since).export {
                lines += $0
            }
            #expect(result.written > 5)
            #expect(result.skipped == 0)
            let recording = try RecordingParser.parse(lines, file: "export-\(idp).jsonl")
            #expect(recording.requests.count == result.written)
            #expect(recording.requests.allSatisfy { $0.path.hasPrefix("/scim/v2/") && $0.status != nil })

            let fresh = try ServerProcess()
            let (summary, outcomes) = replay(recording.requests, on: fresh, token: secrets[idp])
            for outcome in outcomes where outcome.verdict != .asRecorded {
                let recorded = outcome.request.status?.description ?? "-"
                Issue.record(
                    "\(outcome.request.location) \(outcome.request.method) \(outcome.sentPath): \(outcome.status ?? 0), recorded \(recorded)"
                )
            }
            #expect(summary.asRecorded == recording.requests.count)
            #expect(try state(of: source, idp: idp) == state(of: fresh, idp: idp))
        }
        // The memberships really are there (the comparison is not of two empty states).
        let after = try state(of: source, idp: okta)
        #expect(
            after.groups.contains {
                $0.contains("\"Exported Team\"") && $0.contains("user:third@okta.local")
                    && $0.contains("user:john.smith@example.com")
            })
        #expect(after.users.contains { $0.contains("\"test.user@okta.local\"") })
    }

    /// Users and groups of an IdP with ids replaced by the name of what they point to, metadata and $ref left out.
    private func state(of server: ServerProcess, idp: String) throws -> (users: [String], groups: [String]) {
        let base = "/client/v4/accounts/\(account)/access/identity_providers/\(idp)/scim"
        let users = try server.get(base + "/users?per_page=100")["result"]?.arrayValue ?? []
        let groups = try server.get(base + "/groups?per_page=100")["result"]?.arrayValue ?? []
        let scimGroups = try server.get("/scim/v2/Groups?count=1000", token: secrets[idp]!)["Resources"]?.arrayValue ?? []
        var labels: [String: String] = [:]
        for user in users {
            if let o = user.objectValue, let id = o["id"]?.stringValue {
                labels[id] = "user:" + (o["userName"]?.stringValue ?? "")
            }
        }
        for group in groups {
            if let o = group.objectValue, let id = o["id"]?.stringValue {
                labels[id] = "group:" + (o["displayName"]?.stringValue ?? "")
            }
        }
        func normalize(_ value: JSONValue) -> JSONValue {
            switch value {
            case .string(let s): return .string(labels[s] ?? s)
            case .array(let items): return .array(items.map(normalize))
            case .object(let o):
                return .object(
                    JSONObject(
                        o.entries.filter { !["id", "meta", "$ref"].contains($0.key) }.map { ($0.key, normalize($0.value)) }))
            default: return value
            }
        }
        #expect(scimGroups.count == groups.count)
        return (
            users.map { normalize($0).serialized() }.sorted(), (groups + scimGroups).map { normalize($0).serialized() }.sorted()
        )
    }
}
