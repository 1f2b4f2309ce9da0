import ArgumentParser
import Services
import Store
import Surfaces

struct SeedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed",
        abstract: "Validate fixture files without serving.",
        discussion:
            "Loads the files together into a scratch in-memory store, so duplicate ids across files and dangling member "
            + "references are found too. Exit status 2 on the first error."
    )

    @Flag(help: "Check the files (the only mode; required so the command says what it does).")
    var check = false

    @Argument(help: ArgumentHelp("Fixture files.", valueName: "file"))
    var files: [String]

    func validate() throws {
        guard check else { throw ValidationError("say --check: seed only validates files") }
        guard !files.isEmpty else { throw ValidationError("name at least one fixture file") }
    }

    func run() throws {
        let store = try Store()
        try FixtureFiles.load(files.map(FixtureSource.file), into: store)
        let c = try store.counts()
        print(
            "ok: \(files.joined(separator: ", ")): \(c.accounts) accounts, \(c.idps) identity providers, \(c.users) "
                + "users, \(c.groups) groups, \(c.logs) update logs"
        )
    }
}
