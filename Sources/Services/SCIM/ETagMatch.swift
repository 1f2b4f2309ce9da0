import Foundation

/// `If-Match` / `If-None-Match` comparison (RFC 9110 §13.1): `*`, or a list of tags compared weakly.
public enum ETagMatch {
    public static func matches(_ header: String, _ etag: String) -> Bool {
        let current = strip(etag)
        return header.split(separator: ",").contains { part in
            let tag = part.trimmingCharacters(in: .whitespaces)
            return tag == "*" || strip(tag) == current
        }
    }

    private static func strip(_ tag: String) -> String {
        var t = Substring(tag)
        if t.hasPrefix("W/") { t = t.dropFirst(2) }
        return String(t)
    }
}
