import HTTPServer
import JSON
import Services

/// SCIM answers as HTTP: `application/scim+json`, with `ETag` and `Location` where the result has them.
enum SCIMResponses {
    static let contentType = "application/scim+json"

    static func json(_ status: Int, _ object: JSONObject, etag: String? = nil) -> HTTPResponse {
        var w = JSONWriter()
        w.value(.object(object))
        var response = HTTPResponse.json(status, w.bytes, contentType: contentType)
        if let etag { response.headers.set("ETag", etag) }
        return response
    }

    static func read(_ result: SCIMReadResult) -> HTTPResponse {
        switch result {
        case .resource(let object, let etag):
            return json(200, object, etag: etag)
        case .notModified(let etag):
            var response = HTTPResponse(status: 304)
            response.headers.set("ETag", etag)
            return response
        }
    }

    static func write(_ result: SCIMWriteResult) -> HTTPResponse {
        var response = result.resource.map { json(result.status, $0, etag: result.etag) } ?? HTTPResponse(status: result.status)
        if let location = result.location { response.headers.set("Location", location) }
        return response
    }
}
