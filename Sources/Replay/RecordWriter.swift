import Foundation
import JSON

/// Writes a request as one JSON-lines record (keys in schema order; `body_base64` only for bodies
/// that are not UTF-8).
public enum RecordWriter {
    public static func line(_ request: RecordedRequest) -> [UInt8] {
        var object = JSONObject()
        object["method"] = .string(request.method)
        object["path"] = .string(request.path)
        if !request.headers.isEmpty {
            object["headers"] = .object(JSONObject(request.headers.map { ($0.name, JSONValue.string($0.value)) }))
        }
        if !request.body.isEmpty {
            if let text = String(validating: request.body, as: UTF8.self) {
                object["body"] = .string(text)
            } else {
                object["body_base64"] = .string(Data(request.body).base64EncodedString())
            }
        }
        if let status = request.status { object["status"] = status.json }
        if let id = request.id { object["id"] = .string(id) }
        if let time = request.time { object["time"] = .string(time.rfc3339Micros) }
        if let note = request.note { object["note"] = .string(note) }
        var writer = JSONWriter(capacity: 256 + request.body.count)
        writer.value(.object(object))
        writer.bytes.append(0x0A)
        return writer.bytes
    }
}
