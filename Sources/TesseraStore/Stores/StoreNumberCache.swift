import Synchronization

/// Store ids resolved to store numbers, shared by all readers. Numbers are never reused; a
/// deleted store's number is remembered so a lookup racing with the deletion cannot put it
/// back.
final class StoreNumberCache: Sendable {
    private struct State {
        var numbers: [String: UInt32] = [:]
        var deleted: Set<UInt32> = []
    }

    private let state = Mutex(State())

    func number(of id: String) -> UInt32? {
        state.withLock { state in
            guard let number = state.numbers[id], !state.deleted.contains(number) else { return nil }
            return number
        }
    }

    func remember(_ id: String, _ number: UInt32) {
        state.withLock { state in
            if !state.deleted.contains(number) { state.numbers[id] = number }
        }
    }

    func forget(_ id: String, _ number: UInt32) {
        state.withLock { state in
            state.deleted.insert(number)
            state.numbers[id] = nil
        }
    }
}
