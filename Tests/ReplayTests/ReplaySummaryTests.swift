import JSON
import Replay
import Testing

@Suite struct ReplaySummaryTests {
    @Test func countsAndExitStatus() {
        var summary = ReplaySummary()
        #expect(summary.description == "0 sent, 0 as recorded, 0 differed, 0 failed to send")
        summary.count(.asRecorded)
        summary.count(.asRecorded)
        summary.count(.unchecked)
        #expect(summary.exitStatus == 0)
        #expect(summary.description == "3 sent, 2 as recorded, 0 differed, 0 failed to send (1 without a recorded status)")
        summary.count(.differed)
        #expect(summary.exitStatus == 1)
        summary.count(.failedToSend)
        summary.skipped = 4
        #expect(summary.sent == 5)
        #expect(
            summary.description
                == "5 sent, 2 as recorded, 1 differed, 1 failed to send (1 without a recorded status); 4 non-SCIM HAR "
                + "entries skipped"
        )
        var onlyFailed = ReplaySummary()
        onlyFailed.count(.failedToSend)
        #expect(onlyFailed.exitStatus == 1)
    }

    @Test func expectedStatusMatching() {
        #expect(ExpectedStatus.code(201).matches(201))
        #expect(!ExpectedStatus.code(201).matches(200))
        #expect(ExpectedStatus.success.matches(204))
        #expect(!ExpectedStatus.success.matches(409))
        #expect(ExpectedStatus.failure.matches(404))
        #expect(ExpectedStatus.failure.matches(500))
        #expect(!ExpectedStatus.failure.matches(200))
    }

    @Test func pacing() throws {
        #expect(try Pacing(parsing: "max") == .asFastAsPossible)
        #expect(try Pacing(parsing: "200/s") == .rate(200))
        #expect(try Pacing(parsing: "1x") == .recorded(factor: 1))
        #expect(try Pacing(parsing: "2.5x") == .recorded(factor: 2.5))
        #expect(throws: Pacing.Invalid.self) { try Pacing(parsing: "0/s") }
        #expect(throws: Pacing.Invalid.self) { try Pacing(parsing: "fast-ish") }
    }

    @Test func targets() throws {
        #expect(try HTTPTarget(parsing: "http://127.0.0.1:4010") == HTTPTarget(host: "127.0.0.1", port: 4010))
        #expect(try HTTPTarget(parsing: "http://localhost:4010/") == HTTPTarget(host: "localhost", port: 4010))
        #expect(try HTTPTarget(parsing: "http://[::1]:8080/base/") == HTTPTarget(host: "::1", port: 8080, basePath: "/base"))
        #expect(try HTTPTarget(parsing: "http://example.test").port == 80)
        #expect(try HTTPTarget(parsing: "http://[::1]:8080").authority == "[::1]:8080")
        do {
            _ = try HTTPTarget(parsing: "https://api.cloudflare.com")
            Issue.record("https must be refused")
        } catch {
            #expect(error.description.contains("https is not supported"))
        }
        #expect(throws: HTTPTarget.Invalid.self) { try HTTPTarget(parsing: "127.0.0.1:4010") }
        #expect(throws: HTTPTarget.Invalid.self) { try HTTPTarget(parsing: "http://127.0.0.1:99999") }
    }

    @Test func exportedLogBecomesARequest() throws {
        func log(_ json: String) throws -> JSONObject { try #require(try JSONReader.parse(json).objectValue) }
        let create = try #require(
            TrafficExporter.record(
                from: try log(
                    """
                    {"request_method":"POST","resource_type":"USER","status":"SUCCESS","cf_resource_id":"u-1",
                     "request_body":"{\\"userName\\":\\"a\\"}","logged_at":"2025-01-01T00:00:00.5Z","error_description":null}
                    """)))
        #expect(create.method == "POST")
        #expect(create.path == "/scim/v2/Users")
        #expect(create.id == "u-1")
        #expect(create.status == .success)
        #expect(String(decoding: create.body, as: UTF8.self) == #"{"userName":"a"}"#)
        #expect(create.time == Timestamp(rfc3339: "2025-01-01T00:00:00.5Z"))
        let patch = try #require(
            TrafficExporter.record(
                from: try log(
                    """
                    {"request_method":"PATCH","resource_type":"GROUP","status":"FAILURE","cf_resource_id":"g-1",
                     "request_body":"{}}","error_description":"Invalid JSON body"}
                    """)))
        #expect(patch.path == "/scim/v2/Groups/g-1")
        #expect(patch.id == nil)
        #expect(patch.status == .failure)
        #expect(patch.note == "Invalid JSON body")
        let failedCreate = try #require(
            TrafficExporter.record(
                from: try log(#"{"request_method":"POST","resource_type":"GROUP","status":"FAILURE","cf_resource_id":"g-2"}"#)))
        #expect(failedCreate.id == nil)
        #expect(failedCreate.body.isEmpty)
        #expect(
            TrafficExporter.record(from: try log(#"{"request_method":"DELETE","resource_type":"USER","status":"FAILURE"}"#))
                == nil)
    }
}
