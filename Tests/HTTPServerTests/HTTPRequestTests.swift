import Testing

@testable import HTTPServer

/// `HTTPRequest(target:)` must split and decode like the live server does.
@Suite("HTTPRequest and HTTPResponse")
struct HTTPRequestTests {
    @Test func targetSplitsAtFirstQuestionMark() {
        let request = HTTPRequest(method: "GET", target: "/a%20b/c?x=1?2&y=%41")
        #expect(request.path == "/a b/c")
        #expect(request.rawQuery == "x=1?2&y=%41")
        #expect(request.query.first("x") == "1?2")
        #expect(request.query.first("y") == "A")
    }

    @Test func pathDecodingKeepsPlus() {
        #expect(HTTPRequest(method: "GET", target: "/a+b").path == "/a+b")
    }

    @Test func targetWithoutQuery() {
        let request = HTTPRequest(method: "DELETE", target: "/x")
        #expect(request.rawQuery == "")
        #expect(request.query.items.isEmpty)
    }

    @Test func memberwiseInitParsesQuery() {
        let request = HTTPRequest(method: "GET", path: "/p", rawQuery: "count=5&startIndex=2")
        #expect(request.query.first("count") == "5")
        #expect(request.query.first("startIndex") == "2")
    }

    @Test func jsonResponseSetsContentType() {
        let plain = HTTPResponse.json(201, Array("{}".utf8))
        #expect(plain.status == 201)
        #expect(plain.headers["content-type"] == "application/json")
        #expect(plain.body == Array("{}".utf8))
        let scim = HTTPResponse.json(200, [], contentType: "application/scim+json")
        #expect(scim.headers.values(for: "Content-Type") == ["application/scim+json"])
    }
}
