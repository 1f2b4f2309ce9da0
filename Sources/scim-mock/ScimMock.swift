import ArgumentParser
import Foundation

@main
struct ScimMock: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scim-mock",
        abstract: "A local mock of Cloudflare Zero Trust's SCIM API: update logs, SCIM users and groups.",
        discussion: """
            Serves the Cloudflare v4 list endpoints at /client/v4/accounts/... and /accounts/..., the inbound \
            SCIM 2.0 endpoint at /scim/v2 and /populations/{idp_id}/scim/v2, the admin API at /__admin and the \
            dashboard at /__ui. \
            Every option of `serve` can also be set with the environment variable named in its help; \
            a flag on the command line wins over the variable.
            """,
        subcommands: [
            ServeCommand.self, SeedCommand.self, GenerateCommand.self, ReplayCommand.self, ExportTrafficCommand.self,
            TailCommand.self, OpenAPICommand.self,
        ],
        defaultSubcommand: ServeCommand.self)

    static func main() {
        main(
            EnvironmentDefaults.apply(
                to: Array(CommandLine.arguments.dropFirst()), environment: ProcessInfo.processInfo.environment))
    }
}
