/// What every target does with libFuzzer's buffer, kept in one place so the entry points stay short.
public enum FuzzInput {
    /// The input as an array: the code under test takes `[UInt8]`, as the server and file readers hand it.
    public static func bytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The input as text, decoded the lossy way the HTTP layer decodes a query or a path, so invalid
    /// UTF-8 still reaches the parser as replacement characters rather than being skipped.
    public static func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    /// Stops the run with a message when a property the code promises does not hold: libFuzzer then
    /// saves the input as a crash, the same as for a trap inside the code under test.
    public static func require(
        _ condition: Bool, _ message: @autoclosure () -> String,
        file: StaticString = #fileID, line: UInt = #line
    ) {
        if !condition { fatalError("fuzz property failed: \(message())", file: file, line: line) }
    }
}
