import JSON

/// Reads a rule's action: `respond`, `delay`, `close` or `truncate` (see `FaultRuleReader`).
enum FaultActionReader {
    typealias Reader = FaultRuleReader

    static func action(_ kind: String, _ value: JSONValue) throws(AdminError) -> FaultAction {
        switch kind {
        case "respond": return .respond(try answer(value))
        case "delay": return .delay(try latency(value))
        case "close":
            if value == .bool(true) { return .close(afterMilliseconds: 0) }
            guard let object = value.objectValue else { throw Reader.invalid("close is true or {\"after_ms\": …}") }
            try Reader.onlyKeys(object, ["after_ms"], in: "close")
            return .close(afterMilliseconds: try Reader.integer(object["after_ms"], "close.after_ms", 0...600_000) ?? 0)
        default:
            guard let object = value.objectValue else { throw Reader.invalid("truncate is {\"after_bytes\": …}") }
            try Reader.onlyKeys(object, ["after_bytes"], in: "truncate")
            guard let bytes = try Reader.integer(object["after_bytes"], "truncate.after_bytes", 0...(1 << 30)) else {
                throw Reader.invalid("truncate needs after_bytes")
            }
            return .truncate(afterBytes: bytes)
        }
    }

    static func answer(_ value: JSONValue) throws(AdminError) -> FaultAnswer {
        guard let object = value.objectValue else { throw Reader.invalid("respond must be an object with a status") }
        try Reader.onlyKeys(object, ["status", "headers", "body", "content_type", "message", "code"], in: "respond")
        guard let status = try Reader.integer(object["status"], "respond.status", 200...599) else {
            throw Reader.invalid("respond needs a status (200 to 599)")
        }
        var answer = FaultAnswer(status: status)
        answer.headers = try headers(object["headers"])
        answer.message = try Reader.string(object["message"], "respond.message")
        answer.code = try Reader.integer(object["code"], "respond.code", 0...1_000_000)
        switch object["body"] {
        case nil: break
        case .string(let text)?:
            answer.body = Array(text.utf8)
            answer.contentType = "text/plain; charset=utf-8"
        case let body?: answer.body = Array(body.serialized().utf8)
        }
        if let type = try Reader.string(object["content_type"], "respond.content_type", maxLength: 256) {
            guard FaultHeaderCheck.isValue(type) else { throw Reader.invalid("respond.content_type holds a control character") }
            answer.contentType = type
        }
        return answer
    }

    /// `{"retry-after": "0.1", …}`: names are HTTP tokens, values hold no control characters.
    static func headers(_ value: JSONValue?) throws(AdminError) -> [FaultNameValue] {
        guard let value else { return [] }
        guard let object = value.objectValue, object.entries.count <= 32 else {
            throw Reader.invalid("respond.headers must be an object of at most 32 string values")
        }
        return try object.entries.map { (entry) throws(AdminError) in
            guard let text = entry.value.stringValue ?? entry.value.numberText, FaultHeaderCheck.isName(entry.key),
                FaultHeaderCheck.isValue(text), text.utf8.count <= 1024
            else { throw Reader.invalid("respond.headers: \"\(entry.key.prefix(64))\" needs a token name and a plain value") }
            return FaultNameValue(name: entry.key, value: text)
        }
    }

    /// `{"ms": 200}`, `{"uniform_ms": [50, 150]}` or `{"log_normal": {"median_ms": 100, "sigma": 0.5}}`.
    static func latency(_ value: JSONValue) throws(AdminError) -> Latency {
        guard let object = value.objectValue, object.entries.count == 1 else {
            throw Reader.invalid("delay takes one of {\"ms\": …}, {\"uniform_ms\": [min, max]}, {\"log_normal\": {…}}")
        }
        try Reader.onlyKeys(object, ["ms", "uniform_ms", "log_normal"], in: "delay")
        let range = 0...Latency.maximum
        if let fixed = try Reader.number(object["ms"], "delay.ms", range) { return .fixed(milliseconds: fixed) }
        if let bounds = object["uniform_ms"] {
            guard let pair = bounds.arrayValue, pair.count == 2,
                let low = try Reader.number(pair[0], "delay.uniform_ms[0]", range),
                let high = try Reader.number(pair[1], "delay.uniform_ms[1]", range), low <= high
            else { throw Reader.invalid("delay.uniform_ms is [min, max] with 0 <= min <= max <= \(Int(Latency.maximum))") }
            return .uniform(minimum: low, maximum: high)
        }
        guard let shape = object["log_normal"]?.objectValue else { throw Reader.invalid("delay.log_normal must be an object") }
        try Reader.onlyKeys(shape, ["median_ms", "sigma"], in: "delay.log_normal")
        guard let median = try Reader.number(shape["median_ms"], "delay.log_normal.median_ms", range),
            let sigma = try Reader.number(shape["sigma"], "delay.log_normal.sigma", 0...10)
        else { throw Reader.invalid("delay.log_normal needs median_ms and sigma") }
        return .logNormal(median: median, sigma: sigma)
    }
}

private extension JSONValue {
    /// A number's text, so `"retry-after": 1` reads like `"1"`.
    var numberText: String? { if case .number(let text) = self { text } else { nil } }
}
