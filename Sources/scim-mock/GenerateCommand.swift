import ArgumentParser
import Foundation
import Services
import Store
import Surfaces

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write a large valid fixture for load tests (deterministic for a given --random-seed).",
        discussion: "IdP ids are 00000000-0000-4000-8000-000000000001, …-000000000002, and so on.")

    @Option(help: "Users, spread over the identity providers.") var users = 10_000
    @Option(help: "Update logs, spread over the identity providers.") var logs = 100_000
    @Option(help: "Groups (about ten members each).") var groups = 100
    @Option(help: "Identity providers.") var idps = 10
    @Option(help: "Account id.") var account = "023e105f4ecef8ad9ca31a8372d0c353"
    @Option(help: "Seed for the generator.") var randomSeed: UInt64 = 1
    @Option(name: .shortAndLong, help: ArgumentHelp("Write here instead of stdout.", valueName: "file")) var output: String?

    func validate() throws {
        guard users >= 0, logs >= 0, groups >= 0 else { throw ValidationError("counts must not be negative") }
        guard (1...1000).contains(idps) else { throw ValidationError("--idps must be between 1 and 1000") }
        guard !account.isEmpty, account.count <= 32 else { throw ValidationError("--account must be 1 to 32 characters") }
    }

    func run() throws {
        var generator = FixtureGenerator()
        generator.users = users
        generator.updateLogs = logs
        generator.groups = groups
        generator.identityProviders = idps
        generator.accountID = account
        generator.seed = randomSeed
        let bytes = generator.generate()
        if let output {
            guard FileManager.default.createFile(atPath: output, contents: Data(bytes)) else {
                throw CLIReport.fatal("cannot write \(output)")
            }
        } else {
            FileHandle.standardOutput.write(Data(bytes))
        }
    }
}
