import JSON
import Services
import Testing

@Suite struct FaultRuleReaderTests {
    private func read(_ text: String) throws(AdminError) -> FaultRule { try FaultRuleReader.rule(Array(text.utf8)) }

    private func message(_ text: String) -> String? {
        do {
            _ = try read(text)
            return nil
        } catch {
            #expect(error.status == 400)
            return error.message
        }
    }

    @Test func aFullRuleReadsEveryField() throws {
        let rule = try read(
            #"""
            {"id":"r1","match":{"surface":"cloudflare","method":"get","route":"GET /accounts/{account_id}/access/logs/scim/updates",
             "path_prefix":"/client","account":"acc","idp":"idp","header":{"name":"X-Test","value":"a"},
             "query":{"name":"page","value":"2"}},
             "respond":{"status":429,"headers":{"retry-after":"0.1","retry-after-ms":100},"message":"slow down","code":971},
             "times":2,"every":3,"probability":0.5,"seed":18446744073709551615}
            """#)
        #expect(rule.id == "r1")
        #expect(rule.match.surface == "cloudflare" && rule.match.method == "GET")
        #expect(rule.match.routeMethod == "GET" && rule.match.routePattern == "/accounts/{account_id}/access/logs/scim/updates")
        #expect(rule.match.header == FaultNameValue(name: "X-Test", value: "a"))
        #expect(rule.match.query == FaultNameValue(name: "page", value: "2"))
        guard case .respond(let answer) = rule.action else { Issue.record("not a respond action"); return }
        #expect(answer.status == 429 && answer.code == 971 && answer.message == "slow down")
        #expect(answer.headers.map(\.value) == ["0.1", "100"])
        #expect(rule.firing == FaultFiring(times: 2, every: 3, probability: 0.5, seed: UInt64.max))
    }

    @Test func actionsReadTheirShapes() throws {
        #expect(try read(#"{"close":true}"#).action == .close(afterMilliseconds: 0))
        #expect(try read(#"{"close":{"after_ms":250}}"#).action == .close(afterMilliseconds: 250))
        #expect(try read(#"{"truncate":{"after_bytes":10}}"#).action == .truncate(afterBytes: 10))
        #expect(try read(#"{"delay":{"ms":200}}"#).action == .delay(.fixed(milliseconds: 200)))
        #expect(try read(#"{"delay":{"uniform_ms":[5,9]}}"#).action == .delay(.uniform(minimum: 5, maximum: 9)))
        #expect(
            try read(#"{"delay":{"log_normal":{"median_ms":100,"sigma":0.5}}}"#).action
                == .delay(.logNormal(median: 100, sigma: 0.5)))
        guard case .respond(let answer) = try read(#"{"respond":{"status":503,"body":{"down":true}}}"#).action else {
            Issue.record("not a respond action")
            return
        }
        #expect(answer.body == Array(#"{"down":true}"#.utf8) && answer.contentType == "application/json")
    }

    @Test func badRulesAreRefusedNamingTheField() {
        #expect(message(#"{"match":{}}"#)?.contains("exactly one of respond, delay, close, truncate") == true)
        #expect(message(#"{"close":true,"truncate":{"after_bytes":1}}"#)?.contains("exactly one") == true)
        #expect(message(#"{"close":true,"colour":"red"}"#)?.contains("unknown key \"colour\"") == true)
        #expect(message(#"{"respond":{"status":99}}"#)?.contains("respond.status") == true)
        #expect(message(#"{"respond":{"status":500,"headers":{"x":"a\r\nSet-Cookie: y"}}}"#)?.contains("respond.headers") == true)
        #expect(message(#"{"respond":{"status":500,"headers":{"bad name":"a"}}}"#)?.contains("respond.headers") == true)
        #expect(message(#"{"close":true,"times":0}"#)?.contains("times") == true)
        #expect(message(#"{"close":true,"every":99999999999999999999}"#)?.contains("every") == true)
        #expect(message(#"{"close":true,"probability":1.5}"#)?.contains("probability") == true)
        #expect(message(#"{"close":true,"seed":-1}"#)?.contains("seed") == true)
        #expect(message(#"{"delay":{"ms":1e300}}"#)?.contains("delay.ms") == true)
        #expect(message(#"{"delay":{"uniform_ms":[9,5]}}"#)?.contains("uniform_ms") == true)
        #expect(message(#"{"close":true,"match":{"surface":"ftp"}}"#)?.contains("match.surface") == true)
        #expect(message(#"{"close":true,"match":{"route":"Users"}}"#)?.contains("match.route") == true)
        #expect(message(#"{"close":true,"id":""}"#)?.contains("id") == true)
        #expect(message("[1]")?.contains("JSON object") == true)
        #expect(message("{")?.contains("invalid JSON") == true)
    }

    @Test func anArrayReadsEveryRuleAndTheWriterRoundTrips() throws {
        let rules = try FaultRuleReader.rules(
            Array(#"[{"id":"a","close":true,"match":{"route":"/scim/v2/Users"}},{"delay":{"ms":5},"every":2,"seed":3}]"#.utf8))
        #expect(rules.count == 2 && rules[0].match.routeMethod == nil)
        for rule in rules {
            let written = FaultRuleWriter.json(rule)
            #expect(try FaultRuleReader.rule(Array(JSONValue.object(written).serialized().utf8)) == rule)
        }
    }
}
