import JSON

/// A log's request body as the dashboard shows it: indented when it parses as JSON (passwords masked
/// unless revealed), else exactly as received, escaped, with the parser's reason.
struct RequestBodyView {
    let text: String?
    let reveal: Bool
    /// The body as the page's copies of it (JSON log, curl, replay line) carry it.
    let shownText: String?
    let masked: Bool
    let hasPassword: Bool
    private let pretty: String?
    private let parseError: String?

    init(text: String?, reveal: Bool) {
        self.text = text
        self.reveal = reveal
        guard let text, !text.isEmpty else {
            (shownText, masked, hasPassword, pretty, parseError) = (text, false, false, nil, nil)
            return
        }
        do {
            let value = try JSONReader.parse(text)
            let (maskedValue, found) = PasswordMask.masked(value)
            hasPassword = found
            masked = found && !reveal
            shownText = masked ? maskedValue.serialized() : text
            pretty = JSONPrettyPrinter.print(masked ? maskedValue : value)
            parseError = nil
        } catch {
            (shownText, masked, hasPassword, pretty) = (text, false, false, nil)
            parseError = error.description
        }
    }

    func write(_ w: inout HTMLWriter, revealLink: String, hideLink: String) {
        guard let text, !text.isEmpty else {
            w.element("p", "The request had no body.", ["class": "note", "id": "request-body-none"])
            return
        }
        if masked {
            w.raw("<p class=\"note\">Password values are masked. ")
            w.link(revealLink, "Reveal passwords", ["id": "reveal-passwords"])
            w.raw("</p>")
        } else if hasPassword {
            w.raw("<p class=\"note\">Password values are shown as sent. ")
            w.link(hideLink, "Mask passwords", ["id": "mask-passwords"])
            w.raw("</p>")
        }
        if let pretty {
            w.element("pre", pretty, ["id": "request-body", "class": "json", "tabindex": "0", "aria-labelledby": "body"])
        } else {
            w.element(
                "p", "Not JSON (\(parseError ?? "unreadable")): shown exactly as received.",
                ["class": "note", "id": "body-raw-note"])
            w.element("pre", text, ["id": "request-body", "class": "raw", "tabindex": "0", "aria-labelledby": "body"])
        }
    }
}
