import Synchronization

/// What a reset or fixture load is rebuilding batch by batch, with the store lock released between
/// batches: the accounts (or every account) and the SCIM secrets they had and will have. SCIM
/// requests for them are refused until the rebuild ends, so none lands in a half-built account only
/// to be deleted by a later batch. Set and cleared under the store lock, so a write that checks the
/// marks in its transaction sees them exactly as the rebuild's batches do.
final class RebuildMarks: Sendable {
    private struct Marks {
        var everything = false
        var accounts: Set<String> = []
        /// SCIM secret → its account, old and new: a secret is refused even while its row is gone.
        var secrets: [String: String] = [:]
    }

    private let marks = Mutex(Marks())

    func mark(everything: Bool, accounts: Set<String>, secrets: [String: String]) {
        marks.withLock { $0 = Marks(everything: everything, accounts: accounts, secrets: secrets) }
    }

    func clear() { marks.withLock { $0 = Marks() } }

    /// Throws `StoreError.rebuilding` when `account` is being rebuilt.
    func check(account: String) throws {
        let (everything, marked) = marks.withLock { ($0.everything, $0.accounts.contains(account)) }
        if everything || marked { throw StoreError.rebuilding(account: account, everything: everything) }
    }

    /// Throws `StoreError.rebuilding` when `secret` belongs (or will belong) to an account being rebuilt.
    func check(secret: String) throws {
        let (everything, account) = marks.withLock { ($0.everything, $0.secrets[secret]) }
        if let account { throw StoreError.rebuilding(account: account, everything: everything) }
    }
}
