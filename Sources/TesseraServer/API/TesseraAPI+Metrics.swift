import Foundation
import TesseraStore

extension TesseraAPI {
    /// Sets the store-size gauges: the number of stores and, given the data directory, the
    /// size of its data file. Called when `/metrics` is read, so the figures are current
    /// without a background task.
    func refreshStoreGauges(dataDirectory: String?) throws {
        var count = 0
        var token: String?
        repeat {
            let page = try datastore.listStores(name: nil, pageSize: 100, continuationToken: token)
            count += page.items.count
            token = page.continuationToken.isEmpty ? nil : page.continuationToken
        } while token != nil
        var bytes: Int64?
        if let dataDirectory {
            let path = URL(fileURLWithPath: dataDirectory).appendingPathComponent("data.mdb").path
            bytes = ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.int64Value
        }
        metrics.recordStoreSizes(stores: count, datastoreBytes: bytes)
    }
}
