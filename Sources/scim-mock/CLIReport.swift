import ArgumentParser
import Foundation

/// How the CLI reports: messages on stderr, and exit status 1 for a failure, 2 for bad input files.
enum CLIReport {
    static func fatal(_ message: String) -> ExitCode {
        note("error: \(message)")
        return ExitCode(1)
    }

    static func badInput(_ message: String) -> ExitCode {
        note("error: \(message)")
        return ExitCode(2)
    }

    static func warn(_ message: String) { note("warning: \(message)") }

    static func note(_ message: String) {
        FileHandle.standardError.write(Data(("scim-mock: " + message + "\n").utf8))
    }
}
