/// Turns `SCIM_MOCK_*` environment variables into `serve` options, so CI configs can set them without
/// editing a command line. An option already on the command line wins; list options take a comma list.
enum EnvironmentDefaults {
    struct Mapping {
        let variable: String
        let option: String
        let kind: Kind
        enum Kind { case value, list, flag }
    }

    static let mappings: [Mapping] = [
        .init(variable: "SCIM_MOCK_HOST", option: "--host", kind: .value),
        .init(variable: "SCIM_MOCK_PORT", option: "--port", kind: .value),
        .init(variable: "SCIM_MOCK_DB", option: "--db", kind: .value),
        .init(variable: "SCIM_MOCK_SEED", option: "--seed", kind: .list),
        .init(variable: "SCIM_MOCK_NO_SEED", option: "--no-seed", kind: .flag),
        .init(variable: "SCIM_MOCK_API_TOKEN", option: "--api-token", kind: .list),
        .init(variable: "SCIM_MOCK_API_KEY", option: "--api-key", kind: .value),
        .init(variable: "SCIM_MOCK_API_EMAIL", option: "--api-email", kind: .value),
        .init(variable: "SCIM_MOCK_THREADS", option: "--threads", kind: .value),
        .init(variable: "SCIM_MOCK_MAX_BODY_BYTES", option: "--max-body-bytes", kind: .value),
        .init(variable: "SCIM_MOCK_TIMEOUT", option: "--timeout", kind: .value),
        .init(variable: "SCIM_MOCK_QUIET", option: "--quiet", kind: .flag),
        .init(variable: "SCIM_MOCK_ADMIN_TOKEN", option: "--admin-token", kind: .value),
        .init(variable: "SCIM_MOCK_DETERMINISTIC", option: "--deterministic", kind: .value),
        .init(variable: "SCIM_MOCK_FAULTS", option: "--fault", kind: .value),
        .init(variable: "SCIM_MOCK_RATE_LIMIT", option: "--rate-limit", kind: .flag),
        .init(variable: "SCIM_MOCK_RATE_LIMIT_QUOTA", option: "--rate-limit-quota", kind: .value),
        .init(variable: "SCIM_MOCK_RATE_LIMIT_WINDOW", option: "--rate-limit-window", kind: .value),
        .init(variable: "SCIM_MOCK_RATE_LIMIT_PER_IP", option: "--rate-limit-per-ip", kind: .value),
        .init(variable: "SCIM_MOCK_SCIM_RATE_LIMIT", option: "--scim-rate-limit", kind: .flag),
        .init(variable: "SCIM_MOCK_SCIM_RATE_LIMIT_QUOTA", option: "--scim-rate-limit-quota", kind: .value),
        .init(variable: "SCIM_MOCK_SCIM_RATE_LIMIT_WINDOW", option: "--scim-rate-limit-window", kind: .value),
        .init(variable: "SCIM_MOCK_JOURNAL_SIZE", option: "--journal-size", kind: .value),
        .init(variable: "SCIM_MOCK_JOURNAL_BODY_BYTES", option: "--journal-body-bytes", kind: .value),
        .init(variable: "SCIM_MOCK_MAX_LIVE_TAILS", option: "--max-live-tails", kind: .value),
        .init(variable: "SCIM_MOCK_STOP_TIMEOUT", option: "--stop-timeout", kind: .value),
    ]

    static let otherSubcommands: Set<String> = ["seed", "generate", "replay", "export-traffic", "tail", "openapi", "help"]

    static func apply(to arguments: [String], environment: [String: String]) -> [String] {
        if let first = arguments.first, otherSubcommands.contains(first) { return arguments }
        if arguments.contains(where: { $0 == "--help" || $0 == "-h" }) { return arguments }
        var result = arguments
        for mapping in mappings {
            guard let value = environment[mapping.variable], !value.isEmpty else { continue }
            let given = arguments.contains { $0 == mapping.option || $0.hasPrefix(mapping.option + "=") }
            guard !given else { continue }
            switch mapping.kind {
            case .value: result += [mapping.option, value]
            case .list:
                for item in value.split(separator: ",") where !item.isEmpty { result += [mapping.option, String(item)] }
            case .flag:
                if ["1", "true", "yes", "on"].contains(value.lowercased()) { result.append(mapping.option) }
            }
        }
        return result
    }
}
