/// Files of the repository the targets read (the default fixture): located from this source file, as
/// the unit tests locate theirs, so a binary built from a checkout runs from any working directory.
public enum Repository {
    /// Fuzz/Sources/FuzzSupport/Repository.swift → the repository root.
    public static let root: String = {
        var parts = #filePath.split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(4)
        return parts.joined(separator: "/")
    }()

    public static let defaultFixture = root + "/seed-data/default.json"
}
