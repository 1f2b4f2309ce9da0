import JSON

/// Parses SCIM filters (RFC 7644 §3.4.2.2) and PATCH paths (§3.5.2) into `SCIMFilter` and
/// `PatchPath`, with error details that name the offending token and its 1-based position.
public enum FilterParser {
    /// Most comparisons (`attr op value`, `attr pr`) one filter or PATCH path may hold.
    public static let maxTerms = 1_000
    /// Deepest nesting of parentheses, brackets and `not`.
    public static let maxDepth = 64

    /// Parses a filter. Operators and `and`/`or`/`not`/`pr` are case-insensitive; precedence
    /// not > and > or, `and`/`or` associate to the left; parentheses; string literals with JSON escapes;
    /// numbers; true/false/null. Also accepts Entra ID's form `emails[type eq "work"].value eq "x"`,
    /// read as `emails[type eq "work" and value eq "x"]`: some element matching the bracket filter has a
    /// sub-attribute satisfying the comparison. Errors are `SCIMError.invalidFilter`.
    public static func parse(_ text: String) throws(SCIMError) -> SCIMFilter {
        var parser = Parser(lexer: FilterLexer(text))
        guard try parser.peek().kind != .end else { throw .invalidFilter("empty filter") }
        let filter = try parser.parseOr()
        let trailing = try parser.peek()
        guard trailing.kind == .end else {
            throw .invalidFilter("unexpected token \(trailing.quoted) at position \(trailing.position)")
        }
        return filter
    }

    /// Parses a PATCH `path` (RFC 7644 §3.5.2): attrPath or valuePath with optional subAttr: `members`,
    /// `name.familyName`, `emails[type eq "work"].value`, `members[value eq "2819c223"]`, URN-qualified
    /// paths. See `PatchPath` for how the parts are returned. Errors in the bracket filter are
    /// `SCIMError.invalidFilter`, the rest `SCIMError.invalidPath`, as RFC 7644 §3.12 assigns them.
    public static func parsePatchPath(_ text: String) throws(SCIMError) -> PatchPath {
        let scalars = Array(text.unicodeScalars)
        guard let bracket = scalars.firstIndex(of: "[") else {
            return PatchPath(attribute: try AttributePath.parse(trimmed(text)))
        }
        var head = String.UnicodeScalarView()
        head.append(contentsOf: scalars[..<bracket])
        let attribute = try AttributePath.parse(trimmed(String(head)))
        guard attribute.subAttribute == nil else {
            throw .invalidPath("invalid path '\(text)': a value filter must follow a multi-valued attribute, not '\(attribute)'")
        }
        var parser = Parser(lexer: FilterLexer(text, from: bracket))
        let filter = try parser.parseBracket()
        let rest = trimmed(parser.lexer.remainder)
        guard !rest.isEmpty else { return PatchPath(attribute: attribute, filter: filter) }
        guard rest.hasPrefix("."), AttributePath.isAttributeName(rest.dropFirst()) else {
            throw .invalidPath("invalid path '\(text)': expected end of path or '.subAttribute' after ']', found '\(rest)'")
        }
        return PatchPath(attribute: attribute, filter: filter, subAttribute: String(rest.dropFirst()))
    }

    private static func trimmed(_ text: String) -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
        return String(text.drop(while: isSpace).reversed().drop(while: isSpace).reversed())
    }

    /// Recursive descent over the lexer with one token of lookahead.
    fileprivate struct Parser {
        var lexer: FilterLexer
        private var lookahead: FilterLexer.Token?
        /// Parenthesis and bracket depth, bounded so hostile input cannot exhaust the stack.
        private var depth = 0
        /// Inside `[...]`, where RFC 7644 allows no further value path.
        private var inBracket = false
        /// Comparisons and `pr` tests read so far, bounded so evaluation work stays bounded.
        private var terms = 0
        private static let maxDepth = FilterParser.maxDepth

        init(lexer: FilterLexer) { self.lexer = lexer }

        mutating func peek() throws(SCIMError) -> FilterLexer.Token {
            if let lookahead { return lookahead }
            let token = try lexer.next()
            lookahead = token
            return token
        }

        mutating func take() throws(SCIMError) -> FilterLexer.Token {
            let token = try peek()
            lookahead = nil
            return token
        }

        private mutating func takeKeyword(_ keyword: String) throws(SCIMError) -> Bool {
            guard case .word(let word) = try peek().kind, word.caseInsensitiveEquals(keyword) else { return false }
            lookahead = nil
            return true
        }

        /// A chain of `or` terms is collected into one list, in a loop, so its length costs no stack.
        mutating func parseOr() throws(SCIMError) -> SCIMFilter {
            var terms = [try parseAnd()]
            while try takeKeyword("or") { terms.append(try parseAnd()) }
            return terms.count == 1 ? terms[0] : .or(terms)
        }

        private mutating func parseAnd() throws(SCIMError) -> SCIMFilter {
            var terms = [try parseNot()]
            while try takeKeyword("and") { terms.append(try parseNot()) }
            return terms.count == 1 ? terms[0] : .and(terms)
        }

        /// RFC 7644 requires `not (…)`; `not attr pr` is accepted too, since its meaning is unambiguous.
        private mutating func parseNot() throws(SCIMError) -> SCIMFilter {
            guard try takeKeyword("not") else { return try parsePrimary() }
            return .not(try nested { (p) throws(SCIMError) in try p.parseNot() })
        }

        private mutating func parsePrimary() throws(SCIMError) -> SCIMFilter {
            let token = try take()
            switch token.kind {
            case .openParen:
                let filter = try nested { (p) throws(SCIMError) in try p.parseOr() }
                try expect(.closeParen, closing: "(", at: token.position)
                return filter
            case .word(let word) where !["and", "or", "pr"].contains(where: word.caseInsensitiveEquals):
                return try parseAttributeExpression(path(word, at: token.position), at: token.position)
            case .end:
                throw .invalidFilter("unexpected end of filter at position \(token.position)")
            default:
                throw .invalidFilter("unexpected token \(token.quoted) at position \(token.position)")
            }
        }

        /// What follows an attribute path: `pr`, an operator and value, or a value filter in brackets.
        private mutating func parseAttributeExpression(_ path: AttributePath, at position: Int) throws(SCIMError) -> SCIMFilter {
            terms += 1
            guard terms <= FilterParser.maxTerms else {
                let limit = FilterParser.maxTerms
                throw .invalidFilter("filter has more than \(limit) comparisons (the next at position \(position))")
            }
            guard try peek().kind == .openBracket else { return try parseComparison(path) }
            guard !inBracket else {
                throw .invalidFilter("nested '[' at position \(try peek().position): value filters cannot nest")
            }
            guard path.subAttribute == nil else {
                throw .invalidFilter(
                    "'[' at position \(try peek().position) must follow an attribute, not the sub-attribute '\(path)'")
            }
            let inner = try parseBracket()
            guard case .word(let word) = try peek().kind, word.hasPrefix(".") else { return .valuePath(path, inner) }
            let token = try take()
            guard AttributePath.isAttributeName(word.dropFirst()) else {
                throw .invalidFilter("invalid sub-attribute '\(word)' at position \(token.position)")
            }
            let comparison = try parseComparison(AttributePath(attribute: String(word.dropFirst())))
            guard case .and(let terms) = inner else { return .valuePath(path, .and([inner, comparison])) }
            return .valuePath(path, .and(terms + [comparison]))
        }

        /// `[filter]`, with the lexer left just after the `]`.
        mutating func parseBracket() throws(SCIMError) -> SCIMFilter {
            let open = try take()
            guard open.kind == .openBracket else {
                throw .invalidFilter("expected '[' at position \(open.position), found \(open.quoted)")
            }
            inBracket = true
            let filter = try nested { (p) throws(SCIMError) in try p.parseOr() }
            inBracket = false
            try expect(.closeBracket, closing: "[", at: open.position)
            return filter
        }

        private mutating func parseComparison(_ path: AttributePath) throws(SCIMError) -> SCIMFilter {
            let token = try take()
            guard case .word(let word) = token.kind else {
                throw .invalidFilter("expected an operator after '\(path)' at position \(token.position), found \(token.quoted)")
            }
            if word.caseInsensitiveEquals("pr") { return .present(path) }
            guard let op = CompareOperator(rawValue: word.lowercased()) else {
                throw .invalidFilter("unknown operator '\(word)' at position \(token.position)")
            }
            let value = try parseValue(after: op)
            if op != .eq && op != .ne, value.boolValue != nil || value.isNull {
                throw .invalidFilter(
                    "operator '\(op.rawValue)' at position \(token.position) cannot compare "
                        + "\(value.typeName == "null" ? "with null" : "booleans")"
                )
            }
            return .compare(path, op, value)
        }

        private mutating func parseValue(after op: CompareOperator) throws(SCIMError) -> JSONValue {
            let token = try take()
            switch token.kind {
            case .string(let text): return .string(text)
            case .number(let text): return .number(text)
            case .word(let word) where word.caseInsensitiveEquals("true"): return .bool(true)
            case .word(let word) where word.caseInsensitiveEquals("false"): return .bool(false)
            case .word(let word) where word.caseInsensitiveEquals("null"): return .null
            default:
                throw .invalidFilter(
                    "expected a value after '\(op.rawValue)' at position \(token.position), found \(token.quoted) "
                        + "(strings need double quotes)"
                )
            }
        }

        private mutating func expect(_ kind: FilterLexer.Kind, closing opener: String, at position: Int) throws(SCIMError) {
            let token = try take()
            guard token.kind == kind else {
                let closer = kind == .closeParen ? ")" : "]"
                throw .invalidFilter(
                    "expected '\(closer)' for the '\(opener)' at position \(position), found \(token.quoted) at position "
                        + "\(token.position)"
                )
            }
        }

        private func path(_ word: String, at position: Int) throws(SCIMError) -> AttributePath {
            do {
                return try AttributePath.parse(word)
            } catch {
                throw .invalidFilter("\(error.detail) at position \(position)")
            }
        }

        private mutating func nested(_ body: (inout Parser) throws(SCIMError) -> SCIMFilter) throws(SCIMError) -> SCIMFilter {
            depth += 1
            defer { depth -= 1 }
            guard depth <= Self.maxDepth else {
                throw .invalidFilter("filter nests deeper than \(Self.maxDepth) levels at position \(lexer.index)")
            }
            return try body(&self)
        }
    }
}
