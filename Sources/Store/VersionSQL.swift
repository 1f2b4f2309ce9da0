/// The SQL that writes `resource_versions` rows (migration v5, fixture loads and SCIM writes share it),
/// so a seeded state and a written one are read from the same columns the same way.
enum VersionSQL {
    static let columns = "idp_pk, resource_type, resource_id, log_pk, change, version, resource, refs"

    /// A user's `groups` as stored in `refs`: each group's id and name, in creation order.
    static let userRefs = """
        (SELECT json_group_array(json_object('id', id, 'display', display)) FROM (
          SELECT g.id AS id, g.display_name AS display FROM memberships m JOIN groups g ON g.pk = m.group_pk
          WHERE m.user_pk = u.pk ORDER BY g.pk))
        """

    /// A group's `members` as stored in `refs`: as `Store.references` presents them, in creation order.
    static let groupRefs = """
        (SELECT json_group_array(json_object('id', id, 'display', display)) FROM (
          SELECT u.id AS id, COALESCE(m.display, u.display_name, u.user_name) AS display FROM memberships m
          JOIN users u ON u.pk = m.user_pk WHERE m.group_pk = g.pk ORDER BY u.pk))
        """

    /// Seeds (change 0, no log) every user of the IdPs `condition` selects (on `i`, the IdP row).
    static func seedUsers(_ condition: String) -> String {
        """
        INSERT INTO resource_versions (\(columns))
        SELECT i.pk, 0, u.id, NULL, 0, u.version, u.resource, \(userRefs)
        FROM users u JOIN identity_providers i ON i.id = u.idp_id WHERE \(condition) ORDER BY u.pk
        """
    }

    static func seedGroups(_ condition: String) -> String {
        """
        INSERT INTO resource_versions (\(columns))
        SELECT i.pk, 1, g.id, NULL, 0, g.version, g.resource, \(groupRefs)
        FROM groups g JOIN identity_providers i ON i.id = g.idp_id WHERE \(condition) ORDER BY g.pk
        """
    }

    /// The state after a write of the user with row id `?3` (bindings: IdP pk, log pk, user pk).
    static let writtenUser = """
        INSERT INTO resource_versions (\(columns))
        SELECT ?, 0, u.id, ?, 1, u.version, u.resource, \(userRefs) FROM users u WHERE u.pk = ?
        """

    static let writtenGroup = """
        INSERT INTO resource_versions (\(columns))
        SELECT ?, 1, g.id, ?, 1, g.version, g.resource, \(groupRefs) FROM groups g WHERE g.pk = ?
        """

    /// A deleted resource (bindings: IdP pk, resource type code, id, log pk).
    static let deleted = "INSERT INTO resource_versions (\(columns)) VALUES (?, ?, ?, ?, 2, NULL, NULL, NULL)"
}
