import Store
import Testing

@Suite struct PageWindowTests {
    @Test func windowArithmetic() {
        let w = PageWindow(page: 3, perPage: 10)
        #expect(w.offset == 20)
        #expect(w.rowCount(total: 25) == 5)
        #expect(w.rowCount(total: 20) == 0)
        #expect(w.totalPages(total: 25) == 3)
        #expect(w.totalPages(total: 0) == 0)
    }

    @Test func capLimitsTotalAndRows() {
        let w = PageWindow(page: 2, perPage: 5, cap: 7)
        #expect(w.cappedTotal(100) == 7)
        #expect(w.rowCount(total: 100) == 2)
        #expect(w.totalPages(total: 100) == 2)
        #expect(w.cappedTotal(3) == 3)
    }

    @Test func pageBelowOneIsOne() {
        #expect(PageWindow(page: 0, perPage: 5).page == 1)
    }
}
