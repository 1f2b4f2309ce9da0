import JSON
import Testing

@Suite struct TimestampTests {
    @Test func formatsWithMicroseconds() throws {
        let t = try #require(Timestamp(rfc3339: "2014-01-01T05:20:00.12345Z"))
        #expect(t.rfc3339Micros == "2014-01-01T05:20:00.123450Z")
        #expect(t.rfc3339 == "2014-01-01T05:20:00.123Z")
        #expect(Timestamp(rfc3339: "2025-01-01T00:00:00Z")?.rfc3339 == "2025-01-01T00:00:00Z")
    }

    @Test(arguments: [
        "2025-03-01T10:00:00+02:00", "2025-03-01T10:00:00 02:00", "2025-03-01 08:00:00Z",
        "2025-03-01T08:00:00", "2025-03-01T08:00:00.000000z", "2025-03-01T10:00:00+0200",
    ])
    func parsesLenientForms(text: String) throws {
        #expect(Timestamp(rfc3339: text)?.rfc3339 == "2025-03-01T08:00:00Z")
    }

    @Test func bareDateIsMidnightUTC() {
        #expect(Timestamp(rfc3339: "2024-02-29")?.rfc3339 == "2024-02-29T00:00:00Z")
    }

    @Test(arguments: [
        "", "yesterday", "2025-02-30T00:00:00Z", "2025-13-01", "2025-01-01T25:00:00Z", "2025-01-01T00:00:00+",
        "2025-01-01T00:00:00Zjunk",
    ])
    func rejectsInvalidText(text: String) {
        #expect(Timestamp(rfc3339: text) == nil)
    }

    @Test func roundTripsAcrossEras() {
        for micros: Int64 in [0, -1, 951_782_400_123_456, 4_102_444_800_000_000] {
            let t = Timestamp(microseconds: micros)
            #expect(Timestamp(rfc3339: t.rfc3339Micros) == t)
        }
    }
}
