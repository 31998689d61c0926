import Foundation
import Synchronization
import Testing
@testable import TesseraStore

struct DenseTextCacheTests {
    @Test func storedTextsReadBackFromManyThreads() {
        let cache = DenseTextCache(maxIDs: 1 << 16, capacity: 1 << 16)
        let mismatches = Atomic<Int>(0)
        // Four threads store and read overlapping ranges at once.
        Thread.detachedReaders(count: 4) {
            for id in UInt32(1)..<20_000 {
                cache.store("text-\(id)", id)
                if cache.text(id) != "text-\(id)" { mismatches.add(1, ordering: .relaxed) }
            }
        }.wait()
        #expect(mismatches.load(ordering: .relaxed) == 0)
        #expect(cache.text(20_001) == nil)
    }

    @Test func idsOutOfRangeAreNotCached() {
        let cache = DenseTextCache(maxIDs: 4096, capacity: 100)
        #expect(!cache.store("far", 5000))
        #expect(cache.text(5000) == nil)
    }

    @Test func nothingIsCachedPastTheCapacity() {
        let cache = DenseTextCache(maxIDs: 4096, capacity: 2)
        #expect(cache.store("a", 1))
        #expect(cache.store("b", 2))
        #expect(!cache.store("c", 3))
        #expect(cache.text(2) == "b")
        #expect(cache.text(3) == nil)
    }
}
