import Foundation
import JSON
import Replay
import Testing

@Suite struct HARParserTests {
    static func entry(
        _ method: String, _ url: String, body: String? = nil, base64Body: Bool = false, status: Int = 200,
        response: String? = nil, started: String = "2025-01-24T08:00:00.000Z"
    ) -> JSONValue {
        var request = JSONObject([
            ("method", .string(method)), ("url", .string(url)), ("httpVersion", .string("HTTP/1.1")),
            (
                "headers",
                .array([
                    .object(JSONObject([("name", .string(":authority")), ("value", .string("team.cloudflareaccess.com"))])),
                    .object(JSONObject([("name", .string("Authorization")), ("value", .string("Bearer recorded"))])),
                ])
            ),
        ])
        if let body {
            request["postData"] = .object(
                JSONObject(
                    [
                        ("mimeType", .string("application/scim+json")),
                        ("text", .string(base64Body ? Data(body.utf8).base64EncodedString() : body)),
                    ] + (base64Body ? [("encoding", JSONValue.string("base64"))] : [])))
        }
        var content = JSONObject([("size", .number("0")), ("mimeType", .string("application/scim+json"))])
        if let response { content["text"] = .string(response) }
        return .object(
            JSONObject([
                ("startedDateTime", .string(started)), ("time", .number("1.5")),
                ("request", .object(request)),
                ("response", .object(JSONObject([("status", .number(String(status))), ("content", .object(content))]))),
            ]))
    }

    static func har(_ entries: [JSONValue]) -> [UInt8] {
        let document = JSONValue.object(
            JSONObject([
                (
                    "log",
                    .object(
                        JSONObject([
                            ("version", .string("1.2")),
                            ("creator", .object(JSONObject([("name", .string("test")), ("version", .string("1"))]))),
                            ("entries", .array(entries)),
                        ]))
                )
            ]))
        // Pretty enough to be multi-line, as browsers write HARs.
        return Array(("{\n  \"log\": " + (document.objectValue!["log"]!.serialized()) + "\n}\n").utf8)
    }

    @Test func takesSCIMRequestsAndCountsTheRest() throws {
        let bytes = Self.har([
            Self.entry("GET", "https://team.cloudflareaccess.com/cdn-cgi/access/login", status: 302),
            Self.entry(
                "POST", "https://team.cloudflareaccess.com/populations/idp/scim/v2/Users", body: #"{"userName":"a"}"#,
                status: 201, response: #"{"id":"u-recorded","userName":"a"}"#, started: "2025-01-24T08:00:01.250Z"),
            Self.entry("GET", "https://team.cloudflareaccess.com/favicon.ico"),
            Self.entry(
                "PATCH", "http://127.0.0.1:4010/scim/v2/Users/u-recorded?attributes=id", body: #"{"Operations":[]}"#,
                base64Body: true,
                status: 0),
        ])
        let recording = try RecordingParser.parse(bytes, file: "trace.json")
        #expect(recording.isHAR)
        #expect(recording.skipped == 2)
        #expect(recording.requests.count == 2)
        let create = recording.requests[0]
        #expect(create.path == "/populations/idp/scim/v2/Users")
        #expect(create.status == .code(201))
        #expect(create.id == "u-recorded")
        #expect(create.headers == [HTTPHeader("Authorization", "Bearer recorded")])
        #expect(create.time == Timestamp(rfc3339: "2025-01-24T08:00:01.25Z"))
        #expect(create.location == "trace.json: log.entries[1]")
        let patch = recording.requests[1]
        #expect(patch.path == "/scim/v2/Users/u-recorded?attributes=id")
        #expect(String(decoding: patch.body, as: UTF8.self) == #"{"Operations":[]}"#)
        #expect(patch.status == nil)  // status 0: no response was recorded
        #expect(patch.id == nil)
    }

    @Test func errorsNameTheEntry() {
        let bytes = Self.har([Self.entry("GET", "https://x/scim/v2/Users"), Self.entry("BREW", "https://x/scim/v2/Users")])
        #expect(
            throws: RecordingError(
                file: "t.har", line: nil, entry: "log.entries[1]",
                reason: "unknown method \"BREW\" (expected GET, HEAD, POST, PUT, PATCH, DELETE or OPTIONS)")
        ) {
            try RecordingParser.parse(bytes, file: "t.har")
        }
        #expect(throws: RecordingError.self) { try RecordingParser.parse(Array("{\"log\":{}}".utf8), file: "t.har") }
    }

    @Test func brokenHARReportsTheLine() {
        do {
            _ = try RecordingParser.parse(Array("{\n  \"log\": {\n    \"entries\": [\n".utf8), file: "t.har")
            Issue.record("expected an error")
        } catch {
            #expect(error.line == 4)
            #expect(error.description.hasPrefix("t.har:4: bad JSON"))
        }
    }
}
