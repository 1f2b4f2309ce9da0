import Replay
import Testing

/// The event-stream parser in-process: events split anywhere, and a hostile stream's memory bounded.
@Suite struct ServerSentEventParserTests {
    @Test func eventsSplitAcrossChunksAreDispatchedOnTheBlankLine() {
        var parser = ServerSentEventParser()
        #expect(parser.feed(Array("id: 7\nevent: log\nda".utf8)).isEmpty)
        let events = parser.feed(Array("ta: a\r\ndata: b\n\n: keep-alive\n\n".utf8))
        #expect(events == [ServerSentEvent(id: "7", event: "log", data: "a\nb")])
    }

    @Test func anEventWhoseDataLinesPassTheLimitIsDroppedAndTheNextOneArrives() {
        var parser = ServerSentEventParser()
        let line = Array("data: ".utf8) + [UInt8](repeating: UInt8(ascii: "x"), count: 1 << 20) + [0x0A]
        for _ in 0..<(ServerSentEventParser.maxEventBytes >> 20) + 1 {
            #expect(parser.feed(line).isEmpty)
        }
        let events = parser.feed(Array("\nid: 8\ndata: small\n\n".utf8))
        #expect(events.map(\.data.utf8.count) == [5])
        #expect(events.first?.id == "8")
    }
}
