import SCIM
import Testing

@Suite struct FilterErrorTests {
    @Test(arguments: [
        ("", "empty filter"),
        ("   ", "empty filter"),
        (#"userName eqq "x""#, "unknown operator 'eqq' at position 10"),
        (#"userName eq "x"#, "unterminated string starting at position 13"),
        (#"userName eq "x")"#, "unexpected token ')' at position 16"),
        (#"(userName eq "x"))"#, "unexpected token ')' at position 18"),
        (#"(userName eq "x""#, "expected ')' for the '(' at position 1, found end of filter"),
        ("userName eq", "expected a value after 'eq' at position 12, found end of filter"),
        ("userName eq bjensen", "expected a value after 'eq' at position 13, found 'bjensen'"),
        ("userName", "expected an operator after 'userName' at position 9, found end of filter"),
        (#"userName eq "x" and"#, "unexpected end of filter at position 20"),
        (#"userName eq "x" title eq "y""#, "unexpected token 'title' at position 17"),
        (#"userName eq "a\q""#, #"invalid escape '\q' at position 15"#),
        (#"userName eq "\u12""#, #"invalid \u escape at position 14"#),
        ("userName eq 01", "invalid number '01' at position 13"),
        (#"userName eq "x" & title pr"#, "unexpected character '&' at position 17"),
        (#"emails[type eq "work""#, "expected ']' for the '[' at position 7, found end of filter"),
        (#"emails[type[value eq "x"]]"#, "nested '[' at position 12"),
        (#"name.givenName[value eq "x"]"#, "must follow an attribute, not the sub-attribute 'name.givenName'"),
        (#"emails[type eq "work"].value"#, "expected an operator after 'value' at position 29, found end of filter"),
        ("active gt true", "operator 'gt' at position 8 cannot compare booleans"),
        ("title co null", "cannot compare with null"),
        (#"_userName eq "x""#, "'_userName' is not an attribute name at position 1"),
        (#"name.givenName.first eq "x""#, "at most one '.'"),
        (#"and eq "x""#, "unexpected token 'and' at position 1"),
        (#"urn:ietf:params:scim:schemas:core:2.0:User: eq "x""#, "names a schema but no attribute"),
    ])
    func rejectsWithAPreciseDetail(filter: String, fragment: String) {
        let error = #expect(throws: SCIMError.self) { try FilterParser.parse(filter) }
        #expect(error?.scimType == "invalidFilter")
        #expect(error?.status == 400)
        #expect(error?.detail.contains(fragment) == true, "\(String(describing: error?.detail))")
    }

    @Test func boundsNestingDepth() {
        let deep = String(repeating: "(", count: 500) + "a pr" + String(repeating: ")", count: 500)
        let error = #expect(throws: SCIMError.self) { try FilterParser.parse(deep) }
        #expect(error?.detail.contains("nests deeper than 64 levels") == true)
        let notChain = String(repeating: "not ", count: 500) + "a pr"
        #expect(throws: SCIMError.self) { try FilterParser.parse(notChain) }
    }

    @Test func acceptsNestingWithinTheBound() throws {
        let nested = String(repeating: "(", count: 60) + "a pr" + String(repeating: ")", count: 60)
        #expect(try FilterParser.parse(nested) == .present(AttributePath(attribute: "a")))
    }
}
