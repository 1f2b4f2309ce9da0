import Testing

@testable import HTTPServer

/// SCIM filters and pagination arrive in the query, so decoding must be exact.
@Suite("QueryParameters")
struct QueryParametersTests {
    @Test func repeatedKeysKeepOrder() {
        let query = QueryParameters(parsing: "a=1&b=2&a=3")
        #expect(query.values("a") == ["1", "3"])
        #expect(query.first("a") == "1")
        #expect(query.items.map(\.name) == ["a", "b", "a"])
        #expect(query.names == ["a", "b"])
    }

    @Test func percentEscapesDecode() {
        let query = QueryParameters(parsing: "filter=userName%20eq%20%22a%40b.com%22&t=x%3Ay%2Bz")
        #expect(query.first("filter") == #"userName eq "a@b.com""#)
        #expect(query.first("t") == "x:y+z")
    }

    @Test func plusIsSpaceButEncodedPlusIsPlus() {
        let query = QueryParameters(parsing: "q=a+b%2Bc&name+x=1")
        #expect(query.first("q") == "a b+c")
        #expect(query.first("name x") == "1")
    }

    @Test func invalidEscapesStayLiteral() {
        let query = QueryParameters(parsing: "a=%zz&b=100%&c=%4")
        #expect(query.first("a") == "%zz")
        #expect(query.first("b") == "100%")
        #expect(query.first("c") == "%4")
    }

    @Test func invalidUTF8IsReplaced() {
        #expect(QueryParameters(parsing: "a=%FFok").first("a") == "\u{FFFD}ok")
        #expect(QueryParameters(parsing: "a=%C3%A9").first("a") == "é")
    }

    @Test func emptyAndMissingValues() {
        let query = QueryParameters(parsing: "&flag&=orphan&empty=&&x=a=b")
        #expect(query.items.map(\.name) == ["flag", "empty", "x"])
        #expect(query.first("flag") == "")
        #expect(query.first("empty") == "")
        #expect(query.first("x") == "a=b")
        #expect(query.first("missing") == nil)
        #expect(query.values("missing").isEmpty)
    }

    @Test func emptyStringHasNoItems() {
        let query = QueryParameters(parsing: "")
        #expect(query.items.isEmpty)
        #expect(query.names.isEmpty)
    }
}
