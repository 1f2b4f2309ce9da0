import JSON
import SCIM
import SQLite

/// One filter attribute that a column of `users`/`groups` (or the `user_emails` rows) answers, with
/// what the column does and does not say about the JSON attribute. See `SCIMFilterSQL` for the bounds.
struct SCIMColumnTerm {
    enum Kind {
        case text(caseExact: Bool)
        /// `users.active`: 0 is an assigned false; 1 is an assigned true or an unassigned `active`, which
        /// `users.active_assigned` (0) tells apart.
        case active
        /// `created`/`last_modified` in microseconds; the JSON shows them to the millisecond.
        case time
        /// `emails` / `emails.value` (`value: true`), one `user_emails` row per string value.
        case emails(value: Bool)
    }

    let column: String
    let kind: Kind
    /// SQL that holds where a non-NULL column certainly is the JSON attribute; nil where it always is.
    /// Users' `display_name` falls back to `name.formatted`, so only a stored `displayName` key makes it so.
    var reliable: String?

    typealias Clause = SCIMFilterSQL.Clause

    /// The column for `path` in `table`, or nil when none answers it (or the path names another schema).
    static func resolve(_ path: AttributePath, _ table: Store.Table) -> SCIMColumnTerm? {
        let urn = table == .users ? SCIMSchema.userURN : SCIMSchema.groupURN
        if let qualifier = path.schemaURN, !qualifier.caseInsensitiveEquals(urn) { return nil }
        let name = path.attribute.lowercased()
        let sub = path.subAttribute?.lowercased()
        switch (table, name, sub) {
        case (_, "meta", "created"): return SCIMColumnTerm(column: millis("created"), kind: .time)
        case (_, "meta", "lastmodified"): return SCIMColumnTerm(column: millis("last_modified"), kind: .time)
        case (_, _, .some) where !(table == .users && name == "emails" && sub == "value"): return nil
        case (_, "id", _): return SCIMColumnTerm(column: "id", kind: .text(caseExact: true))
        case (_, "externalid", _): return SCIMColumnTerm(column: "external_id", kind: .text(caseExact: true))
        case (.users, "username", _): return SCIMColumnTerm(column: "user_name", kind: .text(caseExact: false))
        case (.users, "displayname", _):
            return SCIMColumnTerm(
                column: "display_name", kind: .text(caseExact: false),
                reliable: "IFNULL(json_type(resource, '$.displayName') = 'text', 0)")
        case (.groups, "displayname", _): return SCIMColumnTerm(column: "display_name", kind: .text(caseExact: false))
        case (.users, "active", _): return SCIMColumnTerm(column: "active", kind: .active)
        case (.users, "emails", _): return SCIMColumnTerm(column: "e.value", kind: .emails(value: sub != nil))
        default: return nil
        }
    }

    /// The instant the JSON's `meta` string shows: microseconds floored to the millisecond.
    static func millis(_ column: String) -> String { "(\(column) - ((\(column) % 1000) + 1000) % 1000)" }

    func present() -> SCIMFilterSQL {
        switch kind {
        case .text:
            let present = "IFNULL(\(column) <> '', 0)"
            guard let reliable else { return .exactly(Clause(sql: present, bindings: [])) }
            return SCIMFilterSQL(
                maybe: Clause(sql: present, bindings: []),
                sure: Clause(sql: "(\(reliable)) AND \(present)", bindings: []), exact: false)
        case .time: return .exactly(.always)
        case .active:
            return .exactly(Clause(sql: "active_assigned = 1", bindings: []))
        case .emails(let value):
            // `emails pr` also holds for an element without a value; `emails.value pr` is exact.
            let any = Self.anyEmail(Clause(sql: "e.value <> ''", bindings: []))
            return value ? .exactly(any) : SCIMFilterSQL(maybe: .always, sure: any, exact: false)
        }
    }

    func compare(_ op: CompareOperator, _ value: JSONValue) -> SCIMFilterSQL {
        switch kind {
        case .text(let caseExact): return text(op, value, caseExact: caseExact)
        case .time: return time(op, value)
        case .active: return active(op, value)
        case .emails:
            let element = SCIMColumnTerm(column: "e.value", kind: .text(caseExact: false)).text(op, value, caseExact: false)
            return SCIMFilterSQL(maybe: Self.anyEmail(element.maybe), sure: Self.anyEmail(element.sure), exact: false)
        }
    }

    /// `emails[...]`: the inner filter over each element, where only its `value` has a column. An
    /// element without a string `value` has no row, so `maybe` may use the rows only when the inner
    /// filter cannot match without a value.
    static func emailElements(_ path: AttributePath, _ inner: SCIMFilter, _ table: Store.Table) -> SCIMFilterSQL? {
        guard table == .users, path.subAttribute == nil, path.attribute.caseInsensitiveEquals("emails"),
            path.schemaURN.map({ $0.caseInsensitiveEquals(SCIMSchema.userURN) }) ?? true
        else { return nil }
        let element = elementSQL(inner)
        let maybe = needsValue(inner) ? anyEmail(element.maybe) : .always
        return SCIMFilterSQL(maybe: maybe, sure: anyEmail(element.sure), exact: false)
    }

    private static func elementSQL(_ filter: SCIMFilter) -> SCIMFilterSQL {
        switch filter {
        case .and(let terms): return SCIMFilterSQL.all(terms.map(elementSQL))
        case .or(let terms): return SCIMFilterSQL.any(terms.map(elementSQL))
        case .not(let inner): return SCIMFilterSQL.negate(elementSQL(inner))
        case .present(let path):
            guard isValue(path) else { return .unknown }
            return SCIMColumnTerm(column: "e.value", kind: .text(caseExact: false)).present()
        case .compare(let path, .eq, .null): return SCIMFilterSQL.negate(elementSQL(.present(path)))
        case .compare(let path, .ne, .null): return elementSQL(.present(path))
        case .compare(_, _, .null): return .exactly(.never)
        case .compare(let path, let op, let value):
            guard isValue(path) else { return .unknown }
            return SCIMColumnTerm(column: "e.value", kind: .text(caseExact: false)).text(op, value, caseExact: false)
        case .valuePath: return .unknown
        }
    }

    /// Whether `filter` can hold for an email element only when the element has a string `value`.
    private static func needsValue(_ filter: SCIMFilter) -> Bool {
        switch filter {
        case .and(let terms): terms.contains(where: needsValue)
        case .or(let terms): terms.allSatisfy(needsValue)
        case .compare(let path, _, let value): isValue(path) && value.stringValue != nil
        case .not, .present, .valuePath: false
        }
    }

    private static func isValue(_ path: AttributePath) -> Bool {
        path.schemaURN == nil && path.subAttribute == nil && path.attribute.caseInsensitiveEquals("value")
    }

    private static func anyEmail(_ clause: Clause) -> Clause {
        if clause.isNever { return .never }
        let condition = clause.isAlways ? "" : " AND (\(clause.sql))"
        return Clause(
            sql: "EXISTS (SELECT 1 FROM user_emails e WHERE e.user_pk = users.pk\(condition))",
            bindings: clause.bindings)
    }

    /// A string comparison: decided in SQL for printable-ASCII operands and values, left to Swift for
    /// the rest (which still must have the attribute).
    private func text(_ op: CompareOperator, _ value: JSONValue, caseExact: Bool) -> SCIMFilterSQL {
        guard case .string(let operand) = value else { return .exactly(.never) }
        let substring = op == .co || op == .sw || op == .ew
        guard SCIMFilterSQL.isPlain(operand), !(substring && operand.isEmpty) else {
            return SCIMFilterSQL(maybe: Clause(sql: "\(column) IS NOT NULL", bindings: []), sure: .never, exact: false)
        }
        return bounded(condition(op, operand, caseExact: caseExact))
    }

    /// The bounds of a text condition that is right on printable-ASCII values.
    private func bounded(_ condition: Clause) -> SCIMFilterSQL {
        let plain = SCIMFilterSQL.plainSQL(column)
        let maybe = "IFNULL((\(condition.sql)) OR NOT \(plain), 0)"
        let sure = "IFNULL(\(reliable.map { "(\($0)) AND " } ?? "")\(plain) AND (\(condition.sql)), 0)"
        return SCIMFilterSQL(
            maybe: Clause(sql: maybe, bindings: condition.bindings),
            sure: Clause(sql: sure, bindings: condition.bindings), exact: false)
    }

    private func condition(_ op: CompareOperator, _ operand: String, caseExact: Bool) -> Clause {
        let collate = caseExact ? "BINARY" : "NOCASE"
        if !caseExact, op == .sw || op == .co || op == .ew {
            let escaped = operand.replacing("\\", with: "\\\\").replacing("%", with: "\\%").replacing("_", with: "\\_")
            let pattern = (op == .sw ? "" : "%") + escaped + (op == .ew ? "" : "%")
            return Clause(sql: "\(column) LIKE ? ESCAPE '\\'", bindings: [pattern])
        }
        switch op {
        case .sw: return Clause(sql: "substr(\(column), 1, length(?)) = ? COLLATE BINARY", bindings: [operand, operand])
        case .ew: return Clause(sql: "substr(\(column), -length(?)) = ? COLLATE BINARY", bindings: [operand, operand])
        case .co: return Clause(sql: "instr(\(column), ?) > 0", bindings: [operand])
        default:
            let symbol = ["eq": "=", "ne": "<>", "gt": ">", "ge": ">=", "lt": "<", "le": "<="][op.rawValue] ?? "="
            return Clause(sql: "\(column) \(symbol) ? COLLATE \(collate)", bindings: [operand])
        }
    }

    private func time(_ op: CompareOperator, _ value: JSONValue) -> SCIMFilterSQL {
        guard case .string(let text) = value else { return .exactly(.never) }
        guard !(op == .co || op == .sw || op == .ew), let instant = Timestamp(rfc3339: text) else { return .unknown }
        let symbol = ["eq": "=", "ne": "<>", "gt": ">", "ge": ">=", "lt": "<", "le": "<="][op.rawValue] ?? "="
        return .exactly(Clause(sql: "\(column) \(symbol) ?", bindings: [instant.microseconds]))
    }

    /// `active eq/ne true/false`: `active` reads an unassigned value as true (as Cloudflare does), which
    /// no comparison matches; `active_assigned` says whether the resource has one.
    private func active(_ op: CompareOperator, _ value: JSONValue) -> SCIMFilterSQL {
        guard case .bool(let flag) = value, op == .eq || op == .ne else { return .exactly(.never) }
        guard flag == (op == .eq) else { return .exactly(Clause(sql: "active = 0", bindings: [])) }
        return .exactly(Clause(sql: "(active = 1 AND active_assigned = 1)", bindings: []))
    }
}
