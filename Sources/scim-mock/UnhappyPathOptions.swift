import ArgumentParser
import Foundation
import JSON
import Services
import Surfaces

/// `serve`'s options for testing the unhappy paths: fault rules at start-up, Cloudflare's rate limits,
/// and the request journal.
struct UnhappyPathOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "A fault rule as JSON (one object or an array), or @FILE holding one; repeat for several. The same "
                + "syntax as POST /__admin/faults; see README. (env: SCIM_MOCK_FAULTS)",
            valueName: "json|@file"))
    var fault: [String] = []

    @Flag(help: "Apply Cloudflare's API rate limits (off by default). (env: SCIM_MOCK_RATE_LIMIT=1)")
    var rateLimit = false

    @Option(help: "Requests per window per token or key, with --rate-limit. (env: SCIM_MOCK_RATE_LIMIT_QUOTA)")
    var rateLimitQuota = RateLimitPolicy.cloudflare.quota

    @Option(help: "Window length in seconds of the mock clock, with --rate-limit. (env: SCIM_MOCK_RATE_LIMIT_WINDOW)")
    var rateLimitWindow = RateLimitPolicy.cloudflare.windowSeconds

    @Option(
        help: ArgumentHelp(
            "Requests per second per client address, with --rate-limit; 0 turns that limit off. "
                + "(env: SCIM_MOCK_RATE_LIMIT_PER_IP)"))
    var rateLimitPerIp = RateLimitPolicy.cloudflarePerIP.quota

    @Flag(help: "Limit the SCIM surface per SCIM secret too (off by default). (env: SCIM_MOCK_SCIM_RATE_LIMIT=1)")
    var scimRateLimit = false

    @Option(help: "Requests per window per SCIM secret, with --scim-rate-limit. (env: SCIM_MOCK_SCIM_RATE_LIMIT_QUOTA)")
    var scimRateLimitQuota = RateLimitPolicy.cloudflare.quota

    @Option(help: "Window length in seconds of the mock clock, with --scim-rate-limit. (env: SCIM_MOCK_SCIM_RATE_LIMIT_WINDOW)")
    var scimRateLimitWindow = RateLimitPolicy.cloudflare.windowSeconds

    @Option(
        help: ArgumentHelp(
            "Requests the journal (/__admin/requests) keeps, the oldest dropped first; 0 keeps no journal and serves "
                + "no /__admin/requests. (env: SCIM_MOCK_JOURNAL_SIZE)"))
    var journalSize = RequestJournal.defaultCapacity

    @Option(
        help: ArgumentHelp(
            "Bytes of each write's body (POST, PUT, PATCH, DELETE) the journal keeps, 0 to 1048576. "
                + "(env: SCIM_MOCK_JOURNAL_BODY_BYTES)"))
    var journalBodyBytes = RequestJournal.defaultBodyLimit

    func validate() throws {
        let counts = [
            ("--rate-limit-quota", rateLimitQuota), ("--rate-limit-window", rateLimitWindow),
            ("--scim-rate-limit-quota", scimRateLimitQuota), ("--scim-rate-limit-window", scimRateLimitWindow),
        ]
        for (name, value) in counts where value < 1 || value > 100_000_000 {
            throw ValidationError("\(name) must be between 1 and 100000000")
        }
        if rateLimitPerIp < 0 || rateLimitPerIp > 100_000_000 {
            throw ValidationError("--rate-limit-per-ip must be between 0 and 100000000")
        }
        if journalSize < 0 || journalSize > 1_000_000 { throw ValidationError("--journal-size must be between 0 and 1000000") }
        if journalBodyBytes < 0 || journalBodyBytes > 1 << 20 {
            throw ValidationError("--journal-body-bytes must be between 0 and 1048576")
        }
    }

    /// The rules of every `--fault`, checked whole: a bad one stops start-up naming the option.
    func faultPlan() throws -> FaultPlan {
        var rules: [FaultRule] = []
        for text in fault {
            let bytes: [UInt8]
            if text.hasPrefix("@") {
                guard let data = FileManager.default.contents(atPath: String(text.dropFirst())) else {
                    throw CLIReport.badInput("--fault \(text): cannot read the file")
                }
                bytes = Array(data)
            } else {
                bytes = Array(text.utf8)
            }
            do {
                rules += try FaultRuleReader.rules(bytes)
            } catch {
                throw CLIReport.badInput("--fault \(text.prefix(80)): \(error.message)")
            }
        }
        do {
            return try FaultPlan(rules)
        } catch {
            throw CLIReport.badInput("--fault: \(error.message)")
        }
    }

    func rateLimits(clock: MockClock) -> RateLimits {
        let now: @Sendable () -> Timestamp = { clock.now() }
        let perIP = rateLimitPerIp > 0 ? RateLimitPolicy(quota: rateLimitPerIp, windowSeconds: 1) : nil
        return RateLimits(
            cloudflare: rateLimit
                ? RateLimiter(policy: RateLimitPolicy(quota: rateLimitQuota, windowSeconds: rateLimitWindow), now: now) : nil,
            cloudflarePerIP: rateLimit ? perIP.map { RateLimiter(policy: $0, now: now) } : nil,
            scim: scimRateLimit
                ? RateLimiter(policy: RateLimitPolicy(quota: scimRateLimitQuota, windowSeconds: scimRateLimitWindow), now: now)
                : nil)
    }

    var journal: RequestJournal? {
        journalSize == 0 ? nil : RequestJournal(capacity: journalSize, bodyLimit: journalBodyBytes)
    }
}
