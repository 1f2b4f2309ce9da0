import JSON

/// Turns the SCIM update logs of a running server into a JSON-lines recording: one request per
/// log, oldest first, that a replay can send to another server.
///
/// Each log becomes `method`; `path` `/scim/v2/Users` (or `/Groups`) for a POST and
/// `/scim/v2/Users/{cf_resource_id}` otherwise; `body` = `request_body`; `status` = the log's
/// `SUCCESS` / `FAILURE`; `id` = `cf_resource_id` for a successful POST (so later requests follow the
/// new ids); `time` = `logged_at`; `note` = `error_description` when there is one. A PUT, PATCH or
/// DELETE log without `cf_resource_id` cannot be addressed and is skipped (counted).
public struct TrafficExporter {
    public let client: HTTPClient
    public let account: String
    public let idp: String
    public var since: String?
    public var perPage = 1000
    /// The logs API accepts any well-formed bearer token unless the server pins one.
    public var apiToken = "export"

    public struct Failure: Error, Sendable, CustomStringConvertible { public let description: String }

    public struct Result: Sendable, Equatable {
        public var written = 0
        public var skipped = 0
        public var pages = 0
    }

    public init(client: HTTPClient, account: String, idp: String, since: String? = nil) {
        self.client = client
        self.account = account
        self.idp = idp
        self.since = since
    }

    /// Pages through the logs and hands each record line to `write`.
    public func export(write: ([UInt8]) throws -> Void) throws -> Result {
        var result = Result()
        var page = 1
        while true {
            var path =
                "/client/v4/accounts/\(Self.encode(account))/access/logs/scim/updates?idp_id=\(Self.encode(idp))"
                + "&direction=asc&per_page=\(perPage)&page=\(page)"
            if let since { path += "&since=\(Self.encode(since))" }
            let response = try client.send(
                method: "GET", path: path,
                headers: [
                    HTTPHeader("Authorization", "Bearer \(apiToken)"), HTTPHeader("Accept", "application/json"),
                ], body: [])
            guard let envelope = try? JSONReader.parse(response.body).objectValue else {
                throw Failure(description: "GET \(path): answered \(response.status) without a JSON body")
            }
            guard response.status == 200, envelope["success"]?.boolValue == true, let logs = envelope["result"]?.arrayValue else {
                let message = envelope["errors"]?.arrayValue?.first?.objectValue?["message"]?.stringValue ?? "no error message"
                throw Failure(description: "GET \(path): \(response.status): \(message)")
            }
            result.pages += 1
            for log in logs {
                guard let object = log.objectValue else { continue }
                if let record = Self.record(from: object) {
                    try write(RecordWriter.line(record))
                    result.written += 1
                } else {
                    result.skipped += 1
                }
            }
            let totalPages = envelope["result_info"]?.objectValue?["total_pages"]?.intValue
            if logs.isEmpty || logs.count < perPage || (totalPages.map { page >= $0 } ?? false) { break }
            page += 1
        }
        return result
    }

    /// The request one update log stands for, or nil when it cannot be addressed.
    public static func record(from log: JSONObject) -> RecordedRequest? {
        guard let method = log["request_method"]?.stringValue, ["POST", "PUT", "PATCH", "DELETE"].contains(method) else {
            return nil
        }
        let collection: String
        switch log["resource_type"]?.stringValue {
        case "USER": collection = "/scim/v2/Users"
        case "GROUP": collection = "/scim/v2/Groups"
        default: return nil
        }
        let resourceID = log["cf_resource_id"]?.stringValue
        let path: String
        if method == "POST" {
            path = collection
        } else {
            guard let resourceID, !resourceID.isEmpty else { return nil }
            path = collection + "/" + percentEncodeSegment(resourceID)
        }
        let success = log["status"]?.stringValue == "SUCCESS"
        let body = log["request_body"]?.stringValue.map { Array($0.utf8) } ?? []
        return RecordedRequest(
            method: method, path: path,
            headers: body.isEmpty ? [] : [HTTPHeader("Content-Type", "application/scim+json")],
            body: body, status: success ? .success : .failure,
            note: log["error_description"]?.stringValue,
            id: method == "POST" && success ? resourceID : nil,
            time: log["logged_at"]?.stringValue.flatMap(Timestamp.init(rfc3339:)))
    }

    /// Percent-encodes all but RFC 3986's unreserved characters (a query value or a path segment).
    public static func encode(_ value: String) -> String {
        var out = ""
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                out += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return out
    }

    static func percentEncodeSegment(_ value: String) -> String { encode(value) }
}
