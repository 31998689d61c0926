// A child process for TesseraStoreTests: the crash-safety writer and a read-only reader.
//
//   TesseraStoreHarness write DIR   — commit numbered batches forever, printing "ack N" after
//                                     each acknowledged one (the test SIGKILLs it)
//   TesseraStoreHarness count DIR   — open DIR read-only and print "count N": the tuples of
//                                     the store named "harness"
//
// Batch N writes batch:N#member@user:0…9 and counter:c#value@n:N, and deletes
// batch:(N-1)#member@user:9 and counter:c#value@n:(N-1), so a reader can tell a whole batch
// from part of one: every batch below the counter has 9 members, the counter's has 10.
import Foundation
import TesseraModel
import TesseraStore

/// Writes a line straight to the pipe (no buffering: the process may be killed any moment).
func emit(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}

let arguments = CommandLine.arguments
guard arguments.count == 3 else {
    emit("usage: TesseraStoreHarness write|count DIR")
    exit(2)
}
let directory = arguments[2]
let storeName = "harness"

func harnessStore(_ datastore: LMDBDatastore) throws -> String? {
    try datastore.listStores(name: storeName, pageSize: 1, continuationToken: nil).items.first?.id
}

/// The last committed batch number, from the counter tuple.
func lastBatch(_ datastore: LMDBDatastore, _ storeID: String) throws -> Int? {
    let page = try datastore.read(storeID: storeID, filter: TupleFilter(object: "counter:c", relation: "value"), pageSize: 2, continuationToken: nil)
    guard page.items.count == 1, let number = Int(page.items[0].key.user.dropFirst(2)) else { return nil }
    return number
}

func batch(_ number: Int) -> (writes: [TupleKey], deletes: [TupleKey]) {
    var writes = (0..<10).map { TupleKey(object: "batch:\(number)", relation: "member", user: "user:\($0)") }
    writes.append(TupleKey(object: "counter:c", relation: "value", user: "n:\(number)"))
    guard number > 0 else { return (writes, []) }
    let deletes = [
        TupleKey(object: "batch:\(number - 1)", relation: "member", user: "user:9"),
        TupleKey(object: "counter:c", relation: "value", user: "n:\(number - 1)"),
    ]
    return (writes, deletes)
}

do {
    switch arguments[1] {
    case "write":
        var options = DatastoreOptions()
        if let mode = ProcessInfo.processInfo.environment["TESSERA_HARNESS_SYNC"], let sync = DatastoreSync(rawValue: mode) {
            options.sync = sync
        }
        let datastore = try LMDBDatastore(path: directory, options: options)
        var storeID = try harnessStore(datastore)
        if storeID == nil { storeID = try await datastore.createStore(name: storeName, caller: CallerContext()).id }
        guard let storeID else { exit(1) }
        var next = (try lastBatch(datastore, storeID)).map { $0 + 1 } ?? 0
        emit("ready \(next)")
        while true {
            let (writes, deletes) = batch(next)
            _ = try await datastore.write(storeID: storeID, writes: writes, deletes: deletes, options: WriteOptions(), caller: CallerContext(identity: "harness"))
            emit("ack \(next)")
            next += 1
        }
    case "count":
        var options = DatastoreOptions()
        options.readOnly = true
        let datastore = try LMDBDatastore(path: directory, options: options)
        guard let storeID = try harnessStore(datastore) else {
            emit("count 0")
            exit(0)
        }
        var count = 0
        var token: String?
        repeat {
            let page = try datastore.read(storeID: storeID, filter: TupleFilter(), pageSize: 100, continuationToken: token)
            count += page.items.count
            token = page.continuationToken.isEmpty ? nil : page.continuationToken
        } while token != nil
        emit("count \(count)")
        datastore.close()
    default:
        emit("unknown mode \(arguments[1])")
        exit(2)
    }
} catch {
    emit("error \(error)")
    exit(1)
}
