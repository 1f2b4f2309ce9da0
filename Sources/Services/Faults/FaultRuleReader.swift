import JSON

/// Reads fault rules from JSON, checking every field (a rule is client input like any other):
///
///     {"id": "logs-429", "match": {"route": "GET /accounts/{account_id}/access/logs/scim/updates"},
///      "respond": {"status": 429, "headers": {"retry-after": "0.1"}}, "times": 2}
///
/// One action of `respond`, `delay`, `close`, `truncate`; firing by `times`, `every`, `probability`, `seed`.
public enum FaultRuleReader {
    static let ruleKeys = ["id", "match", "respond", "delay", "close", "truncate", "times", "every", "probability", "seed"]
    static let matchKeys = ["surface", "method", "route", "path_prefix", "account", "idp", "header", "query"]
    static let surfaces = ["cloudflare", "scim", "admin", "dashboard"]

    /// A rule object, or an array of them (as `--fault`, `SCIM_MOCK_FAULTS` and `PUT /__admin/faults` take).
    public static func rules(_ bytes: [UInt8]) throws(AdminError) -> [FaultRule] {
        let value = try parse(bytes)
        if let array = value.arrayValue {
            guard array.count <= 1000 else { throw invalid("at most 1000 fault rules at once") }
            return try array.enumerated().map { (index, item) throws(AdminError) in
                guard let object = item.objectValue else { throw invalid("rule \(index) must be an object") }
                return try rule(object)
            }
        }
        guard let object = value.objectValue else { throw invalid("a fault rule is a JSON object (or an array of them)") }
        return [try rule(object)]
    }

    /// Exactly one rule object.
    public static func rule(_ bytes: [UInt8]) throws(AdminError) -> FaultRule {
        guard let object = try parse(bytes).objectValue else { throw invalid("a fault rule is a JSON object") }
        return try rule(object)
    }

    static func rule(_ object: JSONObject) throws(AdminError) -> FaultRule {
        try onlyKeys(object, ruleKeys, in: "a fault rule")
        let id = try string(object["id"], "id", maxLength: 64) ?? ""
        let match = try object["match"].map { (value) throws(AdminError) in try self.match(value) } ?? FaultMatch()
        let actions = ["respond", "delay", "close", "truncate"].filter { object[$0] != nil }
        guard actions.count == 1 else { throw invalid("a fault rule takes exactly one of respond, delay, close, truncate") }
        let action = try FaultActionReader.action(actions[0], object[actions[0]]!)
        var firing = FaultFiring()
        firing.times = try integer(object["times"], "times", 1...1_000_000_000)
        firing.every = try integer(object["every"], "every", 1...1_000_000_000) ?? 1
        firing.probability = try number(object["probability"], "probability", 0...1)
        if let seed = object["seed"] {
            guard case .number(let text) = seed, let value = UInt64(text) else {
                throw invalid("seed must be an integer from 0 to \(UInt64.max)")
            }
            firing.seed = value
        }
        return FaultRule(id: id, match: match, action: action, firing: firing)
    }

    static func match(_ value: JSONValue) throws(AdminError) -> FaultMatch {
        guard let object = value.objectValue else { throw invalid("match must be an object") }
        try onlyKeys(object, matchKeys, in: "match")
        var match = FaultMatch()
        if let surface = try string(object["surface"], "match.surface") {
            guard surfaces.contains(surface) else {
                throw invalid("match.surface must be one of \(surfaces.joined(separator: ", "))")
            }
            match.surface = surface
        }
        match.method = try string(object["method"], "match.method", maxLength: 16)?.uppercased()
        if let route = try string(object["route"], "match.route") {
            let parts = route.split(separator: " ", maxSplits: 1)
            if parts.count == 2 {
                match.routeMethod = parts[0].uppercased()
                match.routePattern = String(parts[1])
            } else {
                match.routePattern = route
            }
            guard match.routePattern?.hasPrefix("/") == true else {
                throw invalid("match.route is a route pattern such as \"GET /scim/v2/Users/{id}\"")
            }
        }
        match.pathPrefix = try string(object["path_prefix"], "match.path_prefix")
        match.account = try string(object["account"], "match.account")
        match.idp = try string(object["idp"], "match.idp")
        match.header = try nameValue(object["header"], "match.header")
        match.query = try nameValue(object["query"], "match.query")
        return match
    }

    private static func nameValue(_ value: JSONValue?, _ name: String) throws(AdminError) -> FaultNameValue? {
        guard let value else { return nil }
        guard let object = value.objectValue else { throw invalid("\(name) must be {\"name\": …, \"value\": …}") }
        try onlyKeys(object, ["name", "value"], in: name)
        guard let key = try string(object["name"], "\(name).name"), let text = try string(object["value"], "\(name).value")
        else { throw invalid("\(name) needs both name and value") }
        return FaultNameValue(name: key, value: text)
    }

    // MARK: - Checked fields

    static func parse(_ bytes: [UInt8]) throws(AdminError) -> JSONValue {
        do {
            return try JSONReader.parse(bytes)
        } catch {
            throw invalid("invalid JSON: \(error.description)")
        }
    }

    static func invalid(_ message: String) -> AdminError { AdminError(status: 400, message: "fault rule: \(message)") }

    static func onlyKeys(_ object: JSONObject, _ allowed: [String], in place: String) throws(AdminError) {
        for key in object.keys where !allowed.contains(key) {
            throw invalid("unknown key \"\(key)\" in \(place) (allowed: \(allowed.joined(separator: ", ")))")
        }
    }

    static func string(_ value: JSONValue?, _ name: String, maxLength: Int = 1024) throws(AdminError) -> String? {
        guard let value else { return nil }
        guard let text = value.stringValue, !text.isEmpty, text.utf8.count <= maxLength else {
            throw invalid("\(name) must be a non-empty string of at most \(maxLength) bytes")
        }
        return text
    }

    static func integer(_ value: JSONValue?, _ name: String, _ range: ClosedRange<Int>) throws(AdminError) -> Int? {
        guard let value else { return nil }
        guard let number = value.intValue, range.contains(number) else {
            throw invalid("\(name) must be an integer from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }

    static func number(_ value: JSONValue?, _ name: String, _ range: ClosedRange<Double>) throws(AdminError) -> Double? {
        guard let value else { return nil }
        guard case .number(let text) = value, let number = Double(text), range.contains(number) else {
            throw invalid("\(name) must be a number from \(range.lowerBound) to \(range.upperBound)")
        }
        return number
    }
}
