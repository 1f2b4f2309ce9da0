import JSON
import SCIM
import Testing

@Suite struct ProjectionTests {
    let user = try! #require(
        try JSONReader.parse(
            #"""
            {"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u1","userName":"a@x",
             "name":{"givenName":"A","familyName":"B"},"emails":[{"value":"a@x","type":"work"}],
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"employeeNumber":"7","department":"R"},
             "meta":{"resourceType":"User"}}
            """#
        ).objectValue)

    @Test func attributesKeepsOnlyWhatIsAskedPlusAlwaysReturned() {
        let out = Projection(attributes: "userName,name.givenName", excludedAttributes: nil).apply(
            user, schemaURN: SCIMSchema.userURN)
        #expect(out.keys == ["schemas", "id", "userName", "name"])
        #expect(out["name"]?.objectValue?.keys == ["givenName"])
    }

    @Test func excludedAttributesDropsWholeAndSubAttributes() {
        let out = Projection(attributes: nil, excludedAttributes: "emails.type, meta,id").apply(
            user, schemaURN: SCIMSchema.userURN)
        #expect(out["meta"] == nil)
        #expect(out["id"] == .string("u1"), "id is always returned")
        #expect(out["emails"]?.arrayValue?.first?.objectValue?.keys == ["value"])
    }

    @Test func urnQualifiedNamesWork() {
        let ext = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"
        let out = Projection(
            attributes: "\(ext):employeeNumber,urn:ietf:params:scim:schemas:core:2.0:User:userName",
            excludedAttributes: nil
        ).apply(user, schemaURN: SCIMSchema.userURN)
        #expect(out[ext]?.objectValue?.keys == ["employeeNumber"])
        #expect(out["userName"] == .string("a@x"))
    }

    @Test func dropsTellsWhetherADerivedListIsNeeded() {
        #expect(Projection(attributes: nil, excludedAttributes: "members").drops("members", schemaURN: SCIMSchema.groupURN))
        #expect(Projection(attributes: "displayName", excludedAttributes: nil).drops("members", schemaURN: SCIMSchema.groupURN))
        #expect(!Projection().drops("members", schemaURN: SCIMSchema.groupURN))
        #expect(
            !Projection(attributes: "members.value", excludedAttributes: nil).drops("members", schemaURN: SCIMSchema.groupURN))
    }
}

@Suite struct ResourceNormalizerTests {
    private func normalize(_ text: String) throws -> JSONObject {
        try ResourceNormalizer.user.normalize(try #require(try JSONReader.parse(text).objectValue))
    }

    @Test func readsEntraStylesAndDropsNullsAndReadOnly() throws {
        let out = try normalize(
            #"""
            {"userName":"a","active":"False","nickName":null,"id":"client","meta":{"x":1},
             "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User":{"manager":[{"value":"m1"}]}}
            """#)
        #expect(out["active"] == .bool(false))
        #expect(out["nickName"] == nil)
        #expect(out["id"] == nil && out["meta"] == nil)
        #expect(
            out["urn:ietf:params:scim:schemas:extension:enterprise:2.0:User"]?.objectValue?["manager"]?.objectValue?["value"]
                == .string("m1"))
    }

    @Test func rejectsWhatTheSchemaForbids() {
        #expect(throws: SCIMError.invalidValue("userName: must not be empty")) { try normalize(#"{"userName":""}"#) }
        let error = #expect(throws: SCIMError.self) { try normalize(#"{"userName":"a","emails":"x"}"#) }
        #expect(error?.scimType == "invalidValue")
        #expect(error?.detail.contains("emails") == true)
    }
}
