import Foundation
import Testing
import TesseraConditions
import TesseraModel
import TesseraStore

/// T7/T8 on real filesystems: a full tmpfs and a read-only mount (root only).
@Suite(.enabled(if: TmpfsMount.isAvailable, "needs root and tmpfs mounts"))
struct FilesystemTests {
    @Test func aFullDiskFailsWritesAndKeepsServingReads() async throws {
        let mount = try TmpfsMount(sizeMiB: 2)
        defer { mount.unmount() }
        let datastore = try LMDBDatastore(path: mount.path + "/data")
        defer { datastore.close() }
        let store = try await datastore.createStore(name: "full disk", caller: CallerContext())
        var written = 0
        var failure: StoreError?
        for chunk in 0..<400 {
            do {
                try await datastore.write(store.id, (0..<100).map { tuple("doc:\(chunk)-\($0)-" + String(repeating: "d", count: 150), "viewer", "user:anne") })
                written += 100
            } catch let error as StoreError {
                failure = error
                break
            }
        }
        #expect(failure?.code == .storageFull, "\(String(describing: failure))")
        #expect(written > 0)
        #expect(try datastore.readAll(store.id, pageSize: 100).count == written)
        await #expect(throws: StoreError(.storageFull, "")) {
            try await datastore.write(store.id, (0..<100).map { tuple("doc:again-\($0)-" + String(repeating: "e", count: 150), "viewer", "user:anne") })
        }
        let found = try datastore.withSnapshot(storeID: store.id) { try $0.tuple(object: "doc:0-0-" + String(repeating: "d", count: 150), relation: "viewer", user: "user:anne") }
        #expect(found != nil)
    }

    @Test func aReadOnlyMountOpensReadOnlyServesReadsAndRefusesWrites() async throws {
        let mount = try TmpfsMount(sizeMiB: 4)
        defer { mount.unmount() }
        let path = mount.path + "/data"
        let writer = try LMDBDatastore(path: path)
        let store = try await writer.createStore(name: "read only mount", caller: CallerContext())
        try await writer.write(store.id, [tuple("doc:1", "viewer", "user:anne")])
        writer.close()
        try mount.remountReadOnly()

        let datastore = try LMDBDatastore(path: path)
        defer { datastore.close() }
        #expect(datastore.isReadOnly)
        #expect(try datastore.readAll(store.id, pageSize: 10) == [tuple("doc:1", "viewer", "user:anne")])
        await #expect(throws: StoreError(.readOnly, "")) { try await datastore.write(store.id, [tuple("doc:2", "viewer", "user:anne")]) }
    }
}
