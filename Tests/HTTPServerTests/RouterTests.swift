import Testing

@testable import HTTPServer

/// Routing is pure, so every rule is checked without sockets.
@Suite("Router")
struct RouterTests {
    static let users = "/accounts/{account_id}/access/identity_providers/{idp_id}/scim/users"

    /// Routes that are their own names so tests can see which matched.
    func router(_ routes: [(String, String, String)]) -> Router<String> {
        var router = Router<String>()
        for (method, pattern, name) in routes { router.add(method, pattern, name) }
        return router
    }

    func name(of match: Router<String>.Match) -> String? {
        guard case .found(let name, _, _) = match else { return nil }
        return name
    }

    @Test func capturesSegments() throws {
        let router = router([("GET", Self.users + "/{user_id}", "user")])
        let match = router.match(method: "GET", path: "/accounts/acc1/access/identity_providers/idp-2/scim/users/u3")
        guard case .found(_, let parameters, let pattern) = match else {
            Issue.record("expected a match, got \(match)")
            return
        }
        #expect(parameters["account_id"] == "acc1")
        #expect(parameters["idp_id"] == "idp-2")
        #expect(parameters["user_id"] == "u3")
        #expect(parameters["missing"] == nil)
        #expect(pattern == Self.users + "/{user_id}")
    }

    @Test func listsItsRoutesInRegistrationOrder() {
        let router = router([("GET", "/a", "first"), ("POST", "/b/{id}", "second")])
        #expect(router.routes.map { "\($0.method) \($0.pattern) \($0.route)" } == ["GET /a first", "POST /b/{id} second"])
    }

    @Test func captureNeedsNonEmptySegment() {
        let router = router([("GET", "/users/{id}/groups", "groups")])
        #expect(name(of: router.match(method: "GET", path: "/users//groups")) == nil)
        #expect(name(of: router.match(method: "GET", path: "/users/x/groups")) == "groups")
    }

    @Test func literalBeatsCaptureInAnyRegistrationOrder() {
        let first = router([("GET", "/users/{id}", "capture"), ("GET", "/users/me", "literal")])
        let second = router([("GET", "/users/me", "literal"), ("GET", "/users/{id}", "capture")])
        for router in [first, second] {
            #expect(name(of: router.match(method: "GET", path: "/users/me")) == "literal")
            #expect(name(of: router.match(method: "GET", path: "/users/you")) == "capture")
        }
    }

    @Test func earlierLiteralSegmentDecides() {
        let router = router([("GET", "/{a}/x", "late"), ("GET", "/v/{b}", "early")])
        #expect(name(of: router.match(method: "GET", path: "/v/x")) == "early")
    }

    @Test func oneTrailingSlashIsIgnored() {
        let router = router([("GET", "/scim/users", "users"), ("GET", "/", "root"), ("GET", "/slash/", "slash")])
        #expect(name(of: router.match(method: "GET", path: "/scim/users/")) == "users")
        #expect(name(of: router.match(method: "GET", path: "/scim/users")) == "users")
        #expect(name(of: router.match(method: "GET", path: "/slash")) == "slash")
        #expect(name(of: router.match(method: "GET", path: "/")) == "root")
        #expect(name(of: router.match(method: "GET", path: "/scim/users//")) == nil)
    }

    @Test func unknownPathIsNotFound() {
        let router = router([("GET", "/scim/users", "users")])
        guard case .notFound = router.match(method: "GET", path: "/scim/groups") else {
            Issue.record("expected notFound")
            return
        }
    }

    @Test func wrongMethodListsAllowedSorted() {
        let router = router([
            ("POST", "/scim/users", "create"), ("GET", "/scim/users", "list"),
            ("DELETE", "/scim/users/{id}", "delete"), ("PATCH", "/scim/users/{id}", "patch"),
        ])
        guard case .methodNotAllowed(let allowed) = router.match(method: "PUT", path: "/scim/users") else {
            Issue.record("expected methodNotAllowed")
            return
        }
        #expect(allowed == ["GET", "POST"])
        guard case .methodNotAllowed(let other) = router.match(method: "GET", path: "/scim/users/7") else {
            Issue.record("expected methodNotAllowed")
            return
        }
        #expect(other == ["DELETE", "PATCH"])
    }

    @Test func methodSpecificRouteFallsBackToCapture() {
        let router = router([("GET", "/users/me", "me"), ("DELETE", "/users/{id}", "delete")])
        #expect(name(of: router.match(method: "DELETE", path: "/users/me")) == "delete")
    }

    @Test func headUsesGetRoutes() {
        let router = router([
            ("GET", "/scim/users", "list"), ("HEAD", "/explicit", "head"),
            ("GET", "/explicit", "get"), ("POST", "/other", "post"),
        ])
        #expect(name(of: router.match(method: "HEAD", path: "/scim/users")) == "list")
        #expect(name(of: router.match(method: "HEAD", path: "/explicit")) == "head")
        guard case .methodNotAllowed(let allowed) = router.match(method: "HEAD", path: "/other") else {
            Issue.record("expected methodNotAllowed")
            return
        }
        #expect(allowed == ["POST"])
    }
}
