/// Which rows a page covers, given the total and an optional cap on all pages together (`limit`).
public struct PageWindow: Sendable, Equatable {
    public let page: Int
    public let perPage: Int
    public let cap: Int?

    public init(page: Int, perPage: Int, cap: Int? = nil) {
        self.page = max(page, 1)
        self.perPage = perPage
        self.cap = cap
    }

    public var offset: Int { (page - 1) * perPage }

    /// How many rows the page holds when `total` rows match (before the cap).
    public func rowCount(total: Int) -> Int {
        max(0, min(perPage, cappedTotal(total) - offset))
    }

    public func cappedTotal(_ total: Int) -> Int { cap.map { min($0, total) } ?? total }

    public func totalPages(total: Int) -> Int {
        let capped = cappedTotal(total)
        return capped == 0 ? 0 : (capped + perPage - 1) / perPage
    }
}

/// One page of results and the number of rows matching the query over all pages.
public struct Page<Item: Sendable>: Sendable {
    public var items: [Item]
    public var totalCount: Int
    public var window: PageWindow
}
