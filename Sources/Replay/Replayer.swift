import JSON

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// How fast to send: as fast as possible, at a fixed rate, or at the recorded pace (scaled).
public enum Pacing: Sendable, Equatable {
    case asFastAsPossible
    /// Requests per second.
    case rate(Double)
    /// Recorded timestamps (HAR `startedDateTime`, JSON lines `time`), `factor` times faster.
    case recorded(factor: Double)

    public struct Invalid: Error, Sendable, CustomStringConvertible { public let description: String }

    /// `max` (default), `200/s` (a fixed rate), `1x` (the recorded pace), `2x` / `0.5x` (scaled).
    public init(parsing text: String) throws(Invalid) {
        let lower = text.lowercased()
        if lower == "max" || lower == "fast" {
            self = .asFastAsPossible
        } else if lower.hasSuffix("/s"), let rate = Double(lower.dropLast(2)), rate > 0, rate.isFinite {
            self = .rate(rate)
        } else if lower.hasSuffix("x"), let factor = Double(lower.dropLast()), factor > 0, factor.isFinite {
            self = .recorded(factor: factor)
        } else {
            throw Invalid(
                description: "--speed \(text): expected max, a rate like 200/s, or a multiple of the recorded pace like 1x or 2x")
        }
    }
}

/// What became of one request.
public struct ReplayOutcome: Sendable {
    public enum Verdict: Sendable, Equatable {
        case asRecorded
        case differed
        /// No recorded status to compare with.
        case unchecked
        case failedToSend
    }

    public var request: RecordedRequest
    /// The path as sent (ids substituted).
    public var sentPath: String
    public var status: Int?
    public var response: ClientResponse?
    public var error: String?
    public var verdict: Verdict
    public var seconds: Double
    /// Times the request was sent again after a 429 (`RetryPolicy`).
    public var retries = 0
}

/// The counts a replay ends with.
public struct ReplaySummary: Sendable, Equatable, CustomStringConvertible {
    /// Every request attempted: asRecorded + differed + unchecked + failedToSend.
    public var sent = 0
    public var asRecorded = 0
    public var differed = 0
    public var failedToSend = 0
    /// Requests without a recorded status.
    public var unchecked = 0
    /// HAR entries that were not SCIM requests.
    public var skipped = 0
    /// Requests sent again after a 429, counted once per resend.
    public var retries = 0
    public var seconds = 0.0

    public init() {}

    public mutating func count(_ verdict: ReplayOutcome.Verdict) {
        sent += 1
        switch verdict {
        case .asRecorded: asRecorded += 1
        case .differed: differed += 1
        case .unchecked: unchecked += 1
        case .failedToSend: failedToSend += 1
        }
    }

    /// 0 when everything went as recorded; 1 when an outcome differed or a request could not be sent.
    public var exitStatus: Int32 { differed > 0 || failedToSend > 0 ? 1 : 0 }

    public var requestsPerSecond: Double { seconds > 0 ? Double(sent) / seconds : 0 }

    public var description: String {
        var text = "\(sent) sent, \(asRecorded) as recorded, \(differed) differed, \(failedToSend) failed to send"
        if unchecked > 0 { text += " (\(unchecked) without a recorded status)" }
        if retries > 0 { text += "; \(retries) \(retries == 1 ? "retry" : "retries") after 429" }
        if skipped > 0 { text += "; \(skipped) non-SCIM HAR \(skipped == 1 ? "entry" : "entries") skipped" }
        return text
    }
}

/// Sends recorded requests in order over one connection, rewriting the bearer token and the ids of
/// resources created during the replay, and compares each answer with the recorded status.
public final class Replayer {
    public let client: HTTPClient
    public let token: String?
    public let pacing: Pacing
    /// nil sends every request once (`replay --no-retry`).
    public let retry: RetryPolicy?
    public private(set) var ids = IDMap()

    /// Headers never replayed: the client sets its own framing, host and (with a token) credentials.
    static let dropped: [String] = [
        "host", "content-length", "connection", "keep-alive", "transfer-encoding", "te", "trailer",
        "upgrade", "expect", "proxy-connection", "proxy-authorization", "accept-encoding",
    ]

    private let authorization: HTTPHeader?

    public init(client: HTTPClient, token: String?, pacing: Pacing = .asFastAsPossible, retry: RetryPolicy? = RetryPolicy()) {
        self.client = client
        self.token = token
        authorization = token.map { HTTPHeader("Authorization", "Bearer \($0)") }
        self.pacing = pacing
        self.retry = retry
    }

    /// Replays `requests`; `observe` sees each outcome as it happens (index is 0-based).
    public func run(
        _ requests: [RecordedRequest], skipped: Int = 0,
        observe: (ReplayOutcome, Int) -> Void = { _, _ in }
    ) -> ReplaySummary {
        var summary = ReplaySummary()
        summary.skipped = skipped
        let start = monotonicSeconds()
        let firstTime = requests.lazy.compactMap(\.time).first
        for (index, request) in requests.enumerated() {
            pace(index: index, request: request, start: start, firstTime: firstTime)
            let outcome = send(request)
            summary.count(outcome.verdict)
            summary.retries += outcome.retries
            observe(outcome, index)
        }
        summary.seconds = monotonicSeconds() - start
        return summary
    }

    /// Sends one request and learns the id of what it created.
    public func send(_ request: RecordedRequest) -> ReplayOutcome {
        let path = ids.rewrite(path: request.path)
        let body = ids.rewrite(body: request.body) ?? request.body
        let began = monotonicSeconds()
        var retries = 0
        do {
            let headers = headers(for: request)
            var response = try client.send(method: request.method, path: path, headers: headers, body: body)
            while let retry, retry.retries(request, response, after: retries) {
                usleep(UInt32(retry.wait(for: response) * 1_000_000))
                retries += 1
                response = try client.send(method: request.method, path: path, headers: headers, body: body)
            }
            let seconds = monotonicSeconds() - began
            learn(from: request, response)
            let verdict: ReplayOutcome.Verdict =
                request.status.map { $0.matches(response.status) ? .asRecorded : .differed } ?? .unchecked
            return ReplayOutcome(
                request: request, sentPath: path, status: response.status, response: response, error: nil,
                verdict: verdict, seconds: seconds, retries: retries)
        } catch {
            return ReplayOutcome(
                request: request, sentPath: path, status: nil, response: nil, error: error.description,
                verdict: .failedToSend, seconds: monotonicSeconds() - began, retries: retries)
        }
    }

    func headers(for request: RecordedRequest) -> [HTTPHeader] {
        var headers: [HTTPHeader] = []
        headers.reserveCapacity(request.headers.count + 2)
        var hasContentType = false
        var hasAuthorization = false
        for header in request.headers {
            if header.name.caseInsensitiveEquals("authorization") {
                if token != nil { continue }
                hasAuthorization = true
            } else if header.name.caseInsensitiveEquals("content-type") {
                hasContentType = true
            } else if Self.dropped.contains(where: { header.name.caseInsensitiveEquals($0) }) {
                continue
            }
            headers.append(header)
        }
        if let authorization, !hasAuthorization { headers.append(authorization) }
        if !hasContentType, !request.body.isEmpty { headers.append(HTTPHeader("Content-Type", "application/scim+json")) }
        return headers
    }

    /// A 2xx create whose recorded id is known: map that id to the one the server gave now.
    func learn(from request: RecordedRequest, _ response: ClientResponse) {
        guard let recorded = request.id, (200..<300).contains(response.status), request.createdResourceType != nil,
            let object = try? JSONReader.parse(response.body).objectValue, let actual = object["id"]?.stringValue
        else { return }
        ids.record(recorded: recorded, actual: actual)
    }

    private func pace(index: Int, request: RecordedRequest, start: Double, firstTime: Timestamp?) {
        let due: Double
        switch pacing {
        case .asFastAsPossible:
            return
        case .rate(let rate):
            due = start + Double(index) / rate
        case .recorded(let factor):
            guard let time = request.time, let firstTime else { return }
            due = start + Double(time.microseconds - firstTime.microseconds) / 1_000_000 / factor
        }
        let wait = due - monotonicSeconds()
        if wait > 0 { usleep(UInt32(min(wait, 3600) * 1_000_000)) }
    }
}

/// Seconds on the monotonic clock.
public func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1_000_000_000
}
