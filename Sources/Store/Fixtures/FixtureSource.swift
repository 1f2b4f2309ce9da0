import Foundation
import JSON
import SCIM

/// Where fixture JSON comes from: a file, read in chunks so a large one is never held whole, or bytes.
public struct FixtureSource: Sendable {
    /// The name errors use: the file path, or a label for in-memory bytes.
    public let name: String
    private let open: @Sendable () throws(FixtureError) -> (JSONReader, FileChunks?)

    public static func file(_ path: String) -> FixtureSource {
        FixtureSource(name: path) { () throws(FixtureError) in
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw FixtureError(file: path, path: "$", reason: "cannot read the file")
            }
            let chunks = FileChunks(handle)
            return (JSONReader(chunks: chunks.next), chunks)
        }
    }

    public static func bytes(_ bytes: [UInt8], name: String) -> FixtureSource {
        FixtureSource(name: name) { () throws(FixtureError) in (JSONReader(bytes: bytes), nil) }
    }

    /// Runs `body` on the source's reader. A file that fails mid-read is reported as that failure, not
    /// as the JSON error the cut-off text would give.
    func read(_ body: (JSONReader) throws -> Void) throws {
        let (reader, chunks) = try open()
        defer { chunks?.close() }
        do {
            try body(reader)
        } catch {
            try chunks?.check(name)
            throw error
        }
        try chunks?.check(name)
    }
}

/// A file read 64 KiB at a time; a read error ends the input and is kept for the loader to report.
final class FileChunks {
    private let handle: FileHandle
    private(set) var failure: (any Error)?

    init(_ handle: FileHandle) { self.handle = handle }

    func next() -> [UInt8]? {
        do {
            guard let data = try handle.read(upToCount: 1 << 16), !data.isEmpty else { return nil }
            return [UInt8](data)
        } catch {
            failure = error
            return nil
        }
    }

    /// Throws the read error, if there was one, as a fixture error naming the file.
    func check(_ file: String) throws(FixtureError) {
        if let failure { throw FixtureError(file: file, path: "$", reason: "reading the file failed: \(failure)") }
    }

    /// The data has been read (or the read failed): an error closing a read-only file changes nothing.
    func close() { try? handle.close() }
}
