/// A block of text to copy (a curl command, a replay line) with a button the script wires up; without
/// the script the text is still there to select.
struct CopyBlock {
    let id: String
    let label: String
    let text: String

    func write(_ w: inout HTMLWriter) {
        w.open("div", ["class": "copy"])
        w.element("button", label, ["type": "button", "data-copy": id, "aria-describedby": id + "-status"])
        w.element("span", "", ["id": id + "-status", "class": "note", "role": "status"])
        w.close("div")
        w.element("pre", text, ["id": id, "tabindex": "0", "aria-label": label])
    }
}

/// POSIX shell quoting for the copy blocks.
enum Shell {
    /// `'text'`, with each `'` written as `'\''`.
    static func quoted(_ text: String) -> String {
        "'" + text.split(separator: "'", omittingEmptySubsequences: false).joined(separator: "'\\''") + "'"
    }
}
