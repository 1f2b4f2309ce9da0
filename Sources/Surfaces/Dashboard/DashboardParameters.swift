/// The dashboard routes' declared parameters: the logs page takes the v4 update-log endpoint's own
/// (`CloudflareRoutes.logParameters`, so a filter has the same name, type and range on both), the lists
/// the v4 users/groups endpoints' own; the account and IdP come from the query instead of the path.
enum DashboardParameters {
    static let account = RouteParameter("account_id", .string(maxLength: 32), "The account shown (default: the first one)")

    static let logs: [RouteParameter] =
        [account]
        + CloudflareRoutes.logParameters.map { parameter in
            guard parameter.name == "idp_id" else { return parameter }
            return RouteParameter("idp_id", "Identity provider ids (default: all of the account's)", repeatable: true)
        }

    static let reveal = RouteParameter("reveal", .enumeration(["passwords"]), "Show password values in bodies as sent")

    static let logDetail: [RouteParameter] = [
        RouteParameter("log_id", in: .path, .integer(min: 1, max: Int.max), "The log's row id"), account, reveal,
    ]

    static let idp = RouteParameter("idp_id", .string(maxLength: 36), "The identity provider (default: the account's first)")

    private static let listParameters = CloudflareRoutes.resourceParameters.filter { $0.location != .path }

    static let users: [RouteParameter] = [account, idp] + listParameters + CloudflareRoutes.userParameters
    static let groups: [RouteParameter] = [account, idp] + listParameters

    static let resource: [RouteParameter] = [
        RouteParameter("resource_id", in: .path, .string(maxLength: 256), "The resource's id (CF resource ID)"),
        account,
        RouteParameter("idp_id", .string(maxLength: 36), "The identity provider holding the resource", required: true),
        RouteParameter("history_page", .integer(min: 1, max: CloudflareRoutes.maxInteger), "Page of the history, newest first"),
        reveal,
    ]
}
