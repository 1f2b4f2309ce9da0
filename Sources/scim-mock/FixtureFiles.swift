import ArgumentParser
import MockServer

/// Parses and loads fixture files, turning a bad one into its `FILE: $.path: reason` line and exit 2.
enum FixtureFiles {
    static func load(_ files: [String], into store: Store) throws {
        do {
            let fixtures = try files.map { file throws(FixtureError) in try FixtureParser.parse(contentsOf: file) }
            try FixtureLoader().load(fixtures, into: store)
        } catch {
            throw CLIError.badInput(error.description)
        }
    }
}
