import Foundation
import SCIM
import JSON

/// Where fixture JSON comes from: a file, read in chunks so a large one is never held whole, or bytes.
public struct FixtureSource: Sendable {
    /// The name errors use: the file path, or a label for in-memory bytes.
    public let name: String
    private let open: @Sendable () throws(FixtureError) -> JSONReader

    public static func file(_ path: String) -> FixtureSource {
        FixtureSource(name: path) { () throws(FixtureError) in
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw FixtureError(file: path, path: "$", reason: "cannot read the file")
            }
            return JSONReader(chunks: {
                guard let data = try? handle.read(upToCount: 1 << 16), !data.isEmpty else {
                    try? handle.close()
                    return nil
                }
                return [UInt8](data)
            })
        }
    }

    public static func bytes(_ bytes: [UInt8], name: String) -> FixtureSource {
        FixtureSource(name: name) { () throws(FixtureError) in JSONReader(bytes: bytes) }
    }

    func reader() throws(FixtureError) -> JSONReader { try open() }
}
