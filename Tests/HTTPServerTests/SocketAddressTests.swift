import Glibc
import Testing

@testable import HTTPServer

/// Only literals are accepted so a typo cannot bind somewhere unexpected.
@Suite("Listen address parsing")
struct SocketAddressTests {
    @Test func parsesIPv4AndLocalhost() throws {
        let v4 = try SocketAddress(host: "127.0.0.1", port: 8080)
        #expect(!v4.isIPv6)
        #expect(v4.hostPort(8080) == "127.0.0.1:8080")
        let localhost = try SocketAddress(host: "localhost", port: 1)
        #expect(localhost.host == "127.0.0.1")
    }

    @Test func parsesIPv6WithBrackets() throws {
        let v6 = try SocketAddress(host: "::1", port: 4010)
        #expect(v6.isIPv6)
        #expect(v6.hostPort(4010) == "[::1]:4010")
    }

    @Test func portIsInNetworkOrder() throws {
        let address = try SocketAddress(host: "10.0.0.1", port: 0x1234)
        guard case .ipv4(let raw) = address.family else {
            Issue.record("expected IPv4")
            return
        }
        #expect(raw.sin_port == UInt16(0x1234).bigEndian)
        #expect(raw.sin_addr.s_addr == UInt32(0x0A00_0001).bigEndian)
    }

    @Test(arguments: ["example.com", "", "127.0.0.256", "[::1]", "::1%lo", "1.2.3"])
    func rejectsNonLiterals(host: String) {
        #expect(throws: HTTPServerError.invalidAddress(host)) {
            try SocketAddress(host: host, port: 1)
        }
    }

    @Test func startRejectsInvalidHost() {
        var configuration = HTTPServer.Configuration()
        configuration.host = "not-an-address"
        let server = HTTPServer(configuration: configuration) { _ in HTTPResponse(status: 200) }
        #expect(throws: HTTPServerError.invalidAddress("not-an-address")) {
            try server.start()
        }
    }

    @Test func urlBeforeStartUsesConfiguration() {
        var configuration = HTTPServer.Configuration()
        configuration.host = "::1"
        configuration.port = 9000
        let server = HTTPServer(configuration: configuration) { _ in HTTPResponse(status: 200) }
        #expect(server.url == "http://[::1]:9000")
        #expect(server.port == 9000)
    }

    @Test func errorsDescribeThemselves() {
        #expect(HTTPServerError.startFailed("could not bind x").description.contains("could not bind x"))
        #expect(HTTPServerError.invalidAddress("h").description.contains("\"h\""))
    }
}
