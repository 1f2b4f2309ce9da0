import JSON
import SCIM
import Testing

@testable import Services
@testable import Store

/// A listed resource is spliced from its stored text; the bytes must be exactly what parsing,
/// presenting and writing it gives, and a text in any other form must fall back to that.
@Suite struct SCIMPresenterSpliceTests {
    private func slow(
        _ presenter: SCIMPresenter, _ kind: SCIMResourceKind, _ row: StoredRow,
        _ references: [ResourceReference]?
    ) throws -> [UInt8] {
        var w = JSONWriter()
        w.value(.object(presenter.present(SCIMRecord(resource: try row.resource(kind), references: references), Projection())))
        return w.bytes
    }

    @Test func splicingEqualsPresentingForEveryStoredResource() throws {
        let h = try ServiceHarness()
        let member = try h.createUser("spliced \\\"quoted\\\" é😀@example.com")
        let group =
            #"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:Group"],"displayName":"G/\u00e9","#
            + #""members":[{"value":"\#(member)","display":"Shown \" name"}]}"#
        _ = try h.scim.create(.group, h.context, ServiceHarness.input(group))
        var checked = 0
        for kind in [SCIMResourceKind.user, .group] {
            let rows = try h.store.read { state in
                try Store.rows(kind.table, idp: h.context.tenant.idp.id, equality: nil, state.connection)
            }
            let references = try h.store.read { state in try Store.references(kind, rows.map(\.pk), state.connection) }
            for row in rows {
                let presenter = SCIMPresenter(kind: kind, context: h.context)
                for refs in [references[row.pk] ?? [], nil] {
                    let spliced = try #require(
                        SCIMSplicer(presenter).spliced(row, references: refs), "\(kind) \(row.id) was not spliced")
                    #expect(spliced == (try slow(presenter, kind, row, refs)), "\(String(decoding: spliced, as: UTF8.self))")
                    checked += 1
                }
            }
        }
        #expect(checked >= 8)
    }

    @Test(arguments: [
        #"{"id":"x","meta":{"resourceType":"User","version":"W/\"3\""}}"#,
        #"{"id":"x","meta":{"resourceType":"User","location":"http://elsewhere"}}"#,
        #"{"id":"x","meta":{"resourceType":"User","extra":{"nested":1}}}"#,
        #"{"id":"x","meta":{"resourceType":"User"},"late":1}"#,
        #"{"id":"x"}"#,
        #"[1]"#,
    ])
    func textsInAnotherFormAreNotSpliced(_ text: String) throws {
        let h = try ServiceHarness()
        let row = StoredRow(pk: 1, id: "x", version: 1, text: Array(text.utf8))
        #expect(SCIMSplicer(SCIMPresenter(kind: .user, context: h.context)).spliced(row, references: nil) == nil)
    }
}
