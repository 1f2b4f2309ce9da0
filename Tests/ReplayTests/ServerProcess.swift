import Foundation
import JSON
import Replay

/// A `scim-mock serve --port 0 --quiet` child process (binary from SCIM_MOCK_BIN), stopped with SIGTERM.
final class ServerProcess {
    static let binary = ProcessInfo.processInfo.environment["SCIM_MOCK_BIN"]
    static let skipMessage = "set SCIM_MOCK_BIN to a scim-mock binary (e.g. .build/debug/scim-mock) to run the live replay tests"

    struct Failure: Error, CustomStringConvertible { let description: String }

    let pid: pid_t
    let url: String
    let target: HTTPTarget
    private var running = true

    /// Starts the server with `arguments` after `serve --port 0 --quiet` (default: the repository's default fixture).
    ///
    /// Spawned with posix_spawn and an empty signal mask: Foundation's Process passes on the test
    /// runner's mask, in which SIGTERM is blocked, and the server would then never stop.
    init(arguments: [String]? = nil) throws {
        guard let binary = Self.binary else { throw Failure(description: Self.skipMessage) }
        let argv =
            [binary, "serve", "--port", "0", "--quiet"] + (arguments ?? ["--seed", repositoryRoot + "/seed-data/default.json"])
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { throw Failure(description: "pipe failed") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var empty = sigset_t()
        sigemptyset(&empty)
        posix_spawnattr_setsigmask(&attributes, &empty)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        sigaddset(&defaults, SIGTERM)
        sigaddset(&defaults, SIGINT)
        sigaddset(&defaults, SIGPIPE)
        posix_spawnattr_setsigdefault(&attributes, &defaults)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var cArgs = argv.map { strdup($0) } + [nil]
        defer { for arg in cArgs { free(arg) } }
        var child: pid_t = 0
        let code = posix_spawn(&child, binary, &actions, &attributes, &cArgs, environ)
        close(fds[1])
        guard code == 0 else {
            close(fds[0])
            throw Failure(description: "cannot start \(binary): \(String(cString: strerror(code)))")
        }
        pid = child
        // Read the first line: "scim-mock listening on http://127.0.0.1:PORT".
        var text = ""
        var byte: UInt8 = 0
        while !text.hasSuffix("\n"), read(fds[0], &byte, 1) == 1 { text.unicodeScalars.append(Unicode.Scalar(byte)) }
        close(fds[0])
        guard text.contains("listening on "),
            let url = text.split(separator: " ").last.map({ $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        else {
            kill(child, SIGKILL)
            var status: Int32 = 0
            waitpid(child, &status, 0)
            running = false
            throw Failure(description: "\(binary) did not say where it listens: \(text)")
        }
        self.url = url
        target = try HTTPTarget(parsing: url)
    }

    deinit { stop() }

    /// SIGTERM, then wait for the exit.
    func stop() {
        guard running else { return }
        running = false
        kill(pid, SIGTERM)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }

    func client() -> HTTPClient { HTTPClient(target: target, timeoutSeconds: 10) }

    /// GET as JSON.
    func get(_ path: String, token: String = "test") throws -> JSONObject {
        let response = try client().send(
            method: "GET", path: path, headers: [HTTPHeader("Authorization", "Bearer \(token)")], body: [])
        guard response.status == 200, let object = try JSONReader.parse(response.body).objectValue else {
            throw Failure(description: "GET \(path): \(response.status) \(String(decoding: response.body, as: UTF8.self))")
        }
        return object
    }
}
