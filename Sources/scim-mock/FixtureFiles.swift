import ArgumentParser
import MockServer

/// Parses and loads fixture files, turning a bad one into its `FILE: $.path: reason` line and exit 2.
enum FixtureFiles {
    static func load(_ files: [String], into store: Store) throws {
        do {
            try FixtureLoader().load(files.map(FixtureSource.file), into: store)
        } catch {
            throw CLIError.badInput(error.description)
        }
    }
}
