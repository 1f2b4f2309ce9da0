import FuzzSupport
import SCIM
import Services
import Store

/// The fixture reader and loader along the path `scim-mock seed --check` takes: a fresh in-memory
/// store, `FixtureLoader.load` (which walks the document with `FixtureReader`, validates each record and
/// stores it in one transaction), then the counts the command prints. The clock and the ids are fixed
/// so a crash reproduces exactly. A bad fixture is an error with a path, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzFixture(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = FuzzInput.bytes(data, size)
    let store: Store
    do { store = try Store() } catch { fatalError("cannot open an in-memory store: \(error)") }
    let ids = IDGenerator(seed: 1)
    let loader = FixtureLoader(now: { MockClock.deterministicStart }, newID: ids.next)
    do {
        try loader.load([.bytes(bytes, name: "fuzz.json")], into: store)
    } catch {
        FuzzInput.require(!error.path.isEmpty && !error.reason.isEmpty, "fixture error without a path or reason: \(error)")
        return 0
    }
    do { _ = try store.counts() } catch { fatalError("counts failed after a good load: \(error)") }
    return 0
}
