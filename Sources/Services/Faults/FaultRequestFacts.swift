/// The request as a rule sees it, without HTTP types (the surfaces adapt their request to it).
public protocol FaultRequestFacts {
    var surface: String { get }
    var method: String { get }
    /// Whether the matched route is the one this pattern names.
    func routeIsNamed(_ pattern: String) -> Bool
    var path: String { get }
    func header(_ name: String) -> String?
    func query(_ name: String) -> [String]
    func account() -> String?
    func idp() -> String?
}
