import JSON
import SCIM
import SQLite

/// A SCIM filter as two SQL conditions over a `users` or `groups` row: `maybe` holds for every row the
/// filter accepts (a superset) and `sure` only for rows it accepts (a subset). The reference semantics
/// stay those of `FilterEvaluator` on the full resource; SQL only narrows or decides where it provably
/// agrees. Two bounds instead of one flag, because string semantics agree only on printable-ASCII text:
/// Swift compares by canonical equivalence and grapheme (the Kelvin sign equals "K", "e\u{301}" does not
/// start with "e") and folds case beyond ASCII, while SQLite compares bytes and folds only A–Z. A row
/// where the bounds differ needs the Swift check; when no row of the IdP is such, `maybe` is exact.
///
/// Relies on what the write paths guarantee: columns are derived from the JSON as `UserResource` and
/// `GroupResource` derive them, and stored JSON passed `ResourceValidator` (attributes have their
/// schema's JSON type, emails are objects). Both conditions are two-valued: a NULL column never leaks
/// into `not`.
struct SCIMFilterSQL {
    var maybe: Clause
    var sure: Clause
    /// True when `maybe` and `sure` are the same condition: no row can need the Swift check.
    var exact: Bool

    /// A condition with its `?` bindings in order.
    struct Clause {
        var sql: String
        var bindings: [any SQLiteBindable]

        static let always = Clause(sql: "1", bindings: [])
        static let never = Clause(sql: "0", bindings: [])
        var isAlways: Bool { sql == "1" }
        var isNever: Bool { sql == "0" }
    }

    /// Nothing SQL can say: every row may match, none surely does.
    static let unknown = SCIMFilterSQL(maybe: .always, sure: .never, exact: false)

    /// A condition SQL answers exactly.
    static func exactly(_ clause: Clause) -> SCIMFilterSQL { SCIMFilterSQL(maybe: clause, sure: clause, exact: true) }

    /// False when nothing was pushed down: `maybe` admits every row.
    var narrows: Bool { !maybe.isAlways }

    /// The most comparisons a filter pushed to SQL may hold. A chain of `and`/`or` is one level of
    /// SQLite's expression tree per term, and SQLite refuses trees deeper than 1,000; a longer filter
    /// (the parser allows 1,000 comparisons) is evaluated in Swift only, a chunk of rows at a time.
    static let maxPushedTerms = 100

    /// Whether `filter` is small enough to translate (see `maxPushedTerms`).
    static func pushable(_ filter: SCIMFilter) -> Bool {
        var budget = maxPushedTerms
        return fits(filter, &budget)
    }

    private static func fits(_ filter: SCIMFilter, _ budget: inout Int) -> Bool {
        switch filter {
        case .and(let terms), .or(let terms): return terms.allSatisfy { fits($0, &budget) }
        case .not(let inner), .valuePath(_, let inner): return fits(inner, &budget)
        case .compare, .present:
            budget -= 1
            return budget >= 0
        }
    }

    static func translate(_ filter: SCIMFilter, table: Store.Table) -> SCIMFilterSQL {
        switch filter {
        case .and(let terms): return all(terms.map { translate($0, table: table) })
        case .or(let terms): return any(terms.map { translate($0, table: table) })
        case .not(let inner): return negate(translate(inner, table: table))
        case .present(let path): return SCIMColumnTerm.resolve(path, table).map { $0.present() } ?? .unknown
        case .compare(let path, .eq, .null): return negate(translate(.present(path), table: table))
        case .compare(let path, .ne, .null): return translate(.present(path), table: table)
        case .compare(_, _, .null): return .exactly(.never)
        case .compare(let path, let op, let value):
            return SCIMColumnTerm.resolve(path, table).map { $0.compare(op, value) } ?? .unknown
        case .valuePath(let path, let inner):
            return SCIMColumnTerm.emailElements(path, inner, table) ?? .unknown
        }
    }

    static func all(_ parts: [SCIMFilterSQL]) -> SCIMFilterSQL {
        SCIMFilterSQL(
            maybe: join(parts.map(\.maybe), "AND"), sure: join(parts.map(\.sure), "AND"),
            exact: parts.allSatisfy(\.exact))
    }

    static func any(_ parts: [SCIMFilterSQL]) -> SCIMFilterSQL {
        SCIMFilterSQL(
            maybe: join(parts.map(\.maybe), "OR"), sure: join(parts.map(\.sure), "OR"),
            exact: parts.allSatisfy(\.exact))
    }

    /// `not` swaps the bounds: a row surely fails where it could not match, and may match where it did
    /// not surely match.
    static func negate(_ part: SCIMFilterSQL) -> SCIMFilterSQL {
        SCIMFilterSQL(maybe: not(part.sure), sure: not(part.maybe), exact: part.exact)
    }

    static func not(_ clause: Clause) -> Clause {
        if clause.isAlways { return .never }
        if clause.isNever { return .always }
        return Clause(sql: "NOT (\(clause.sql))", bindings: clause.bindings)
    }

    /// AND/OR with constants folded, so an `or` with an unknown branch becomes "1" and pushes nothing.
    static func join(_ clauses: [Clause], _ op: String) -> Clause {
        let (absorbing, neutral): (Clause, Clause) = op == "AND" ? (.never, .always) : (.always, .never)
        if clauses.contains(where: { $0.sql == absorbing.sql }) { return absorbing }
        let kept = clauses.filter { $0.sql != neutral.sql }
        guard kept.count > 1 else { return kept.first ?? neutral }
        return Clause(sql: kept.map { "(\($0.sql))" }.joined(separator: " \(op) "), bindings: kept.flatMap(\.bindings))
    }

    /// True for text SQLite and Swift treat alike: printable ASCII only (no CR/LF grapheme, no
    /// canonical equivalents, case folding A–Z only).
    static func isPlain(_ text: String) -> Bool { text.utf8.allSatisfy { $0 >= 0x20 && $0 <= 0x7e } }

    /// The SQL counterpart of `isPlain`, NULL for NULL (callers wrap in IFNULL).
    static func plainSQL(_ column: String) -> String { "(\(column) NOT GLOB '*[^ -~]*')" }
}
