import SCIM

/// A parsed, structurally valid fixture file. Cross-record checks (unique ids and names, member
/// references) happen when it is loaded, against everything else being loaded and already stored.
public struct Fixture: Sendable {
    public struct Located<Value: Sendable>: Sendable {
        public var path: String
        public var value: Value
    }

    public struct Account: Sendable {
        public var path: String
        public var id: String
        public var identityProviders: [IdP]
    }

    public struct IdP: Sendable {
        public var path: String
        public var id: String
        public var name: String
        public var type: String
        public var scimSecrets: [Located<String>]
        public var users: [Located<JSONObject>]
        public var groups: [Located<JSONObject>]
        public var updateLogs: [Located<UpdateLog>]
    }

    public var file: String
    public var accounts: [Account]
}
