import JSON

/// A rule as `GET /__admin/faults` lists it: the shape `FaultRuleReader` reads, plus its counters.
public enum FaultRuleWriter {
    public static func json(_ listing: FaultPlan.Listing) -> JSONObject {
        var object = json(listing.rule)
        object["matched"] = number(listing.matched)
        object["fired"] = number(listing.fired)
        return object
    }

    public static func json(_ rule: FaultRule) -> JSONObject {
        var object = JSONObject([("match", .object(match(rule.match)))])
        if !rule.id.isEmpty { object.entries.insert(("id", .string(rule.id)), at: 0) }
        object[rule.action.kind] = action(rule.action)
        let firing = rule.firing
        if let times = firing.times { object["times"] = number(times) }
        if firing.every != 1 { object["every"] = number(firing.every) }
        if let probability = firing.probability { object["probability"] = .number(String(probability)) }
        if firing.probability != nil || firing.seed != 0 { object["seed"] = .number(String(firing.seed)) }
        return object
    }

    static func match(_ match: FaultMatch) -> JSONObject {
        var object = JSONObject()
        func put(_ key: String, _ value: String?) { if let value { object[key] = .string(value) } }
        put("surface", match.surface)
        put("method", match.method)
        put("route", match.routePattern.map { pattern in match.routeMethod.map { "\($0) \(pattern)" } ?? pattern })
        put("path_prefix", match.pathPrefix)
        put("account", match.account)
        put("idp", match.idp)
        for (key, pair) in [("header", match.header), ("query", match.query)] {
            if let pair { object[key] = .object(JSONObject([("name", .string(pair.name)), ("value", .string(pair.value))])) }
        }
        return object
    }

    static func action(_ action: FaultAction) -> JSONValue {
        switch action {
        case .respond(let answer):
            var object = JSONObject([("status", number(answer.status))])
            if !answer.headers.isEmpty {
                object["headers"] = .object(JSONObject(answer.headers.map { ($0.name, .string($0.value)) }))
            }
            if let body = answer.body { object["body"] = .string(String(decoding: body, as: UTF8.self)) }
            if answer.body != nil { object["content_type"] = .string(answer.contentType) }
            if let message = answer.message { object["message"] = .string(message) }
            if let code = answer.code { object["code"] = number(code) }
            return .object(object)
        case .delay(let latency):
            return .object(JSONObject([self.latency(latency)]))
        case .close(let after): return .object(JSONObject([("after_ms", number(after))]))
        case .truncate(let bytes): return .object(JSONObject([("after_bytes", number(bytes))]))
        }
    }

    private static func latency(_ latency: Latency) -> (key: String, value: JSONValue) {
        switch latency {
        case .fixed(let ms): ("ms", .number(String(ms)))
        case .uniform(let low, let high): ("uniform_ms", .array([.number(String(low)), .number(String(high))]))
        case .logNormal(let median, let sigma):
            ("log_normal", .object(JSONObject([("median_ms", .number(String(median))), ("sigma", .number(String(sigma)))])))
        }
    }

    private static func number(_ value: Int) -> JSONValue { .number(String(value)) }
}
