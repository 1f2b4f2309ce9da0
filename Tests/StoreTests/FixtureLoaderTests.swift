import Store
import TestSupport
import Testing

@Suite struct FixtureLoaderTests {
    private func idp(_ body: String) -> String { idp("idp", body) }

    private func idp(_ id: String, _ body: String) -> String {
        #"{"accounts":[{"id":"acc","identity_providers":[{"id":"\#(id)","name":"Okta",\#(body)}]}]}"#
    }

    private func loadError(_ fixtures: [String]) throws -> FixtureError? {
        let store = try Store()
        let error = #expect(throws: FixtureError.self) { try load(fixtures, into: store) }
        #expect(try store.counts().accounts == 0, "a failed load must leave the store empty")
        return error
    }

    @Test func loadsTheDefaultFixture() throws {
        let counts = try makeStore().counts()
        #expect(counts.accounts == 1)
        #expect(counts.idps == 2)
        #expect(counts.users == 12)
        #expect(counts.groups == 5)
        #expect(counts.logs == 48)
    }

    @Test func duplicateUserNameIgnoringCase() throws {
        let e = try loadError([idp(#""users":[{"userName":"a@x.com"},{"userName":"A@X.com"}]"#)])
        #expect(e?.path == "$.accounts[0].identity_providers[0].users[1]")
        #expect(e?.reason.contains("userName \"A@X.com\" is already used") == true)
    }

    @Test func duplicateUserID() throws {
        let e = try loadError([idp(#""users":[{"id":"u","userName":"a"},{"id":"u","userName":"b"}]"#)])
        #expect(e?.reason == "user id \"u\" is already used")
    }

    @Test func duplicateGroupDisplayName() throws {
        let e = try loadError([idp(#""groups":[{"displayName":"Eng"},{"displayName":"eng"}]"#)])
        #expect(e?.path == "$.accounts[0].identity_providers[0].groups[1]")
    }

    @Test func danglingMemberIsNamedAndNothingLoads() throws {
        let e = try loadError([
            idp(#""users":[{"id":"u1","userName":"a"}],"groups":[{"displayName":"G","members":[{"value":"u1"},{"value":"u2"}]}]"#)
        ])
        #expect(e?.path == "$.accounts[0].identity_providers[0].groups[0].members[1].value")
        #expect(e?.reason == "no user with id \"u2\" in identity provider \"idp\"")
    }

    @Test func memberOfAnotherIdPIsDangling() throws {
        let text =
            #"{"accounts":[{"id":"acc","identity_providers":[{"id":"a","name":"A","users":[{"id":"u1","userName":"x"}]},{"id":"b","name":"B","groups":[{"displayName":"G","members":[{"value":"u1"}]}]}]}]}"#
        let e = try loadError([text])
        #expect(e?.path == "$.accounts[0].identity_providers[1].groups[0].members[0].value")
    }

    @Test func duplicateAccountAcrossFilesNamesTheSecondFile() throws {
        let e = try loadError([idp("one", #""type":"okta""#), idp("two", #""type":"okta""#)])
        #expect(e?.file == "f1.json", "\(String(describing: e))")
        #expect(e?.path == "$.accounts[0].id")
    }

    @Test func sharedSCIMSecretIsRejected() throws {
        let text =
            #"{"accounts":[{"id":"acc","identity_providers":[{"id":"a","name":"A","scim_secrets":["s"]},{"id":"b","name":"B","scim_secrets":["s"]}]}]}"#
        let e = try loadError([text])
        #expect(e?.path == "$.accounts[0].identity_providers[1].scim_secrets[0]")
    }

    @Test func membersMayComeBeforeTheirUsersAndSectionsBeforeTheId() throws {
        let text =
            #"{"accounts":[{"identity_providers":[{"groups":[{"displayName":"G","members":[{"value":"u1"}]}],"users":[{"id":"u1","userName":"a"}],"name":"N","id":"late"}],"id":"acc"}]}"#
        let store = try makeStore([text])
        #expect(try store.counts().users == 1)
        #expect(try store.identityProvider("late", account: "acc")?.name == "N")
    }

    @Test func generatedFixtureLoads() throws {
        var generator = FixtureGenerator()
        generator.users = 50
        generator.updateLogs = 200
        generator.groups = 6
        generator.identityProviders = 3
        let text = String(decoding: generator.generate(), as: UTF8.self)
        let counts = try makeStore([text]).counts()
        #expect(counts.users == 50)
        #expect(counts.logs == 200)
        #expect(counts.groups == 6)
        #expect(generator.generate() == generator.generate())
    }

    /// A directory opens but fails on the first read (EISDIR): the error says so, rather than calling
    /// the empty input bad JSON.
    @Test func aFileThatFailsToReadIsReportedAsSuch() throws {
        let error = #expect(throws: FixtureError.self) { try FixtureLoader().load([.file("/tmp")], into: try Store()) }
        #expect(error?.file == "/tmp")
        #expect(error?.reason.hasPrefix("reading the file failed: ") == true, "\(String(describing: error))")
    }
}
