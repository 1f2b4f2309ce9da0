/// Writes HTML with every stored value escaped: markup comes only from `StaticString` literals, and
/// each `String` (a log's body is raw client bytes) goes through `text` or an attribute, which escape
/// `& < > " '` and replace control characters, so no stored value can open a tag or end an attribute.
struct HTMLWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 16 * 1024) { bytes.reserveCapacity(capacity) }

    var string: String { String(decoding: bytes, as: UTF8.self) }

    /// Trusted markup, written as is.
    mutating func raw(_ markup: StaticString) {
        markup.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A value as text content.
    mutating func text(_ value: String) {
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "&"): append("&amp;")
            case UInt8(ascii: "<"): append("&lt;")
            case UInt8(ascii: ">"): append("&gt;")
            case UInt8(ascii: "\""): append("&quot;")
            case UInt8(ascii: "'"): append("&#39;")
            case 0x09, 0x0A, 0x0D: bytes.append(byte)
            case 0x00..<0x20, 0x7F: append("&#xFFFD;")
            default: bytes.append(byte)
            }
        }
    }

    mutating func int(_ value: Int) { append(String(value)) }

    /// `<tag a="v" …>`; attributes whose value is nil are left out, "" writes the bare name.
    mutating func open(_ tag: StaticString, _ attributes: KeyValuePairs<StaticString, String?> = [:]) {
        bytes.append(UInt8(ascii: "<"))
        raw(tag)
        for (name, value) in attributes {
            guard let value else { continue }
            bytes.append(UInt8(ascii: " "))
            raw(name)
            if value.isEmpty { continue }
            append("=\"")
            text(value)
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: ">"))
    }

    mutating func close(_ tag: StaticString) {
        append("</")
        raw(tag)
        bytes.append(UInt8(ascii: ">"))
    }

    /// `<tag …>text</tag>`.
    mutating func element(_ tag: StaticString, _ content: String, _ attributes: KeyValuePairs<StaticString, String?> = [:]) {
        open(tag, attributes)
        text(content)
        close(tag)
    }

    /// A link whose text and address are both values.
    mutating func link(_ href: String, _ label: String, _ attributes: KeyValuePairs<StaticString, String?> = [:]) {
        append("<a href=\"")
        text(href)
        bytes.append(UInt8(ascii: "\""))
        for (name, value) in attributes {
            guard let value else { continue }
            bytes.append(UInt8(ascii: " "))
            raw(name)
            append("=\"")
            text(value)
            bytes.append(UInt8(ascii: "\""))
        }
        bytes.append(UInt8(ascii: ">"))
        text(label)
        append("</a>")
    }

    /// A UTC time as `<time datetime="…">…</time>`.
    mutating func time(_ rfc3339: String, shown: String) {
        open("time", ["datetime": rfc3339])
        text(shown)
        close("time")
    }

    private mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }
}
