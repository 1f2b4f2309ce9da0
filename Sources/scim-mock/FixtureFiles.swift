import ArgumentParser
import Services
import Store
import Surfaces

/// Parses and loads fixture files, turning a bad one into its `FILE: $.path: reason` line and exit 2.
enum FixtureFiles {
    static func load(_ sources: [FixtureSource], with loader: FixtureLoader = FixtureLoader(), into store: Store) throws {
        do {
            try loader.load(sources, into: store)
        } catch {
            throw CLIReport.badInput(error.description)
        }
    }
}
