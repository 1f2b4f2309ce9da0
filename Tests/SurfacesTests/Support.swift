import Foundation
import HTTPServer
import JSON
import SCIM
import Services
import Store
import Surfaces
import TestSupport
import Testing

/// Sends one request through the application in-process and parses the JSON answer.
func call(
    _ app: MockApplication, _ target: String, method: String = "GET",
    headers: [(String, String)] = [("Authorization", "Bearer test")]
) throws -> (status: Int, json: JSONObject) {
    let response = app.handle(HTTPRequest(method: method, target: target, headers: HTTPHeaders(headers)))
    let json = try #require(try JSONReader.parse(response.body).objectValue, "body is not a JSON object")
    return (response.status, json)
}

extension JSONObject {
    var result: [JSONObject] { self["result"]?.arrayValue?.compactMap(\.objectValue) ?? [] }
    var resultInfo: JSONObject { self["result_info"]?.objectValue ?? JSONObject() }
    func int(_ key: String) -> Int? { self[key]?.intValue }
    func string(_ key: String) -> String? { self[key]?.stringValue }
    var firstError: JSONObject? { self["errors"]?.arrayValue?.first?.objectValue }
}
