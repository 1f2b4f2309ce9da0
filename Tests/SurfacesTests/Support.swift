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

/// The whole body of an in-process answer: a streamed one is read until it finishes (ten seconds at most);
/// nil when it was broken off or did not finish.
func wholeBody(_ response: HTTPResponse) -> [UInt8]? {
    guard let stream = response.stream else { return response.body }
    var body: [UInt8] = []
    let deadline = Date(timeIntervalSinceNow: 10)
    while Date() < deadline, !stream.isBrokenOff {
        let finished = stream.isFinished
        body += stream.takeBuffered()
        if finished { return body }
        Thread.sleep(forTimeInterval: 0.001)
    }
    return nil
}

extension JSONObject {
    var result: [JSONObject] { self["result"]?.arrayValue?.compactMap(\.objectValue) ?? [] }
    var resultInfo: JSONObject { self["result_info"]?.objectValue ?? JSONObject() }
    func int(_ key: String) -> Int? { self[key]?.intValue }
    func string(_ key: String) -> String? { self[key]?.stringValue }
    var firstError: JSONObject? { self["errors"]?.arrayValue?.first?.objectValue }
}
