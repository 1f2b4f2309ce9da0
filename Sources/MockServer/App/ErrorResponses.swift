import HTTPServer

/// The one place errors become HTTP answers, per API surface.
enum ErrorResponses {
    /// A v4 envelope for any error raised while serving a Cloudflare path. Errors of other layers
    /// (storage) are internal faults: 500, with the cause in the message for a mock's user to read.
    static func v4(_ error: any Error) -> HTTPResponse {
        if let error = error as? CloudflareError { return V4Envelope.error(error) }
        return V4Envelope.error(.internal(String(describing: error)))
    }
}
