import Store
import TestSupport
import Testing

@Suite struct FixtureReaderTests {
    private func error(_ text: String) -> FixtureError? {
        #expect(throws: FixtureError.self) {
            try FixtureLoader().load([.bytes(Array(text.utf8), name: "bad.json")], into: try Store())
        }
    }

    private func wrap(idp: String) -> String {
        #"{"accounts":[{"id":"acc","identity_providers":[{"id":"idp","name":"Okta",\#(idp)}]}]}"#
    }

    @Test func badJSONNamesLineAndColumn() {
        let e = error("{\n\"accounts\": [}\n")
        #expect(e?.description.hasPrefix("bad.json: $: invalid JSON at line 2, column 14") == true, "\(String(describing: e))")
    }

    @Test(arguments: [
        (#"{"acounts":[]}"#, "$.acounts", "unknown key"),
        (#"{}"#, "$.accounts", "required key is missing"),
        (#"{"accounts":{}}"#, "$.accounts", "expected an array, found object"),
        (#"{"accounts":[{"id":"0123456789012345678901234567890123"}]}"#, "$.accounts[0].id", "must be at most 32 characters"),
        (#"{"accounts":[{"id":7}]}"#, "$.accounts[0].id", "expected a string, found number"),
    ])
    func structuralErrorsNameThePath(text: String, path: String, reason: String) {
        let e = error(text)
        #expect(e?.path == path)
        #expect(e?.reason.contains(reason) == true, "\(String(describing: e))")
    }

    @Test func userAttributeOfTheWrongTypeIsNamed() {
        let e = error(wrap(idp: #""users":[{"userName":"a"},{"userName":"b","active":"yes"}]"#))
        #expect(e?.path == "$.accounts[0].identity_providers[0].users[1].active")
        #expect(e?.reason == "expected a boolean, found string")
    }

    @Test func userGroupsAreReadOnly() {
        let e = error(wrap(idp: #""users":[{"userName":"a","groups":[]}]"#))
        #expect(e?.path == "$.accounts[0].identity_providers[0].users[0].groups")
    }

    @Test func updateLogEnumsAndDatesAreChecked() {
        let e = error(
            wrap(
                idp:
                    #""update_logs":[{"logged_at":"2025-01-01T00:00:00Z","request_method":"GET","resource_type":"USER","status":"SUCCESS"}]"#
            ))
        #expect(e?.path == "$.accounts[0].identity_providers[0].update_logs[0].request_method")
        #expect(e?.reason.contains("DELETE, PATCH, POST, PUT") == true)
        let d = error(
            wrap(
                idp:
                    #""update_logs":[{"logged_at":"last week","request_method":"PUT","resource_type":"USER","status":"SUCCESS"}]"#
            ))
        #expect(d?.path == "$.accounts[0].identity_providers[0].update_logs[0].logged_at")
    }

    @Test func logUnderTheWrongIdPIsRejected() {
        let e = error(
            wrap(
                idp:
                    #""update_logs":[{"idp_id":"other","logged_at":"2025-01-01T00:00:00Z","request_method":"PUT","resource_type":"USER","status":"SUCCESS"}]"#
            ))
        #expect(e?.path == "$.accounts[0].identity_providers[0].update_logs[0].idp_id")
    }

    @Test func requestBodyObjectIsStoredAsText() throws {
        let store = try makeStore([
            wrap(
                idp:
                    #""update_logs":[{"logged_at":"2025-01-01T00:00:00Z","request_method":"PUT","resource_type":"USER","status":"SUCCESS","request_body":{"a":[1]}}]"#
            )
        ])
        let page = try store.updateLogs(LogQuery(accountID: "acc", idpIDs: ["idp"], window: PageWindow(page: 1, perPage: 5)))
        #expect(page.items.first?.requestBody == #"{"a":[1]}"#)
    }

    @Test func missingFileIsReported() {
        let e = #expect(throws: FixtureError.self) { try FixtureLoader().load([.file("/nonexistent/x.json")], into: try Store()) }
        #expect(e?.description == "/nonexistent/x.json: $: cannot read the file")
    }

    @Test func readsAFileInChunks() throws {
        let store = try Store()
        try FixtureLoader().load([.file(URLPath(#filePath).repositoryRoot + "/seed-data/default.json")], into: store)
        #expect(try store.counts().logs == 48)
    }

    @Test func anErrorInASecondFileNamesThatFile() throws {
        let e = #expect(throws: FixtureError.self) {
            try load([wrap(idp: #""type":"a""#), #"{"accounts":[{"id":"b","identity_providers":{}}]}"#], into: try Store())
        }
        #expect(e?.description == "f1.json: $.accounts[0].identity_providers: expected an array, found object")
    }
}
