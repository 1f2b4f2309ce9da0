import Foundation
import JSON
import Store
import Surfaces
import TestSupport
import Testing

/// The served document's Cloudflare operations agree with Cloudflare's own description of them
/// (Tests/OpenAPIFixtures, a copy of shared/cloudflare-openapi-scim.json): parameter names, places,
/// array styles, types, enums and maxima, and the response envelopes' fields and types.
@Suite struct OpenAPICloudflareTests {
    let ours: SchemaDocument
    let theirs: SchemaDocument

    init() throws {
        let app = MockApplication(store: try makeStore())
        ours = SchemaDocument(try #require(try JSONReader.parse(app.openAPIDocument.bytes).objectValue))
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../OpenAPIFixtures/cloudflare-openapi-scim.json")
        theirs = SchemaDocument(try #require(try JSONReader.parse(Array(try Data(contentsOf: file))).objectValue))
    }

    static let paths = [
        "/accounts/{account_id}/access/logs/scim/updates",
        "/accounts/{account_id}/access/identity_providers/{identity_provider_id}/scim/users",
        "/accounts/{account_id}/access/identity_providers/{identity_provider_id}/scim/groups",
    ]

    private func operations(_ path: String) throws -> (ours: [JSONObject], theirs: JSONObject) {
        let theirs = try #require(theirs.operation("get", path))
        let ours = try CloudflareRoutesPrefixes.all.map { try #require(self.ours.operation("get", $0 + path), "\($0 + path)") }
        return (ours, theirs)
    }

    @Test(arguments: paths) func parametersAgree(_ path: String) throws {
        let (ours, theirs) = try operations(path)
        let theirParameters = try parameters(theirs, in: self.theirs)
        for operation in ours {
            let ourParameters = try parameters(operation, in: self.ours)
            #expect(Set(ourParameters.keys) == Set(theirParameters.keys), "\(path)")
            for (name, their) in theirParameters {
                let our = try #require(ourParameters[name], "\(path) \(name)")
                for key in ["in", "style", "explode"] { #expect(our[key] == their[key], "\(path) \(name) \(key)") }
                if their["required"] == .bool(true) { #expect(our["required"] == .bool(true), "\(path) \(name)") }
                try expectSameConstraints(
                    our: resolved(our["schema"]), their: self.theirs.resolve(their["schema"]), "\(path) \(name)")
            }
        }
    }

    @Test(arguments: paths) func responsesAgree(_ path: String) throws {
        let (ours, theirs) = try operations(path)
        let theirSuccess = try #require(self.theirs.responseSchema(theirs, "200"))
        let theirFailure = try #require(self.theirs.responseSchema(theirs, "4XX"))
        for operation in ours {
            let statuses = operation["responses"]?.objectValue?.keys ?? []
            #expect(statuses.contains("200") && statuses.filter { $0.hasPrefix("4") }.count >= 3)
            let success = try #require(self.ours.responseSchema(operation, "200"))
            expectSameShape(our: success, their: theirSuccess, path, depth: 0)
            for status in statuses where status.hasPrefix("4") {
                let failure = try #require(self.ours.responseSchema(operation, status))
                expectSameShape(our: failure, their: theirFailure, "\(path) \(status)", depth: 0)
            }
        }
    }

    @Test(arguments: paths) func securityOffersCloudflaresSchemes(_ path: String) throws {
        let (ours, _) = try operations(path)
        let schemes = try #require(self.ours.root["components"]?.objectValue?["securitySchemes"]?.objectValue)
        let theirSchemes = try #require(theirs.root["components"]?.objectValue?["securitySchemes"]?.objectValue)
        for name in ["api_token", "api_email", "api_key"] {
            #expect(schemes[name]?.objectValue?["type"] == theirSchemes[name]?.objectValue?["type"], "\(name)")
            #expect(schemes[name]?.objectValue?["name"] == theirSchemes[name]?.objectValue?["name"], "\(name)")
        }
        for operation in ours {
            #expect(operation["security"]?.serialized() == #"[{"api_token":[]},{"api_email":[],"api_key":[]}]"#)
        }
    }

    private func resolved(_ value: JSONValue?) throws -> JSONObject { try #require(self.ours.resolve(value)) }

    private func parameters(_ operation: JSONObject, in document: SchemaDocument) throws -> [String: JSONObject] {
        var result: [String: JSONObject] = [:]
        for value in operation["parameters"]?.arrayValue ?? [] {
            let parameter = try #require(document.resolve(value))
            result[try #require(parameter["name"]?.stringValue)] = parameter
        }
        return result
    }

    /// Types, enums and the bounds Cloudflare states; where it states no bound, ours may add one.
    private func expectSameConstraints(our: JSONObject, their: JSONObject?, _ context: String) throws {
        let their = try #require(their, "\(context)")
        #expect(our["type"] == their["type"], "\(context) type")
        for key in ["maximum", "maxLength", "maxItems"] where their[key] != nil {
            #expect(our[key] == their[key], "\(context) \(key)")
        }
        // The email filter matches any text, as stored emails need not be addresses; other formats agree.
        if let format = their["format"], format != .string("email") { #expect(our["format"] == format, "\(context) format") }
        if let values = their["enum"]?.arrayValue {
            #expect(
                Set(our["enum"]?.arrayValue?.compactMap(\.stringValue) ?? []) == Set(values.compactMap(\.stringValue)),
                "\(context) enum")
        }
        if their["items"] != nil {
            try expectSameConstraints(
                our: resolved(our["items"]), their: theirs.resolve(their["items"]), "\(context) items")
        }
    }

    /// Every property Cloudflare describes is in ours with a compatible type (integer for number is
    /// narrower, so compatible), down to the items of `result`.
    private func expectSameShape(our: JSONObject, their: JSONObject, _ context: String, depth: Int) {
        guard depth < 6 else { return }
        let ourProperties = ours.properties(of: our)
        let theirProperties = theirs.properties(of: their)
        for (name, theirProperty) in theirProperties {
            guard let ourProperty = ourProperties[name] else {
                Issue.record("\(context): no property \(name)")
                continue
            }
            let ourType = ours.type(of: ourProperty)
            let theirType = theirs.type(of: theirProperty)
            if let theirType, theirType != "null" {
                #expect(ourType == theirType || (theirType == "number" && ourType == "integer"), "\(context).\(name)")
            }
            expectSameShape(our: ourProperty, their: theirProperty, "\(context).\(name)", depth: depth + 1)
            if let theirItems = theirs.resolve(theirProperty["items"]), let ourItems = ours.resolve(ourProperty["items"]) {
                expectSameShape(our: ourItems, their: theirItems, "\(context).\(name)[]", depth: depth + 1)
            }
        }
    }
}

/// The two prefixes the v4 routes are served at.
enum CloudflareRoutesPrefixes {
    static let all = ["/client/v4", ""]
}

/// Reads an OpenAPI document: `$ref`s resolved, `allOf` merged into one set of properties.
struct SchemaDocument {
    let root: JSONObject

    init(_ root: JSONObject) { self.root = root }

    func operation(_ method: String, _ path: String) -> JSONObject? {
        root["paths"]?.objectValue?[path]?.objectValue?[method]?.objectValue
    }

    func resolve(_ value: JSONValue?) -> JSONObject? {
        var current = value?.objectValue
        for _ in 0..<8 {
            guard let ref = current?["$ref"]?.stringValue, ref.hasPrefix("#/") else { return current }
            current =
                ref.dropFirst(2).split(separator: "/").reduce(JSONValue.object(root)) { node, key in
                    node.objectValue?[String(key)] ?? .null
                }.objectValue
        }
        return current
    }

    func responseSchema(_ operation: JSONObject, _ status: String) -> JSONObject? {
        let response = resolve(operation["responses"]?.objectValue?[status])
        return resolve(response?["content"]?.objectValue?["application/json"]?.objectValue?["schema"])
    }

    /// Own properties and those of every `allOf` member, later members winning (as Cloudflare layers them).
    func properties(of schema: JSONObject) -> [String: JSONObject] {
        var result: [String: JSONObject] = [:]
        for member in schema["allOf"]?.arrayValue ?? [] {
            if let resolved = resolve(member) { result.merge(properties(of: resolved)) { _, new in new } }
        }
        for (name, value) in schema["properties"]?.objectValue?.entries ?? [] {
            if let resolved = resolve(value) { result[name] = resolved }
        }
        return result
    }

    /// A schema's JSON type; OpenAPI 3.0's `nullable` with `enum: [null]` (Cloudflare's null `result`) is "null".
    func type(of schema: JSONObject) -> String? {
        if schema["enum"] == .array([.null]) { return "null" }
        if let type = schema["type"]?.stringValue { return type }
        if let constant = schema["const"] { return constant.typeName }
        return schema["allOf"]?.arrayValue?.lazy.compactMap { resolve($0).flatMap(type(of:)) }.first
    }
}
