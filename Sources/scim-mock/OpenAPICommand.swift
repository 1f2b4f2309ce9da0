import ArgumentParser
import Foundation
import Store
import Surfaces

/// Prints the document `GET /__admin/openapi.json` serves, from the same routes, without a server.
struct OpenAPICommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openapi",
        abstract: "Print the OpenAPI 3.1 document of every route (as GET /__admin/openapi.json serves it).",
        discussion:
            "Generated from the routes and the SCIM schemas the server validates with. --admin-token changes only "
            + "the security of the admin (/__admin) and dashboard (/__ui) operations (the token itself is not "
            + "printed); --journal-size 0 leaves out the "
            + "request journal's routes, as it does for serve. Example: scim-mock openapi > spec.json"
    )

    @Option(
        help: ArgumentHelp(
            "As for serve: the admin and dashboard operations then need Authorization: Bearer <token>.", valueName: "token"))
    var adminToken: String?

    @Option(help: "As for serve: 0 keeps no request journal, so its routes (/__admin/requests) are not served.")
    var journalSize = RequestJournal.defaultCapacity

    func run() throws {
        let app = MockApplication(
            store: try Store(), adminToken: adminToken, journal: journalSize == 0 ? nil : RequestJournal(capacity: 1))
        FileHandle.standardOutput.write(Data(app.openAPIDocument.bytes + [0x0A]))
    }
}
