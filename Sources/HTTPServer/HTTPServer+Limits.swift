extension HTTPServer {
    /// Most bytes of a request head (request line and header fields, CRLFs included) the server
    /// serves; longer heads get 431, or 414 when the request line alone is longer. 32 KiB holds a
    /// query of 600 `idp_id=<uuid>` parameters (26 KB) with room for the usual headers.
    public static let maxHeadBytes = 32 * 1024

    /// Most query parameters ('&'-separated) in one request-target; more get 414.
    public static let maxQueryParameters = 1_000

    /// Most header fields in one request, each cookie of a Cookie header and each trailer field
    /// counting as one; more get 431. MHD stores every field in the connection's pool, so this
    /// bound (with the two below) is what keeps room there for the response head.
    public static let maxHeaderFields = 100

    /// Most bytes of Cookie header values; MHD copies them into the pool to split them.
    public static let maxCookieBytes = 8 * 1024

    /// MHD's per-connection memory pool, which holds the request head, the header records, the
    /// read buffer and the response head. A head within the limits above uses at most about
    /// 48 KiB of it (measured: 16 KiB or more stay free for the response head). MHD zeroes the
    /// pool for every request, so it is kept no larger than the limits need.
    public static let connectionMemoryLimit = 64 * 1024
}
