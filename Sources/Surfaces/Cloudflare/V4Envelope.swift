import HTTPServer
import JSON
import Services
import Store

/// The v4 response envelope: `success`, `errors`, `messages`, `result`, and `result_info` on lists.
enum V4Envelope {
    static func list<Item>(_ page: Page<Item>, write: (inout JSONWriter, Item) -> Void) -> HTTPResponse {
        var w = JSONWriter(capacity: 512 + page.items.count * 512)
        w.raw("{\"success\":true,\"errors\":[],\"messages\":[],\"result\":[")
        for (i, item) in page.items.enumerated() {
            if i > 0 { w.raw(",") }
            write(&w, item)
        }
        let window = page.window
        w.raw("],\"result_info\":{\"count\":"); w.int(page.items.count)
        w.raw(",\"page\":"); w.int(window.page)
        w.raw(",\"per_page\":"); w.int(window.perPage)
        w.raw(",\"total_count\":"); w.int(window.cappedTotal(page.totalCount))
        w.raw(",\"total_pages\":"); w.int(window.totalPages(total: page.totalCount))
        w.raw("}}")
        return HTTPResponse.json(200, w.bytes)
    }

    static func error(_ error: CloudflareError) -> HTTPResponse {
        var w = JSONWriter()
        w.raw("{\"success\":false,\"errors\":[{\"code\":"); w.int(error.code)
        w.raw(",\"message\":"); w.string(error.message)
        if !error.chain.isEmpty {
            w.raw(",\"error_chain\":")
            entries(error.chain, &w)
        }
        w.raw("}],\"messages\":")
        entries(error.messages, &w)
        w.raw(",\"result\":null}")
        return HTTPResponse.json(error.status, w.bytes)
    }

    /// `[{"code":…,"message":…}, …]`, the shape of `error_chain` and `messages`.
    private static func entries(_ entries: [CloudflareError.Entry], _ w: inout JSONWriter) {
        w.raw("[")
        for (i, entry) in entries.enumerated() {
            if i > 0 { w.raw(",") }
            w.raw("{\"code\":"); w.int(entry.code); w.raw(",\"message\":"); w.string(entry.message); w.raw("}")
        }
        w.raw("]")
    }
}
