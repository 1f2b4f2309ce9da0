import JSON
import SCIM

/// What a fixture holds, in reading order. The loader stores it; `seed --check` stores it in a scratch
/// store. Cross-record rules (unique ids and names, member references) are the sink's to check.
protocol FixtureSink {
    mutating func account(id: String, path: String) throws
    /// The IdP's id is known; name and type follow in `endIdentityProvider`, since keys come in any order.
    mutating func beginIdentityProvider(id: String, path: String) throws
    mutating func scimSecret(_ secret: String, path: String) throws
    mutating func user(_ resource: JSONObject, path: String) throws
    mutating func group(_ resource: JSONObject, path: String) throws
    mutating func updateLog(_ log: UpdateLog, path: String) throws
    mutating func endIdentityProvider(name: String, type: String, path: String) throws
}
