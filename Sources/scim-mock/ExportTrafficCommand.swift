import ArgumentParser
import Foundation
import Replay

struct ExportTrafficCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export-traffic",
        abstract: "Write the SCIM update logs of a running server as a JSON-lines recording that `replay` can send.",
        discussion: """
            Pages through GET {target}/client/v4/accounts/{account}/access/logs/scim/updates?idp_id={idp}&direction=asc \
            (oldest first, 1000 a page) and writes one request per log on stdout: a POST to /scim/v2/Users or \
            /scim/v2/Groups, or a PUT, PATCH or DELETE to /scim/v2/Users/{cf_resource_id} (Groups likewise), with \
            the logged request body, the logged status (SUCCESS or FAILURE) and, for a successful create, the id \
            the resource got. Replayed onto a fresh server with the same fixture, the recording rebuilds the same \
            users, groups and memberships (ids aside). Writes that failed for a bad secret were never applied; \
            replayed with a valid --token they would be, so leave such traffic out with --since or edit it out. \
            Plain http://host:port targets only.
            """)

    @Option(help: ArgumentHelp("Server to read from: http://host:port (plain HTTP only).", valueName: "url"))
    var target: String

    @Option(help: ArgumentHelp("Account id.", valueName: "id"))
    var account: String

    @Option(help: ArgumentHelp("Identity provider id.", valueName: "id"))
    var idp: String

    @Option(help: ArgumentHelp("Only logs at or after this RFC 3339 time (the logs API's since).", valueName: "time"))
    var since: String?

    @Option(
        help: ArgumentHelp(
            "Cloudflare API token for the logs endpoint (any token unless the server pins some).", valueName: "token"))
    var apiToken = "export"

    @Option(name: .shortAndLong, help: ArgumentHelp("Write here instead of stdout.", valueName: "file"))
    var output: String?

    func validate() throws {
        do { _ = try HTTPTarget(parsing: target) } catch { throw ValidationError(error.description) }
        guard !account.isEmpty, !idp.isEmpty else { throw ValidationError("--account and --idp must not be empty") }
    }

    func run() throws {
        let target: HTTPTarget
        do { target = try HTTPTarget(parsing: self.target) } catch { throw CLIReport.fatal(error.description) }
        var fd: Int32 = 1
        if let output {
            fd = open(output, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
            guard fd >= 0 else { throw CLIReport.fatal("cannot write \(output): \(String(cString: strerror(errno)))") }
        }
        defer { if fd != 1 { close(fd) } }
        let out = LineWriter(fd: fd)
        var exporter = TrafficExporter(client: HTTPClient(target: target), account: account, idp: idp, since: since)
        exporter.apiToken = apiToken
        let result: TrafficExporter.Result
        do {
            result = try exporter.export { out.write(bytes: $0) }
        } catch {
            out.flush()
            throw CLIReport.fatal("\(error)")
        }
        out.flush()
        var message = "exported \(result.written) request\(result.written == 1 ? "" : "s")"
        if result.skipped > 0 {
            message += "; skipped \(result.skipped) log\(result.skipped == 1 ? "" : "s") without a cf_resource_id"
        }
        CLIReport.note(message)
    }
}
