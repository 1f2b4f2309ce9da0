import JSON
import SCIM
import Store

/// The fast way to present a listed resource: the stored text with `meta.location`, `meta.version`
/// and the derived list spliced in, byte for byte what parsing, presenting and writing it would give.
/// Parsing and re-writing a hundred users is most of the cost of a SCIM list page.
struct SCIMSplicer {
    let presenter: SCIMPresenter
    /// `,"location":"http://HOST/scim/v2/Users/`, escaped, without the id and closing quote.
    private let locationPrefix: [UInt8]

    /// The stored form (`StoredForm`) ends with `,"meta":{…}}`, `meta` holding only `resourceType`,
    /// `created` and `lastModified`: well within this many bytes of the end.
    private static let metaWindow = 512
    private static let metaMarker = Array(#","meta":{"#.utf8)
    private static let ownedKeys = [Array(#""location""#.utf8), Array(#""version""#.utf8)]

    init(_ presenter: SCIMPresenter) {
        self.presenter = presenter
        var w = JSONWriter(capacity: 128)
        w.raw(#","location":""#)
        w.escaped(presenter.context.location(presenter.kind, ""))
        locationPrefix = w.bytes
    }

    /// The presented resource as JSON bytes, or nil when the stored text is not in the form the store
    /// writes, so the caller presents it the slow way. Only for the identity projection.
    func spliced(_ row: StoredRow, references: [ResourceReference]?) -> [UInt8]? {
        let text = row.text
        guard let meta = Self.metaStart(in: text) else { return nil }
        var w = JSONWriter(capacity: text.count + locationPrefix.count + 64 + (references?.count ?? 0) * 160)
        w.bytes.append(contentsOf: text[..<meta])
        if let references, !references.isEmpty {
            w.raw(","); w.string(presenter.kind.derivedAttribute); w.raw(":")
            w.value(.array(references.map(presenter.reference)))
        }
        w.bytes.append(contentsOf: text[meta..<(text.count - 2)])
        w.bytes.append(contentsOf: locationPrefix)
        w.escaped(row.id)
        w.raw(#"","version":"W/\""#)
        w.int(row.version)
        w.raw(#"\""}}"#)
        return w.bytes
    }

    /// Where `,"meta":{` starts, if the text ends with a `meta` object of the stored form.
    static func metaStart(in text: [UInt8]) -> Int? {
        text.withUnsafeBufferPointer { bytes -> Int? in
            let count = bytes.count
            let marker = metaMarker.count
            guard count > marker + 2, bytes[count - 1] == UInt8(ascii: "}"), bytes[count - 2] == UInt8(ascii: "}") else {
                return nil
            }
            var start = count - 2 - marker
            let floor = max(0, count - metaWindow)
            while start >= floor {
                if bytes[start] == UInt8(ascii: ","), matches(metaMarker, bytes, at: start) { break }
                start -= 1
            }
            guard start >= floor else { return nil }
            for index in (start + marker)..<(count - 2) {
                switch bytes[index] {
                case UInt8(ascii: "{"), UInt8(ascii: "}"): return nil
                case UInt8(ascii: "\"") where ownedKeys.contains(where: { matches($0, bytes, at: index) }): return nil
                default: continue
                }
            }
            return start
        }
    }

    private static func matches(_ pattern: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        guard start + pattern.count <= bytes.count else { return false }
        for offset in 0..<pattern.count where bytes[start + offset] != pattern[offset] { return false }
        return true
    }
}
