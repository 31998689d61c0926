import Synchronization

/// Texts of interned ids, readable without a lock.
///
/// Ids are dense and a mapping never changes once committed, so each text is boxed once,
/// published into a slot with an atomic compare-and-exchange, and never replaced or freed
/// while the cache lives. Readers do two atomic loads. Slots come in chunks of 4096 that
/// are allocated on first use; ids at or past `maxIDs`, and texts past `capacity` entries,
/// are not cached here (callers fall back to their locked cache).
final class DenseTextCache: @unchecked Sendable {
    private final class Box {
        let text: String
        init(_ text: String) { self.text = text }
    }

    private static let chunkShift = 12
    private static let chunkSize = 1 << chunkShift
    private let chunkCount: Int
    /// Chunk addresses (0 = not allocated yet); each chunk holds `chunkSize` box addresses.
    private let chunks: UnsafeMutablePointer<Atomic<UInt>>
    private let stored = Atomic<Int>(0)
    private let capacity: Int

    init(maxIDs: Int, capacity: Int) {
        chunkCount = max(1, (maxIDs + Self.chunkSize - 1) >> Self.chunkShift)
        self.capacity = capacity
        chunks = .allocate(capacity: chunkCount)
        for index in 0..<chunkCount { (chunks + index).initialize(to: Atomic<UInt>(0)) }
    }

    deinit {
        for index in 0..<chunkCount {
            guard let chunk = Self.chunk(chunks[index].load(ordering: .acquiring)) else { continue }
            for slot in 0..<Self.chunkSize {
                if let box = UnsafeRawPointer(bitPattern: chunk[slot].load(ordering: .acquiring)) {
                    Unmanaged<Box>.fromOpaque(box).release()
                }
            }
            chunk.deinitialize(count: Self.chunkSize)
            chunk.deallocate()
        }
        chunks.deinitialize(count: chunkCount)
        chunks.deallocate()
    }

    private static func chunk(_ bits: UInt) -> UnsafeMutablePointer<Atomic<UInt>>? {
        UnsafeMutablePointer<Atomic<UInt>>(bitPattern: bits)
    }

    /// The cached text of `id`, if any.
    @inline(__always)
    func text(_ id: UInt32) -> String? {
        let index = Int(id)
        let chunkIndex = index >> Self.chunkShift
        guard chunkIndex < chunkCount, let chunk = Self.chunk(chunks[chunkIndex].load(ordering: .acquiring)),
            let box = UnsafeRawPointer(bitPattern: chunk[index & (Self.chunkSize - 1)].load(ordering: .acquiring))
        else { return nil }
        return Unmanaged<Box>.fromOpaque(box).takeUnretainedValue().text
    }

    /// Caches the text of `id`; `false` when it does not fit (id out of range or full).
    @discardableResult
    func store(_ text: String, _ id: UInt32) -> Bool {
        let index = Int(id)
        let chunkIndex = index >> Self.chunkShift
        guard chunkIndex < chunkCount, stored.load(ordering: .relaxed) < capacity else { return false }
        var bits = chunks[chunkIndex].load(ordering: .acquiring)
        if bits == 0 {
            let fresh = UnsafeMutablePointer<Atomic<UInt>>.allocate(capacity: Self.chunkSize)
            for slot in 0..<Self.chunkSize { (fresh + slot).initialize(to: Atomic<UInt>(0)) }
            let freshBits = UInt(bitPattern: fresh)
            let (exchanged, original) = chunks[chunkIndex].compareExchange(expected: 0, desired: freshBits, ordering: .acquiringAndReleasing)
            if exchanged {
                bits = freshBits
            } else {
                fresh.deinitialize(count: Self.chunkSize)
                fresh.deallocate()
                bits = original
            }
        }
        guard let chunk = Self.chunk(bits) else { return false }
        let box = Unmanaged.passRetained(Box(text))
        let published = chunk[index & (Self.chunkSize - 1)]
            .compareExchange(expected: 0, desired: UInt(bitPattern: box.toOpaque()), ordering: .acquiringAndReleasing)
            .exchanged
        if published {
            stored.add(1, ordering: .relaxed)
        } else {
            box.release()  // another thread cached the same (immutable) text first
        }
        return true
    }
}
