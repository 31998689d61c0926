import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Keeps readers out of the map while it is remapped or closed.
///
/// `mdb_env_set_mapsize` unmaps and remaps the data file; LMDB does not check for active
/// transactions ("the caller must ensure it"), and a reader holding a pointer into the old
/// map would crash. Readers enter with two atomic operations; growing the map (rare: the
/// map doubles) waits for them to leave and holds new ones back for those few milliseconds.
final class MapGate: Sendable {
    private let active = Atomic<Int>(0)
    private let blocked = Atomic<Bool>(false)
    private let closed = Atomic<Bool>(false)

    /// Enters as a reader; `false` once the environment is closed.
    func enterShared() -> Bool {
        while true {
            if closed.load(ordering: .acquiring) { return false }
            if !blocked.load(ordering: .acquiring) {
                active.add(1, ordering: .sequentiallyConsistent)
                if !blocked.load(ordering: .sequentiallyConsistent) { return true }
                active.subtract(1, ordering: .sequentiallyConsistent)
            }
            usleep(20)
        }
    }

    func leaveShared() {
        active.subtract(1, ordering: .releasing)
    }

    /// Runs `body` with no reader inside.
    func exclusive<T>(_ body: () throws -> T) rethrows -> T {
        while !blocked.compareExchange(expected: false, desired: true, ordering: .sequentiallyConsistent).exchanged {
            usleep(20)
        }
        defer { blocked.store(false, ordering: .releasing) }
        while active.load(ordering: .sequentiallyConsistent) != 0 { usleep(20) }
        return try body()
    }

    /// Waits for readers to leave and refuses new ones from then on.
    func close() {
        exclusive { closed.store(true, ordering: .releasing) }
    }
}
