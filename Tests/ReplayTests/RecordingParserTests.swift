import Foundation
import JSON
import Replay
import Testing

@Suite struct RecordingParserTests {
    private func parse(_ text: String, file: String = "r.jsonl") throws(RecordingError) -> Recording {
        try RecordingParser.parse(Array(text.utf8), file: file)
    }

    private func error(_ text: String) -> RecordingError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error
        }
    }

    @Test func readsEveryField() throws {
        let text = """
            {"method":"POST","path":"/scim/v2/Users","headers":{"Authorization":"Bearer s","Content-Type":"application/scim+json"},"body":"{\\"userName\\":\\"a\\"}","status":201,"id":"u-1","time":"2025-01-24T08:00:00.5Z","note":"create"}

            {"method":"GET","path":"https://team.cloudflareaccess.com/populations/x/scim/v2/Users?count=1#frag","status":"SUCCESS"}
            {"method":"DELETE","path":"/scim/v2/Users/u-1","body_base64":"AAEC/w==","status":"FAILURE"}\r
            {"method":"PATCH","path":"/scim/v2/Groups/g"}
            """
        let recording = try parse(text)
        #expect(!recording.isHAR)
        #expect(recording.requests.count == 4)
        let create = recording.requests[0]
        #expect(create.method == "POST")
        #expect(create.path == "/scim/v2/Users")
        #expect(create.headers == [HTTPHeader("Authorization", "Bearer s"), HTTPHeader("Content-Type", "application/scim+json")])
        #expect(String(decoding: create.body, as: UTF8.self) == #"{"userName":"a"}"#)
        #expect(create.status == .code(201))
        #expect(create.id == "u-1")
        #expect(create.time == Timestamp(rfc3339: "2025-01-24T08:00:00.500Z"))
        #expect(create.note == "create")
        #expect(create.location == "r.jsonl:1")
        #expect(create.createdResourceType == "Users")
        #expect(recording.requests[1].path == "/populations/x/scim/v2/Users?count=1")
        #expect(recording.requests[1].status == .success)
        #expect(recording.requests[1].location == "r.jsonl:3")
        #expect(recording.requests[2].body == [0, 1, 2, 255])
        #expect(recording.requests[2].status == .failure)
        #expect(recording.requests[3].status == nil)
        #expect(recording.requests[3].createdResourceType == nil)
    }

    @Test func truncatedLastLine() {
        let failure = error(
            """
            {"method":"GET","path":"/scim/v2/Users"}
            {"method":"POST","path":"/scim/v2/Users","body":"{\\"userN
            """)
        #expect(failure?.line == 2)
        #expect(failure?.reason.hasPrefix("truncated line") == true)
        #expect(failure?.description.hasPrefix("r.jsonl:2: truncated line") == true)
    }

    @Test func truncatedLineInTheMiddle() {
        let failure = error("{\"method\":\"GET\",\"path\":\"/a\"}\n{\"method\":\"GET\",\n{\"method\":\"GET\",\"path\":\"/b\"}\n")
        #expect(failure?.line == 2)
        #expect(failure?.reason.hasPrefix("truncated line") == true)
    }

    @Test func badJSON() {
        let failure = error("{\"method\":\"GET\",\"path\":\"/a\"}\n{\"method\":GET}\n")
        #expect(failure?.line == 2)
        #expect(failure?.reason.hasPrefix("bad JSON at column 11") == true)
        #expect(error("[1,2]")?.reason == "expected a JSON object, got array")
    }

    @Test func badBase64() {
        let failure = error("\n\n{\"method\":\"PUT\",\"path\":\"/a\",\"body_base64\":\"not base64!\"}")
        #expect(failure?.line == 3)
        #expect(failure?.reason == "bad base64 in \"body_base64\"")
    }

    @Test func unknownMethod() {
        let failure = error("{\"method\":\"FETCH\",\"path\":\"/a\"}")
        #expect(failure?.line == 1)
        #expect(failure?.reason.hasPrefix("unknown method \"FETCH\"") == true)
        #expect(error("{\"method\":\"get\",\"path\":\"/a\"}")?.reason.hasPrefix("unknown method \"get\"") == true)
    }

    @Test func missingOrBadPath() {
        #expect(error("{\"method\":\"GET\"}")?.reason == "missing \"path\"")
        #expect(error("{\"path\":\"/a\"}")?.reason == "missing \"method\"")
        #expect(error("{\"method\":\"GET\",\"path\":\"scim/v2\"}")?.reason.hasPrefix("\"path\" must start with \"/\"") == true)
        #expect(error("{\"method\":\"GET\",\"path\":\"/a b\"}")?.reason.hasPrefix("\"path\" contains a space") == true)
        #expect(error("{\"method\":\"GET\",\"path\":7}")?.reason == "\"path\" must be a string, got number")
    }

    @Test func otherProblems() {
        #expect(
            error("{\"method\":\"GET\",\"path\":\"/a\",\"status\":999}")?.reason.hasPrefix("\"status\" must be an HTTP status")
                == true)
        #expect(error("{\"method\":\"GET\",\"path\":\"/a\",\"status\":\"OK\"}")?.reason.hasPrefix("\"status\" must be") == true)
        #expect(error("{\"method\":\"GET\",\"path\":\"/a\",\"bdy\":\"x\"}")?.reason.hasPrefix("unknown key \"bdy\"") == true)
        #expect(
            error("{\"method\":\"GET\",\"path\":\"/a\",\"body\":\"x\",\"body_base64\":\"eA==\"}")?.reason
                == "\"body\" and \"body_base64\" exclude each other")
        #expect(
            error("{\"method\":\"GET\",\"path\":\"/a\",\"headers\":{\"X\":1}}")?.reason
                == "header \"X\" must be a string, got number")
        #expect(
            error("{\"method\":\"GET\",\"path\":\"/a\",\"headers\":{\"X\":\"a\\r\\nEvil: 1\"}}")?.reason
                == "header \"X\" has a line break in its value")
        #expect(
            error("{\"method\":\"GET\",\"path\":\"/a\",\"time\":\"yesterday\"}")?.reason.hasPrefix("\"time\" is not an RFC 3339")
                == true)
    }

    @Test func emptyFileHasNoRequests() throws {
        #expect(try parse("").requests.isEmpty)
        #expect(try parse("\n  \n").requests.isEmpty)
    }

    @Test func missingFile() {
        #expect(throws: RecordingError.self) { try RecordingParser.read(file: "/nonexistent/x.jsonl") }
    }

    @Test func writerRoundTrips() throws {
        let request = RecordedRequest(
            method: "PATCH", path: "/scim/v2/Groups/g?x=1", headers: [HTTPHeader("Content-Type", "application/scim+json")],
            body: Array("{\"a\":\"é\\n\"}".utf8), status: .failure, note: "n", id: "g",
            time: Timestamp(rfc3339: "2025-01-01T00:00:00.123456Z"), location: "r.jsonl:1")
        var binary = request
        binary.body = [0xFF, 0x00]
        binary.status = .code(204)
        binary.location = "r.jsonl:2"
        let text = RecordWriter.line(request) + RecordWriter.line(binary)
        let parsed = try RecordingParser.parse(text, file: "r.jsonl").requests
        #expect(parsed == [request, binary])
        #expect(String(decoding: RecordWriter.line(binary), as: UTF8.self).contains("\"body_base64\":\"/wA=\""))
    }

    /// The shipped example recordings parse and every line has a recorded status.
    @Test func exampleRecordingsParse() throws {
        for name in ["okta-lifecycle.jsonl", "entra-lifecycle.jsonl"] {
            let recording = try RecordingParser.read(file: repositoryRoot + "/seed-data/recordings/" + name)
            #expect(recording.requests.count >= 15)
            #expect(recording.requests.allSatisfy { $0.status != nil && $0.note != nil })
            #expect(recording.requests.contains { $0.id != nil })
        }
    }
}

/// The package root (Tests/ReplayTests/<file> is two levels down).
let repositoryRoot: String = {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path
}()
