/// The outcome of resolving one rewrite rule, with OpenFGA's four outcomes: allowed,
/// denied, denied because a cycle cut the walk, or an error that an `or` (true beats
/// error) or an `and` (false beats error) may still absorb.
///
/// A cycle travels upwards as its own outcome because OpenFGA treats it specially: in an
/// exclusion, a cycle on either side makes the result false (so a cycle can never let a
/// user escape a `but not`), and such results are never cached.
enum CheckDecision: Sendable {
    case allowed
    case denied
    case cycle
    case failed(EngineError)
}
