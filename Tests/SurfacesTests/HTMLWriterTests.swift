import JSON
import Testing

@testable import Surfaces

@Suite struct HTMLWriterTests {
    @Test func textAndAttributesEscapeEveryMarkupCharacter() {
        var w = HTMLWriter()
        w.element("td", "<script>alert('x') & \"y\"</script>\u{0}", ["title": "\"><img src=x onerror=1>"])
        #expect(
            w.string
                == "<td title=\"&quot;&gt;&lt;img src=x onerror=1&gt;\">&lt;script&gt;alert(&#39;x&#39;) &amp; "
                + "&quot;y&quot;&lt;/script&gt;&#xFFFD;</td>")
    }

    @Test func linksEncodeTheirQueryValues() {
        let url = DashboardURL("/__ui/logs").adding("resource_user_email", "a&b=c@x.com").adding("status", ["SUCCESS", ""])
        #expect(url.text == "/__ui/logs?resource_user_email=a%26b%3Dc%40x.com&status=SUCCESS")
    }

    @Test func passwordsAreMaskedAtAnyDepthAndInPatchOperations() throws {
        let body = try JSONReader.parse(
            #"{"password":"a","Operations":[{"op":"replace","path":"password","value":"b"},{"op":"add","value":{"Password":"c"}}]}"#
        )
        let (masked, found) = PasswordMask.masked(body)
        #expect(found)
        #expect(
            !masked.serialized().contains("\"a\"") && !masked.serialized().contains("\"b\"")
                && !masked.serialized().contains("\"c\""))
        #expect(PasswordMask.masked(try JSONReader.parse(#"{"userName":"u"}"#)).1 == false)
    }

    @Test func shellQuotingSurvivesQuotes() {
        #expect(Shell.quoted("it's") == "'it'\\''s'")
    }

    @Test func emptyFormValuesAreDropped() {
        #expect(DashboardView.droppingEmptyValues("a=&b=1&c&d=2&=") == "b=1&d=2")
    }
}
