import Foundation
import JSON

/// Follows a server's live tail of update logs (`GET /__ui/logs/events`), reconnecting after a dropped
/// connection with `Last-Event-ID`, so no log is missed or shown twice across the gap.
public final class LogTail {
    public struct Filters: Sendable {
        public var accountID: String?
        public var idpIDs: [String] = []
        public var statuses: [String] = []

        public init(accountID: String? = nil, idpIDs: [String] = [], statuses: [String] = []) {
            self.accountID = accountID
            self.idpIDs = idpIDs
            self.statuses = statuses
        }
    }

    /// Why following stopped: the server could not be reached (at first, or for `reconnectWindow` after a
    /// drop), or it answered the stream with an error.
    public enum Failure: Error, Sendable, CustomStringConvertible {
        case unreachable(String)
        case refused(status: Int, message: String)

        public var description: String {
            switch self {
            case .unreachable(let reason): reason
            case .refused(let status, let message): "the server refused the stream: \(status) \(message)"
            }
        }
    }

    public let path: String
    private let client: HTTPClient
    private let adminToken: String?
    private let reconnectWindow: Duration
    /// The id of the last event received: where a reconnection resumes.
    public private(set) var lastEventID: String?

    /// - Parameter timeoutSeconds: silence after which the connection counts as dropped (the server sends
    ///   keep-alives well within it).
    public init(
        target: HTTPTarget, filters: Filters, adminToken: String? = nil, timeoutSeconds: Int = 45,
        reconnectWindow: Duration = .seconds(30)
    ) {
        client = HTTPClient(target: target, timeoutSeconds: timeoutSeconds)
        self.adminToken = adminToken
        self.reconnectWindow = reconnectWindow
        path = Self.path(filters)
    }

    static func path(_ filters: Filters) -> String {
        var query: [String] = []
        if let account = filters.accountID { query.append("account_id=" + TrafficExporter.percentEncodeSegment(account)) }
        query += filters.idpIDs.map { "idp_id=" + TrafficExporter.percentEncodeSegment($0) }
        query += filters.statuses.map { "status=" + TrafficExporter.percentEncodeSegment($0) }
        return "/__ui/logs/events" + (query.isEmpty ? "" : "?" + query.joined(separator: "&"))
    }

    /// Delivers every event until a `Failure`; `note` hears about drops and reconnections.
    public func run(_ deliver: (ServerSentEvent) -> Void, note: (String) -> Void) throws(Failure) -> Never {
        try connect(retrying: false)
        note("following \(client.target)\(path)")
        while true {
            var parser = ServerSentEventParser()
            do {
                while let chunk = try client.nextChunk() {
                    for event in parser.feed(chunk) {
                        if let id = event.id { lastEventID = id }
                        deliver(event)
                    }
                }
                note("the server ended the stream; reconnecting")
            } catch {
                note("connection lost (\(error)); reconnecting")
            }
            try connect(retrying: true)
            note("reconnected; resuming after log \(lastEventID ?? "none")")
        }
    }

    /// Opens the stream; when `retrying`, tries again every second for `reconnectWindow`.
    private func connect(retrying: Bool) throws(Failure) {
        let deadline = ContinuousClock.now + reconnectWindow
        while true {
            var headers = [HTTPHeader("Accept", "text/event-stream")]
            if let adminToken { headers.append(HTTPHeader("Authorization", "Bearer \(adminToken)")) }
            if let lastEventID { headers.append(HTTPHeader("Last-Event-ID", lastEventID)) }
            do {
                switch try client.openStream(path: path, headers: headers) {
                case .streaming: return
                case .answered(let response):
                    let text = String(decoding: response.body.prefix(2000), as: UTF8.self)
                    throw Failure.refused(status: response.status, message: Self.message(text))
                }
            } catch let failure as Failure {
                throw failure
            } catch {
                guard retrying, ContinuousClock.now < deadline else { throw Failure.unreachable("\(error)") }
                Thread.sleep(forTimeInterval: 1)
            }
        }
    }

    /// A refusal's text on one line: the dashboard answers `STATUS message`, a JSON error its message.
    private static func message(_ body: String) -> String {
        let line = body.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return TailLine.printable(line)
    }
}
