import JSON
import SCIM
import Testing

@Suite struct FilterGrammarTests {
    private let enterprise = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"

    private func path(_ attribute: String, _ sub: String? = nil) -> AttributePath {
        AttributePath(attribute: attribute, subAttribute: sub)
    }

    @Test(arguments: CompareOperator.allCases)
    func parsesEveryOperatorInAnyCase(op: CompareOperator) throws {
        let expected = SCIMFilter.compare(path("userName"), op, .string("bjensen"))
        #expect(try FilterParser.parse(#"userName \#(op.rawValue) "bjensen""#) == expected)
        #expect(try FilterParser.parse(#"userName \#(op.rawValue.uppercased()) "bjensen""#) == expected)
    }

    @Test func andBindsTighterThanOr() throws {
        let a = SCIMFilter.present(path("a"))
        let b = SCIMFilter.present(path("b"))
        let c = SCIMFilter.present(path("c"))
        #expect(try FilterParser.parse("a pr or b pr and c pr") == .or([a, .and([b, c])]))
        #expect(try FilterParser.parse("a pr and b pr or c pr") == .or([.and([a, b]), c]))
        #expect(try FilterParser.parse("(a pr or b pr) and c pr") == .and([.or([a, b]), c]))
        #expect(try FilterParser.parse("a pr or b pr or c pr") == .or([a, b, c]))
    }

    @Test func notBindsTighterThanAnd() throws {
        let a = SCIMFilter.present(path("a"))
        let b = SCIMFilter.present(path("b"))
        #expect(try FilterParser.parse("not (a pr) and b pr") == .and([.not(a), b]))
        #expect(try FilterParser.parse("not (a pr and b pr)") == .not(.and([a, b])))
        #expect(try FilterParser.parse("NOT a pr Or b PR") == .or([.not(a), b]))
    }

    @Test func keywordsAreCaseInsensitive() throws {
        let filter = try FilterParser.parse(#"userName Eq "x" AND NOT (title Pr) oR active EQ TRUE"#)
        #expect(
            filter
                == .or([
                    .and([.compare(path("userName"), .eq, .string("x")), .not(.present(path("title")))]),
                    .compare(path("active"), .eq, .bool(true)),
                ]))
    }

    @Test func decodesJSONEscapesInStrings() throws {
        let filter = try FilterParser.parse(#"displayName eq "a\"b\\c\/d\n\u00e9\ud83d\ude00 ]) and""#)
        #expect(filter == .compare(path("displayName"), .eq, .string("a\"b\\c/d\né😀 ]) and")))
    }

    @Test(arguments: [
        ("-1.5e3", JSONValue.number("-1.5e3")), ("42", .number("42")), ("1E+2", .number("1E+2")),
        ("true", .bool(true)), ("False", .bool(false)), ("null", .null), (#""""#, .string("")),
    ])
    func parsesLiteralValues(literal: String, value: JSONValue) throws {
        #expect(try FilterParser.parse("x eq \(literal)") == .compare(path("x"), .eq, value))
    }

    @Test func parsesURNQualifiedPaths() throws {
        #expect(
            try FilterParser.parse(#"\#(enterprise):employeeNumber eq "701984""#)
                == .compare(AttributePath(schemaURN: enterprise, attribute: "employeeNumber"), .eq, .string("701984")))
        #expect(
            try FilterParser.parse("\(enterprise):manager.value pr")
                == .present(AttributePath(schemaURN: enterprise, attribute: "manager", subAttribute: "value")))
        #expect(
            try FilterParser.parse(#"urn:ietf:params:scim:schemas:core:2.0:User:name.givenName sw "B""#)
                == .compare(
                    AttributePath(schemaURN: SCIMSchema.userURN, attribute: "name", subAttribute: "givenName"), .sw, .string("B"))
        )
    }

    @Test func parsesValuePathWithRelativeInnerPaths() throws {
        let filter = try FilterParser.parse(#"emails[type eq "work" and value co "@example.com"] or userType eq "Employee""#)
        #expect(
            filter
                == .or([
                    .valuePath(
                        path("emails"),
                        .and([
                            .compare(path("type"), .eq, .string("work")),
                            .compare(path("value"), .co, .string("@example.com")),
                        ])),
                    .compare(path("userType"), .eq, .string("Employee")),
                ]))
    }

    @Test func readsEntraFormAsOneElementMatchingBoth() throws {
        let filter = try FilterParser.parse(#"emails[type eq "work"].value eq "bjensen@example.com""#)
        #expect(
            filter
                == .valuePath(
                    path("emails"),
                    .and([
                        .compare(path("type"), .eq, .string("work")),
                        .compare(path("value"), .eq, .string("bjensen@example.com")),
                    ])))
        #expect(
            try FilterParser.parse(#"addresses[type eq "work"].postalCode pr"#)
                == .valuePath(
                    path("addresses"), .and([.compare(path("type"), .eq, .string("work")), .present(path("postalCode"))])))
    }

    @Test func ignoresWhitespaceAroundTokens() throws {
        #expect(try FilterParser.parse("  userName\teq\n\"x\"  ") == .compare(path("userName"), .eq, .string("x")))
        #expect(
            try FilterParser.parse("emails[ type eq \"work\" ]")
                == .valuePath(path("emails"), .compare(path("type"), .eq, .string("work"))))
    }

    @Test(arguments: [
        #"userName eq "a\"b" and (title pr or not (active eq false))"#,
        #"emails[type eq "work" and primary eq true] or meta.lastModified ge "2025-01-01T00:00:00Z""#,
        #"urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager.value ne null"#,
    ])
    func descriptionReparsesToTheSameFilter(text: String) throws {
        let filter = try FilterParser.parse(text)
        #expect(try FilterParser.parse(filter.description) == filter)
    }
}
