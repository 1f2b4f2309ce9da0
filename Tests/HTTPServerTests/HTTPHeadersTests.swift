import Testing

@testable import HTTPServer

/// Header names are case-insensitive on the wire; order and repeats must survive.
@Suite("HTTPHeaders")
struct HTTPHeadersTests {
    @Test func lookupIgnoresCase() {
        let headers = HTTPHeaders([("Content-Type", "application/scim+json")])
        #expect(headers["content-type"] == "application/scim+json")
        #expect(headers["CONTENT-TYPE"] == "application/scim+json")
        #expect(headers["Content-Length"] == nil)
        #expect(headers.contains("content-TYPE"))
    }

    @Test func repeatedFieldsKeepOrder() {
        var headers = HTTPHeaders()
        headers.add("X-A", "1")
        headers.add("x-a", "2")
        headers.add("X-B", "3")
        #expect(headers.values(for: "X-A") == ["1", "2"])
        #expect(headers["x-a"] == "1")
        #expect(headers.map(\.name) == ["X-A", "x-a", "X-B"])
        #expect(headers.count == 3)
    }

    @Test func setReplacesEveryCaseVariant() {
        var headers = HTTPHeaders([("ETag", "a"), ("etag", "b"), ("Other", "c")])
        headers.set("ETAG", "z")
        #expect(headers.values(for: "etag") == ["z"])
        #expect(headers.map(\.name) == ["Other", "ETAG"])
    }

    @Test func caseFoldingIsASCIIOnly() {
        #expect(HTTPHeaders.namesMatch("x-Ä", "X-Ä"))
        #expect(!HTTPHeaders.namesMatch("x-ä", "X-Ä"))
        #expect(!HTTPHeaders.namesMatch("ab", "abc"))
    }
}
