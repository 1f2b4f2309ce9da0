/// A comparison operator of RFC 7644 §3.4.2.2. Raw values are the lowercase keywords; the parser
/// accepts any case.
public enum CompareOperator: String, Sendable, CaseIterable {
    case eq, ne, co, sw, ew, gt, ge, lt, le

    /// Whether the operator orders values: these reject booleans and nulls (RFC 7644 §3.4.2.2).
    public var isOrdering: Bool {
        switch self {
        case .gt, .ge, .lt, .le: true
        case .eq, .ne, .co, .sw, .ew: false
        }
    }
}
