import HTTPServer
import JSON
import Services

/// `/__admin/faults`: the fault rules in force (`FaultPlan`), listed with their counters, added,
/// replaced and removed. These writes cause deliberate failures, so API fuzzers should leave them out.
struct AdminFaultRoutes: Sendable {
    let plan: FaultPlan

    static let path = AdminRoutes.prefix + "/faults"
    static let id = RouteParameter("fault_id", in: .path, .string(maxLength: 64), "The rule's id")

    var routes: [Route] {
        let all = Self.path
        let one = Self.path + "/{fault_id}"
        let list = RouteResponse(200, "The rules in force, in order, with what each matched and fired", body: "FaultList")
        let rule = RouteResponse(200, "The rule, with what it matched and fired", body: "FaultRule")
        let bad = RouteResponse(400, "The body is not a valid rule", body: "AdminError")
        let missing = RouteResponse(404, "No rule has that id", body: "AdminError")
        let badID = RouteResponse(400, "The id is longer than 64 characters", body: "AdminError")
        let denied = AdminRoutes.unauthorized
        return [
            Route("GET", all, surface: .admin, summary: "List the fault rules", responses: [list, denied]) { _ in listing() },
            Route(
                "POST", all, surface: .admin, summary: "Add a fault rule at the end", requestBody: "FaultRuleInput",
                responses: [
                    RouteResponse(201, "The rule as stored (named fault-N when it had no id)", body: "FaultRule"), bad,
                    RouteResponse(409, "A rule of that id exists, or 1000 rules are in force", body: "AdminError"), denied,
                ]
            ) { r in
                let added = try plan.add(try FaultRuleReader.rule(r.http.body))
                return AdminRoutes.json(201, FaultRuleWriter.json(plan.rule(added.id) ?? FaultPlan.Listing(added)))
            },
            Route(
                "PUT", all, surface: .admin, summary: "Replace every fault rule (a rule or an array of them)",
                requestBody: "FaultRules",
                responses: [list, bad, denied]
            ) { r in
                try plan.replaceAll(try FaultRuleReader.rules(r.http.body))
                return listing()
            },
            Route("DELETE", all, surface: .admin, summary: "Remove every fault rule", responses: [list, denied]) { _ in
                plan.removeAll()
                return listing()
            },
            Route(
                "GET", one, surface: .admin, summary: "One fault rule", parameters: [Self.id],
                responses: [rule, badID, missing, denied]
            ) { r in
                try single(try r.parameters.path("fault_id"), status: 200)
            },
            Route(
                "PUT", one, surface: .admin, summary: "Replace the fault rule of this id, or add it", parameters: [Self.id],
                requestBody: "FaultRuleInput",
                responses: [
                    rule, RouteResponse(201, "The rule was added", body: "FaultRule"), bad,
                    RouteResponse(409, "It would be added, and 1000 rules are in force", body: "AdminError"), denied,
                ]
            ) { r in
                let id = try r.parameters.path("fault_id")
                let replaced = try plan.put(try FaultRuleReader.rule(r.http.body), id: id)
                return try single(id, status: replaced ? 200 : 201)
            },
            Route(
                "DELETE", one, surface: .admin, summary: "Remove the fault rule of this id", parameters: [Self.id],
                responses: [list, badID, missing, denied]
            ) { r in
                let id = try r.parameters.path("fault_id")
                guard plan.remove(id) else { throw Self.notFound(id) }
                return listing()
            },
        ]
    }

    private func listing() -> HTTPResponse {
        AdminRoutes.json(200, JSONObject([("faults", .array(plan.list().map { .object(FaultRuleWriter.json($0)) }))]))
    }

    private func single(_ id: String, status: Int) throws -> HTTPResponse {
        guard let listing = plan.rule(id) else { throw Self.notFound(id) }
        return AdminRoutes.json(status, FaultRuleWriter.json(listing))
    }

    private static func notFound(_ id: String) -> AdminError {
        AdminError(status: 404, message: "no fault rule with id \"\(id)\"")
    }
}
