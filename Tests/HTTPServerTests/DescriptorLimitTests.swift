import Testing

@testable import HTTPServer

/// How the descriptor limit is shared between the descriptors the process needs and its connections.
@Suite struct DescriptorLimitTests {
    @Test func aLimitOf64StillServesDozensOfConnections() {
        let limits = DescriptorLimit.fitting(wanted: 10_000, into: 64, reserved: 28)
        #expect(limits.connections == 32)
        #expect(limits.refusalMargin == 4)
        #expect(limits.connections + limits.refusalMargin + 28 <= 64)
    }

    @Test func aLargeLimitServesWhatIsWantedWithTheFullMargin() {
        let limits = DescriptorLimit.fitting(wanted: 10_000, into: 1_048_576, reserved: 40)
        #expect(limits == DescriptorLimit(descriptors: 1_048_576, connections: 10_000, refusalMargin: 64))
    }

    @Test func noLimitServesWhatIsWanted() {
        #expect(DescriptorLimit.fitting(wanted: 10_000, into: nil, reserved: 40).connections == 10_000)
    }

    @Test func aLimitBelowTheReserveLeavesNoConnections() {
        let limits = DescriptorLimit.fitting(wanted: 10_000, into: 20, reserved: 28)
        #expect(limits.connections == 0)
        #expect(limits.connections < DescriptorLimit.minimumConnections)
    }

    @Test func theReserveGrowsWithTheWorkerThreads() {
        #expect(DescriptorLimit.reserve(threads: 8) - DescriptorLimit.reserve(threads: 2) == 12)
    }

    @Test func theProcessLimitNeverGivesMoreConnectionsThanWanted() {
        #expect(DescriptorLimit.current(wanted: 10, threads: 2).connections <= 10)
    }
}
