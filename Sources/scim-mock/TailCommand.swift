import ArgumentParser
import Foundation
import JSON
import Replay

struct TailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tail",
        abstract: "Follow a server's SCIM update logs live, one line per log.",
        discussion: """
            Reads the server's live tail (GET /__ui/logs/events, Server-Sent Events) and prints each new update log \
            as it is written: time, IdP id, method, resource type, user email or group name, outcome \
            (SUCCESS/FAILURE) and the error, or with --json the log exactly as the v4 API's row, one per line. \
            Only logs written after it connects are shown. A reset or fixture load on the server is noted on \
            stderr. After a dropped connection it reconnects (for up to 30 s) and resumes after the last log \
            shown. Stops with exit status 0 on SIGINT or SIGTERM; exit status 1 when the server cannot be \
            reached or refuses the stream (the reason on stderr).
            """)

    @Option(help: ArgumentHelp("Server to follow: http://host:port (plain HTTP only).", valueName: "url"))
    var target: String

    @Option(help: ArgumentHelp("Only this account's logs. Default: every account.", valueName: "id"))
    var account: String?

    @Option(help: ArgumentHelp("Only this identity provider's logs; repeat for several.", valueName: "id"))
    var idp: [String] = []

    @Option(help: ArgumentHelp("Only logs with this outcome, SUCCESS or FAILURE; repeat for both.", valueName: "status"))
    var status: [String] = []

    @Flag(help: "Print each log as the v4 API's JSON row instead of a line of text.")
    var json = false

    @Option(
        help: ArgumentHelp("The server's --admin-token, sent as Authorization: Bearer (it guards /__ui).", valueName: "token"))
    var adminToken: String?

    func validate() throws {
        do { _ = try HTTPTarget(parsing: target) } catch { throw ValidationError(error.description) }
        for value in status where value != "SUCCESS" && value != "FAILURE" {
            throw ValidationError("--status must be SUCCESS or FAILURE, got \"\(value)\"")
        }
    }

    func run() throws {
        let target: HTTPTarget
        do { target = try HTTPTarget(parsing: self.target) } catch { throw CLIReport.fatal("\(error)") }
        stopOnInterrupt()
        let tail = LogTail(
            target: target, filters: LogTail.Filters(accountID: account, idpIDs: idp, statuses: status), adminToken: adminToken)
        do {
            try tail.run({ event in show(event) }, note: { CLIReport.note($0) })
        } catch {
            throw CLIReport.fatal("\(target): \(error)")
        }
    }

    private func show(_ event: ServerSentEvent) {
        switch event.event {
        case "log":
            if json {
                print(event.data)
            } else if let object = try? JSONReader.parse(Array(event.data.utf8)).objectValue {
                print(TailLine.line(object))
            }
            fflush(nil)
        case "reload":
            let reason = (try? JSONReader.parse(Array(event.data.utf8)).objectValue?["reason"]?.stringValue) ?? nil
            CLIReport.note("the server's data was replaced (\(reason ?? "unknown")); following new logs")
        default: break
        }
    }
}

/// SIGINT and SIGTERM end `tail` with status 0: what it printed is already flushed, line by line.
private func stopOnInterrupt() {
    signal(SIGINT, exitCleanly)
    signal(SIGTERM, exitCleanly)
}

private func exitCleanly(_: Int32) {
    _exit(0)
}
