import Testing

@testable import HTTPServer

/// The pure parts of request vetting and of answers written without MHD.
@Suite("Request vetting")
struct RequestVettingTests {
    @Test func contentLengthAcceptsDigitsOnlyAndNeverTraps() {
        #expect(RequestVetting.contentLength("0") == 0)
        #expect(RequestVetting.contentLength("0042") == 42)
        #expect(RequestVetting.contentLength("18446744073709551615") == UInt64.max)
        for bad in ["", "abc", "-1", "+1", " 1", "1 ", "1,1", "18446744073709551616", String(repeating: "9", count: 400)] {
            #expect(RequestVetting.contentLength(bad) == nil, "\(bad.prefix(30))")
        }
    }

    @Test func framingNeedsOneConsistentLength() {
        func rejection(_ pairs: [(String, String)]) -> HTTPRequest.Rejection? {
            RequestVetting.framingRejection(FramingFields(HTTPHeaders(pairs)))
        }
        #expect(rejection([("Content-Length", "2"), ("content-length", "3")])?.status == 400)
        #expect(rejection([("Content-Length", "2"), ("Content-Length", "02")]) == nil)
        #expect(rejection([("Content-Length", "2")]) == nil)
        #expect(rejection([]) == nil)
        #expect(rejection([("Transfer-Encoding", "chunked"), ("Content-Length", "2")])?.status == 400)
    }

    @Test func onlyASingleChunkedCodingIsAccepted() {
        #expect(RequestVetting.transferCodingRejection(["chunked"]) == nil)
        #expect(RequestVetting.transferCodingRejection(["Chunked"]) == nil)
        #expect(RequestVetting.transferCodingRejection(["gzip"])?.status == 501)
        #expect(RequestVetting.transferCodingRejection(["gzip, chunked"])?.status == 501)
        #expect(RequestVetting.transferCodingRejection(["chunked", "identity"])?.status == 501)
        #expect(RequestVetting.transferCodingRejection(["chunked, chunked"])?.status == 400)
        #expect(RequestVetting.transferCodingRejection(["chunked", "chunked"])?.status == 400)
        #expect(RequestVetting.transferCodingRejection([""])?.status == 400)
    }

    @Test func hostRules() {
        func hosts(_ pairs: [(String, String)]) -> Int { FramingFields(HTTPHeaders(pairs)).hosts }
        #expect(RequestVetting.hostRejection(hosts: hosts([]), version: "HTTP/1.1")?.status == 400)
        #expect(RequestVetting.hostRejection(hosts: hosts([]), version: "HTTP/1.2")?.status == 400)
        #expect(RequestVetting.hostRejection(hosts: hosts([]), version: "HTTP/1.0") == nil)
        #expect(RequestVetting.hostRejection(hosts: hosts([("Host", "")]), version: "HTTP/1.1") == nil)
        #expect(RequestVetting.hostRejection(hosts: hosts([("Host", "a"), ("host", "a")]), version: "HTTP/1.0")?.status == 400)
    }

    @Test func framingFieldsAreFoundInOnePass() {
        let fields = FramingFields(
            HTTPHeaders([
                ("cookie", "a=1"), ("Content-Length", "5"), ("X", "y"),
                ("transfer-encoding", "chunked"), ("COOKIE", "bb"),
            ]))
        #expect(fields.cookieBytes == 5)
        #expect(fields.contentLengths == ["5"])
        #expect(fields.transferCodings == ["chunked"])
        #expect(fields.hosts == 0)
    }

    @Test func queryParametersAreCountedLikeTheParserSplitsThem() {
        #expect(RequestVetting.parameterCount("") == 0)
        #expect(RequestVetting.parameterCount("a=1&&b&") == 2)
        #expect(RequestVetting.parameterCount(Array(repeating: "x=1", count: 1_001).joined(separator: "&")) == 1_001)
    }

    @Test func directAnswersAreCompleteAndClose() {
        var response = HTTPResponse.json(431, Array(#"{"e":1}"#.utf8))
        response.headers.add("Content-Length", "999")
        response.headers.add("Connection", "keep-alive")
        response.headers.add("X-Bad", "a\r\nInjected: yes")
        response.headers.add("X-Good", "b")
        let text = String(decoding: DirectAnswer.wire(response, headOnly: false, sendsDate: false), as: UTF8.self)
        #expect(
            text == "HTTP/1.1 431 Request Header Fields Too Large\r\nContent-Type: application/json\r\nX-Good: b\r\n"
                + "Connection: close\r\nContent-Length: 7\r\n\r\n{\"e\":1}")
        let head = String(decoding: DirectAnswer.wire(response, headOnly: true, sendsDate: false), as: UTF8.self)
        #expect(head.hasSuffix("Content-Length: 7\r\n\r\n"))
    }

    @Test func directAnswerDatesAreIMFFixdates() {
        let date = DirectAnswer.httpDate()
        #expect(date.utf8.count == 29)
        #expect(date.hasSuffix(" GMT"))
        #expect(["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"].contains(String(date.prefix(3))))
    }

    @Test func jsonEscaping() {
        #expect(DirectAnswer.jsonEscaped(#"a "b" \c"#) == #"a \"b\" \\c"#)
        #expect(DirectAnswer.jsonEscaped("tab\there\u{1}") == #"tab\u0009here\u0001"#)
    }

    @Test func onlyHeadFailureMessagesAreActedOn() {
        let invalid = "Failed to parse `Content-Length' header. Closing connection.\n"
        #expect(MHDHeadFailure.rejection(forLogFormat: invalid)?.status == 400)
        let tooLarge = "Too large value of 'Content-Length' header. Closing connection.\n"
        #expect(MHDHeadFailure.rejection(forLogFormat: tooLarge)?.status == 400)
        #expect(MHDHeadFailure.rejection(forLogFormat: "Not enough memory in pool to parse cookies!\n")?.status == 431)
        #expect(MHDHeadFailure.rejection(forLogFormat: "Application reported internal error, closing connection.") == nil)
        #expect(MHDHeadFailure.rejection(forLogFormat: "") == nil)
    }
}
