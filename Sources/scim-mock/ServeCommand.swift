import ArgumentParser
import Foundation
import HTTPServer
import Services
import Store
import Surfaces

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the mock (the default command).",
        discussion: """
            Prints the bound URL on stdout once it is listening (and the dashboard's, /__ui/, on the next line), \
            one access-log line per request on stderr (unless --quiet), and stops gracefully on SIGINT or SIGTERM: \
            it stops accepting, closes idle connections, answers every request already read (for at most \
            --stop-timeout seconds; after that a request not yet applied is refused with 503), then exits 0. \
            A second signal ends it at once; SIGQUIT ends it at once too. \
            A bad fixture stops start-up with FILE: $.json.path: reason and exit status 2, a bad --fault rule \
            with exit status 2 naming the field; a database that cannot be opened or is refused (see --db) or an \
            address that cannot be bound is exit status 1, as is a file-descriptor limit (ulimit -n) too small for \
            8 connections; stderr says at start how many connections the limit allows.

            Admin API (for test suites): GET /__admin/health, POST /__admin/reset (?empty=true), \
            POST /__admin/fixtures (a fixture body, checked whole before any of it loads), GET /__admin/state (the state as a \
            fixture), DELETE /__admin/accounts/ID (that account back to its start-up fixtures), \
            GET and POST /__admin/clock ({"set": "2025-01-01T00:00:00Z"}, {"advance": 60}, {"frozen": false}), \
            GET/POST/PUT/DELETE /__admin/faults[/ID] (fault rules), GET /__admin/requests[/count] and \
            DELETE /__admin/requests (the request journal). A reset also clears the fault rules, the rate-limit \
            windows and the journal.
            """)

    @Option(help: "Address to bind: an IPv4 or IPv6 literal, or localhost. (env: SCIM_MOCK_HOST)")
    var host = "127.0.0.1"

    @Option(help: "Port to bind; 0 picks a free one. (env: SCIM_MOCK_PORT)")
    var port: UInt16 = 4010

    @Option(
        help: ArgumentHelp(
            "SQLite file that keeps state across restarts (WAL mode); in memory when absent. Fixtures are loaded only "
                + "into a database with no accounts yet. Refused, untouched and with exit status 1: a file or directory "
                + "this user cannot write, another program's SQLite database, one from a newer scim-mock, one another "
                + "process serves (FILE.lock). (env: SCIM_MOCK_DB)",
            valueName: "file"))
    var db: String?

    @Option(
        help: ArgumentHelp(
            "Fixture file to load; repeat for several. Default: seed-data/default.json. (env: SCIM_MOCK_SEED, comma-separated)",
            valueName: "file"))
    var seed: [String] = []

    @Flag(help: "Start with no fixture at all. (env: SCIM_MOCK_NO_SEED=1)")
    var noSeed = false

    @Option(
        help: ArgumentHelp(
            "Accept only this API token (Authorization: Bearer); repeat for several. Default: any well-formed "
                + "credentials. (env: SCIM_MOCK_API_TOKEN, comma-separated)",
            valueName: "token"))
    var apiToken: [String] = []

    @Option(help: ArgumentHelp("Accept only this X-Auth-Key (with --api-email). (env: SCIM_MOCK_API_KEY)", valueName: "key"))
    var apiKey: String?

    @Option(help: ArgumentHelp("Accept only this X-Auth-Email (with --api-key). (env: SCIM_MOCK_API_EMAIL)", valueName: "email"))
    var apiEmail: String?

    @Option(help: "Worker threads serving requests. (env: SCIM_MOCK_THREADS)")
    var threads: Int = max(ProcessInfo.processInfo.activeProcessorCount, 2)

    @Option(
        help: ArgumentHelp(
            "Largest request body accepted, at most 1073741824 (1 GiB); larger ones get 413."
                + " (env: SCIM_MOCK_MAX_BODY_BYTES)"))
    var maxBodyBytes: Int = 1 << 20

    @Option(help: "Seconds an idle connection is kept open, 1 to 86400. (env: SCIM_MOCK_TIMEOUT)")
    var timeout: UInt32 = 30

    @Flag(help: "No access-log lines on stderr. (env: SCIM_MOCK_QUIET=1)")
    var quiet = false

    @Option(
        help: ArgumentHelp(
            "Require Authorization: Bearer <token> on the admin API (/__admin), and a login with it (/__ui/login) or "
                + "the same header on the dashboard (/__ui); the login's cookie also opens the admin API's GETs. "
                + "Default: open. (env: SCIM_MOCK_ADMIN_TOKEN)",
            valueName: "token"))
    var adminToken: String?

    @Option(
        help: ArgumentHelp(
            "Generated ids follow this seed and the order of creation, the clock starts frozen at 2025-01-01T00:00:00Z "
                + "(move it with POST /__admin/clock), and responses carry no Date header: the same requests give "
                + "byte-identical responses. (env: SCIM_MOCK_DETERMINISTIC)",
            valueName: "seed"))
    var deterministic: UInt64?

    @Option(
        help: ArgumentHelp(
            "Live tails (GET /__ui/logs/events: the dashboard's logs page, scim-mock tail) open at once, 0 to 10000; "
                + "one more is answered 503. (env: SCIM_MOCK_MAX_LIVE_TAILS)",
            valueName: "n"))
    var maxLiveTails = EventStreamOptions.defaultMaxStreams

    @Option(
        help: ArgumentHelp(
            "Seconds a stop (SIGINT, SIGTERM) waits for the requests under way to finish and be answered, 0 to 3600; "
                + "after it, a request not yet applied is refused with 503. (env: SCIM_MOCK_STOP_TIMEOUT)",
            valueName: "seconds"))
    var stopTimeout: Double = 10

    @OptionGroup(title: "Unhappy paths (faults, rate limits, request journal)")
    var unhappy: UnhappyPathOptions

    /// Bodies are buffered whole, so the limit is what one request may cost in memory.
    static let maxBodyLimit = 1 << 30

    func validate() throws {
        if noSeed, !seed.isEmpty { throw ValidationError("--no-seed and --seed exclude each other") }
        if (apiKey == nil) != (apiEmail == nil) { throw ValidationError("--api-key and --api-email go together") }
        if threads < 1 || threads > 256 { throw ValidationError("--threads must be between 1 and 256") }
        if maxBodyBytes < 1 || maxBodyBytes > Self.maxBodyLimit {
            throw ValidationError("--max-body-bytes must be between 1 and \(Self.maxBodyLimit) (1 GiB)")
        }
        if timeout < 1 || timeout > 86_400 { throw ValidationError("--timeout must be between 1 and 86400 seconds") }
        if maxLiveTails < 0 || maxLiveTails > 10_000 { throw ValidationError("--max-live-tails must be between 0 and 10000") }
        if !(0...3600).contains(stopTimeout) { throw ValidationError("--stop-timeout must be between 0 and 3600 seconds") }
    }

    /// A live tail's keep-alive: a third of the connection timeout, at most 15 s.
    var keepAlive: Duration { min(.seconds(15), .milliseconds(Int(timeout) * 1000 / 3)) }

    func run() throws {
        let started = ContinuousClock.now
        let store: Store
        do {
            store = try Store(path: db, report: { CLIReport.note($0) })
        } catch {
            throw CLIReport.fatal("cannot open the database: \(error)")
        }
        let faults = try unhappy.faultPlan()
        let fixtures = noSeed ? [] : (seed.isEmpty ? ["seed-data/default.json"] : seed).map(FixtureSource.file)
        let clock = MockClock(frozenAt: deterministic == nil ? nil : MockClock.deterministicStart)
        let app = MockApplication(
            store: store, auth: AuthPolicy(apiTokens: apiToken, apiKey: apiKey, apiEmail: apiEmail), clock: clock,
            ids: IDGenerator(seed: deterministic), startupFixtures: fixtures, adminToken: adminToken, faults: faults,
            rateLimits: unhappy.rateLimits(clock: clock), journal: unhappy.journal,
            eventStreams: EventStreamOptions(maxStreams: maxLiveTails, keepAliveInterval: keepAlive))
        if try store.counts().accounts == 0 {
            try FixtureFiles.load(fixtures, with: app.fixtureLoader, into: store)
        } else if !seed.isEmpty {
            CLIReport.warn("\(db ?? "database") already holds data; fixtures not loaded")
        }
        var configuration = HTTPServer.Configuration()
        configuration.host = host
        configuration.port = port
        configuration.threads = threads
        configuration.maxBodyBytes = maxBodyBytes
        configuration.passesRejectedRequests = true
        configuration.connectionTimeoutSeconds = timeout
        configuration.sendsDateHeader = deterministic == nil
        if !quiet { configuration.accessLog = AccessLog.write }
        let server = HTTPServer(configuration: configuration, handler: app.handle)
        catchTerminationSignals()
        do {
            try server.start()
        } catch {
            throw CLIReport.fatal("\(error)")
        }
        let counts = try store.counts()
        CLIReport.note(
            "loaded \(counts.accounts) accounts, \(counts.idps) identity providers, \(counts.users) users, "
                + "\(counts.groups) groups, \(counts.logs) update logs; ready in \(started.duration(to: .now))"
        )
        CLIReport.note(Self.describeLimits(server))
        print("scim-mock listening on \(server.url)")
        print("scim-mock dashboard at \(server.url)/__ui/\(adminToken == nil ? "" : " (log in with the --admin-token)")")
        fflush(nil)
        let signal = waitForTerminationSignal()
        CLIReport.note("stopping on signal \(signal): answering the requests under way (at most \(stopTimeout) s)")
        let report = server.stop(grace: .milliseconds(Int64((stopTimeout * 1000).rounded())))
        CLIReport.note(Self.describe(report))
    }

    /// Said at every start, as a limit too low for the load is otherwise silent: clients just wait.
    static func describeLimits(_ server: HTTPServer) -> String {
        let descriptors =
            server.descriptorLimit.map { "a file-descriptor limit of \($0) (ulimit -n)" } ?? "no file-descriptor limit"
        return "serving at most \(server.connectionLimit) connections at once, with \(descriptors)"
    }

    /// The last line: what the stop did to the connections it found.
    static func describe(_ report: StopReport) -> String {
        var line =
            "stopped in \(report.duration): \(report.answered) requests answered while stopping, "
            + "\(report.closedIdle) idle connections closed"
        if report.refused > 0 { line += ", \(report.refused) requests refused (503, not applied)" }
        if report.cutOff > 0 { line += ", \(report.cutOff) connections cut off after --stop-timeout" }
        return line
    }
}
