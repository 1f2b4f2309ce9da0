extension FixtureLoader {
    /// Like `load`, for a store that is serving: the fixture is read and checked whole into a store of
    /// its own first (a bad one changes nothing), then what `scope` replaces is deleted and the new
    /// records copied in batches (`Store.rebuild`), so no other request waits longer than one batch.
    public func rebuild(
        _ sources: [FixtureSource], into store: Store, replacing scope: Scope, batching: RebuildBatching = RebuildBatching()
    ) throws(FixtureError) {
        let file = sources.map(\.name).joined(separator: ", ")
        do {
            let aside = try Store()
            try load(sources, into: aside, replacing: scope == .everything ? .add : scope)
            try store.rebuild(from: aside, replacing: scope, file: file, batching: batching)
        } catch let error as FixtureError {
            throw error
        } catch let error as StoreError {
            throw FixtureError(file: file.isEmpty ? "fixture" : file, storage: error)
        } catch {
            throw FixtureError(file: file.isEmpty ? "fixture" : file, path: "$", reason: "storage failed: \(error)")
        }
    }
}
