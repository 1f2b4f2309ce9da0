import JSON
import SCIM
import Testing

/// An update log's wire form: Cloudflare's description types every field as a string, never null,
/// so a field without a value is left out (schemathesis found the nulls against the served document).
@Suite struct UpdateLogJSONTests {
    private func json(_ log: UpdateLog) throws -> JSONObject {
        var w = JSONWriter()
        log.write(to: &w)
        return try #require(try JSONReader.parse(w.bytes).objectValue)
    }

    @Test func absentFieldsAreLeftOutNotNull() throws {
        let log = UpdateLog(
            idpID: "idp", loggedAt: Timestamp(rfc3339: "2025-01-01T00:00:00Z")!, requestMethod: .DELETE,
            resourceType: .USER, status: .SUCCESS)
        let object = try json(log)
        #expect(object.keys == ["idp_id", "logged_at", "request_method", "resource_type", "status"])
        #expect(!object.entries.contains { $0.value == .null })
    }

    @Test func presentFieldsKeepCloudflaresOrder() throws {
        let log = UpdateLog(
            idpID: "idp", loggedAt: Timestamp(rfc3339: "2025-01-01T00:00:00Z")!, requestMethod: .POST,
            resourceType: .GROUP, status: .FAILURE, cfResourceID: "cf", idpResourceID: "ext",
            resourceUserEmail: nil, resourceGroupName: "Staff", requestBody: "{}", errorDescription: "bad")
        #expect(
            try json(log).keys == [
                "cf_resource_id", "error_description", "idp_id", "idp_resource_id", "logged_at", "request_body",
                "request_method", "resource_group_name", "resource_type", "status",
            ])
    }
}
