import ArgumentParser
import Foundation
import Replay

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Send recorded SCIM traffic (JSON lines or HAR 1.2) to a server and compare the answers with the recording.",
        discussion: """
            Requests go one after another over one keep-alive connection, in file order. The recorded host is \
            replaced by --target (plain http://host:port only, no https; a path in it is prepended to every \
            request path), and with --token the Authorization header becomes `Bearer TOKEN`. When a create \
            (POST .../Users or .../Groups) is answered 2xx, the id the server gives replaces the recorded id \
            (`id` in JSON lines, the recorded response's `id` in a HAR) in later paths and JSON bodies. \
            From a HAR only requests whose path contains /scim/v2/ are sent; the others are counted and skipped. \
            Every file is checked before anything is sent. Prints a summary on stdout; exit status 0 when every \
            outcome is as recorded, 1 when one differed or could not be sent, 2 for a bad recording. \
            A 429 the recording does not have is sent again after its Retry-After (seconds, at most \
            --max-retry-wait; 1 s when absent), up to --max-retries times, and the summary counts the retries; \
            --no-retry compares the first answer instead. Format: seed-data/recording.schema.json.
            """)

    @Argument(help: ArgumentHelp("Recordings: JSON lines or HAR 1.2 files, replayed in the order given.", valueName: "file"))
    var files: [String]

    @Option(help: ArgumentHelp("Server to send to: http://host:port (plain HTTP only).", valueName: "url"))
    var target: String

    @Option(help: ArgumentHelp("SCIM bearer secret to send instead of the recorded Authorization header.", valueName: "secret"))
    var token: String?

    @Option(
        help: ArgumentHelp(
            "max (default), a fixed rate such as 200/s, or the recorded pace (HAR startedDateTime, JSON lines time) such "
                + "as 1x or 2x.",
            valueName: "speed"))
    var speed = "max"

    @Option(help: ArgumentHelp("Seconds to wait for an answer.", valueName: "seconds"))
    var timeout = 30

    @Flag(help: "Compare a 429 with the recording instead of waiting its Retry-After and sending again.")
    var noRetry = false

    @Option(help: ArgumentHelp("Times one request is sent again after a 429.", valueName: "count"))
    var maxRetries = 3

    @Option(help: ArgumentHelp("Longest wait for one Retry-After.", valueName: "seconds"))
    var maxRetryWait = 60.0

    @Flag(name: .shortAndLong, help: "Print one line per request on stdout.")
    var verbose = false

    func validate() throws {
        guard !files.isEmpty else { throw ValidationError("name at least one recording") }
        do { _ = try HTTPTarget(parsing: target) } catch { throw ValidationError(error.description) }
        do { _ = try Pacing(parsing: speed) } catch { throw ValidationError(error.description) }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
        guard (0...100).contains(maxRetries) else { throw ValidationError("--max-retries must be between 0 and 100") }
        guard maxRetryWait >= 0, maxRetryWait <= 3600 else { throw ValidationError("--max-retry-wait must be 0 to 3600 seconds") }
    }

    func run() throws {
        let target: HTTPTarget
        let pacing: Pacing
        do {
            target = try HTTPTarget(parsing: self.target)
            pacing = try Pacing(parsing: speed)
        } catch {
            throw CLIReport.fatal("\(error)")
        }
        var requests: [RecordedRequest] = []
        var skipped = 0
        for file in files {
            do {
                let recording = try RecordingParser.read(file: file)
                requests += recording.requests
                skipped += recording.skipped
            } catch {
                throw CLIReport.badInput(error.description)
            }
        }
        let client = HTTPClient(target: target, timeoutSeconds: timeout)
        do { try client.connect() } catch { throw CLIReport.fatal(error.description) }

        let out = LineWriter(fd: 1)
        let progress = ProgressBar(total: requests.count, enabled: isatty(2) == 1 && !(verbose && isatty(1) == 1))
        var reportedDifferences = 0
        let retry = noRetry ? nil : RetryPolicy(maxRetries: maxRetries, maxWaitSeconds: maxRetryWait)
        let replayer = Replayer(client: client, token: token, pacing: pacing, retry: retry)
        var summary = replayer.run(requests, skipped: skipped) { outcome, index in
            if verbose { out.write(Self.line(outcome)) }
            if outcome.verdict == .differed || outcome.verdict == .failedToSend {
                reportedDifferences += 1
                if reportedDifferences <= 20 {
                    progress.clear()
                    CLIReport.note(Self.difference(outcome))
                } else if reportedDifferences == 21 {
                    progress.clear()
                    CLIReport.note("more differences follow; --verbose lists every request")
                }
            }
            progress.update(done: index + 1)
        }
        progress.clear()
        summary.seconds = max(summary.seconds, 0)
        out.write(
            summary.description + String(format: " in %.2f s (%.0f requests/s)", summary.seconds, summary.requestsPerSecond))
        out.flush()
        if summary.exitStatus != 0 { throw ExitCode(summary.exitStatus) }
    }

    static func line(_ outcome: ReplayOutcome) -> String {
        let request = outcome.request
        let answer = outcome.status.map(String.init) ?? "failed"
        let verdict: String
        switch outcome.verdict {
        case .asRecorded: verdict = "as recorded"
        case .differed: verdict = "DIFFERED, recorded \(request.status?.description ?? "")"
        case .unchecked: verdict = "no recorded status"
        case .failedToSend: verdict = "FAILED TO SEND: \(outcome.error ?? "")"
        }
        let retried = outcome.retries > 0 ? " after \(outcome.retries) \(outcome.retries == 1 ? "retry" : "retries")" : ""
        return "\(request.location) \(request.method) \(outcome.sentPath) \(answer)\(retried) \(verdict) "
            + String(format: "%.2fms", outcome.seconds * 1000)
    }

    static func difference(_ outcome: ReplayOutcome) -> String {
        let request = outcome.request
        if outcome.verdict == .failedToSend {
            return "\(request.location): \(request.method) \(outcome.sentPath) could not be sent: \(outcome.error ?? "")"
        }
        var text =
            "\(request.location): \(request.method) \(outcome.sentPath) answered \(outcome.status ?? 0), recorded "
            + "\(request.status?.description ?? "")"
        if let body = outcome.response?.body, !body.isEmpty {
            let snippet = String(decoding: body.prefix(300), as: UTF8.self)
            text += ": " + snippet.replacingOccurrences(of: "\n", with: " ")
        }
        return text
    }
}

/// Buffered lines on a file descriptor (stdout through FileHandle is unbuffered and slow for 100k lines).
final class LineWriter {
    private let fd: Int32
    private var buffer: [UInt8] = []

    init(fd: Int32) {
        self.fd = fd
        buffer.reserveCapacity(1 << 16)
    }

    deinit { flush() }

    func write(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(0x0A)
        if buffer.count >= 1 << 16 { flush() }
    }

    func write(bytes: [UInt8]) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 1 << 16 { flush() }
    }

    func flush() {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { Foundation.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if written <= 0 {
                if written < 0 && errno == EINTR { continue }
                break
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

/// A one-line progress bar on stderr, redrawn at most ten times a second; only on a terminal.
final class ProgressBar {
    private let total: Int
    private let enabled: Bool
    private let start = monotonicSeconds()
    private var lastDraw = 0.0
    private var drawn = false

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled && total > 0
    }

    func update(done: Int) {
        guard enabled else { return }
        let now = monotonicSeconds()
        guard now - lastDraw >= 0.1 || done == total else { return }
        lastDraw = now
        let width = 30
        let filled = total > 0 ? width * done / total : width
        let rate = now > start ? Double(done) / (now - start) : 0
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        let percent = total > 0 ? 100 * done / total : 100
        FileHandle.standardError.write(Data("\r\u{1B}[K[\(bar)] \(percent)% \(done)/\(total) \(Int(rate)) req/s".utf8))
        drawn = true
    }

    func clear() {
        guard drawn else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
        drawn = false
        lastDraw = 0
    }
}
