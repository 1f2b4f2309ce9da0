import JSON
import SCIM
import SQLite

/// The SQL side of `sortBy`: an ORDER BY that sorts as `SCIMSorting` does, or nil when SQL cannot.
extension Store.Table {
    var schema: SCIMSchema { self == .users ? .user : .group }
    var extensions: [SCIMSchema] { self == .users ? [.enterpriseUser] : [] }
}

extension Store {
    /// "pk" without a sort. With one on a column: missing values last in either order, ties by pk (the
    /// stable Swift sort from creation order), NOCASE or BINARY as the attribute's `caseExact` says, and
    /// dateTimes at the JSON's millisecond. Nil, for the Swift sort, when the attribute has no column or
    /// some value of the IdP would sort differently: text that is not printable ASCII (Swift folds and
    /// orders it differently), or a users' `display_name` that a JSON key spelled otherwise stands behind.
    static func sqlOrder(
        _ table: Table, idp: String, sortBy: String?, descending: Bool,
        _ connection: Connection
    ) throws -> String? {
        guard let sortBy else { return "pk" }
        guard let path = attributePath(sortBy), let term = SCIMColumnTerm.resolve(path, table) else { return nil }
        let expression: String
        let collation: String
        var unsure: String?
        switch term.kind {
        case .time: (expression, collation) = (term.column, "BINARY")
        case .text(let caseExact):
            collation = caseExact ? "BINARY" : "NOCASE"
            unsure = "IFNULL(NOT \(SCIMFilterSQL.plainSQL(term.column)), 0)"
            if let reliable = term.reliable {
                expression = "(CASE WHEN \(reliable) THEN \(term.column) END)"
                unsure! += """
                     OR (\(term.column) IS NOT NULL AND NOT (\(reliable)) AND EXISTS (SELECT 1 FROM json_each(resource) \
                    WHERE lower(key) = '\(path.attribute.lowercased())'))
                    """
            } else {
                expression = term.column
            }
        case .active, .emails: return nil
        }
        let scan = "SELECT EXISTS (SELECT 1 FROM \(table.rawValue) WHERE idp_id = ? AND (\(unsure ?? "0")))"
        if unsure != nil, try connection.statement(scan).queryFirst([idp], { $0.int(0) != 0 }) == true { return nil }
        return "(\(expression) IS NULL), \(expression) COLLATE \(collation) \(descending ? "DESC" : "ASC"), pk"
    }

    /// `sortBy` text as a path: `[urn:]attribute[.sub]`.
    static func attributePath(_ text: String) -> AttributePath? {
        var urn: String?
        var rest = text
        if text.lowercased().hasPrefix("urn:"), let colon = text.lastIndex(of: ":") {
            urn = String(text[..<colon])
            rest = String(text[text.index(after: colon)...])
        }
        let parts = rest.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard (1...2).contains(parts.count), !parts.contains(where: \.isEmpty) else { return nil }
        return AttributePath(schemaURN: urn, attribute: parts[0], subAttribute: parts.count == 2 ? parts[1] : nil)
    }
}
