import SCIM

/// Why a history cannot be read: its IdP is not in the account, or no resource ever had that id there.
public enum HistoryError: Error, Sendable, Equatable, CustomStringConvertible {
    case identityProviderNotFound(idp: String, account: String)
    case resourceNotFound(SCIMResourceKind, id: String)

    public var status: Int { 404 }

    public var description: String {
        switch self {
        case .identityProviderNotFound(let idp, let account): "Identity provider '\(idp)' not found in account '\(account)'"
        case .resourceNotFound(let kind, let id): "\(kind.schema.name) '\(id)' has no history in this identity provider"
        }
    }
}
