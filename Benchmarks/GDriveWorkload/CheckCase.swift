public import TesseraEngine

/// One measured kind of check: probes cycling over different documents, each with the
/// answer the dataset's construction guarantees.
public struct CheckCase: Sendable {
    public struct Probe: Sendable {
        public var request: CheckRequest
        public var expected: Bool
    }

    public var name: String
    public var probes: [Probe]

    /// The cases the issue names, plus a denied check that walks the whole model.
    public static func all(for dataset: GDriveDataset, probesPerCase: Int = 4096) -> [CheckCase] {
        var generator = SplitMix64(seed: 0x7e55e7a)
        func documents() -> [Int] { (0..<probesPerCase).map { _ in Int(generator.next() % UInt64(dataset.documents)) } }
        func viewer(_ document: Int, _ user: String, _ expected: Bool, relation: String = "viewer") -> Probe {
            Probe(
                request: CheckRequest(object: GDriveDataset.document(document), relation: relation, user: user, context: GDriveDataset.requestContext),
                expected: expected)
        }
        return [
            CheckCase(name: "direct (document#viewer, user tuple)", probes: documents().map { viewer($0, dataset.viewer(document: $0, slot: $0 & 1), true) }),
            CheckCase(
                name: "group-nested (document#editor via a grandchild group)",
                probes: documents().map { document in
                    let offset = 4 + (document / 3) % 9
                    let group = GDriveDataset.treeGroup(tree: dataset.editorTree(document: document), offset: offset)
                    return viewer(document, GDriveDataset.member(group: group, slot: document % GDriveDataset.membersPerGroup), true, relation: "editor")
                }),
            CheckCase(
                name: "3-deep parent chain (document#viewer via the root folder)",
                probes: documents().map { viewer($0, "user:f\(dataset.chain(ofDocument: $0))", true) }),
            CheckCase(
                name: "exclusion (document#can_view, half blocked)",
                probes: documents().map { viewer($0, dataset.viewer(document: $0, slot: 0), $0 % 2 == 1, relation: "can_view") }),
            CheckCase(name: "conditional (document#viewer, non_expired)", probes: documents().map { viewer($0, "user:c\($0)", true) }),
            CheckCase(
                name: "denied (document#viewer, full walk)",
                probes: documents().filter { !dataset.isPublic(document: $0) }.map { document in
                    let excluded = [dataset.editorTree(document: document), dataset.folderTree(chain: dataset.chain(ofDocument: document))]
                    var tree = (document * 31) % dataset.trees
                    while excluded.contains(tree) { tree = (tree + 1) % dataset.trees }
                    let group = GDriveDataset.treeGroup(tree: tree, offset: document % GDriveDataset.groupsPerTree)
                    return viewer(document, GDriveDataset.member(group: group, slot: 0), false)
                }),
        ]
    }
}

/// A small deterministic generator, so every run probes the same documents.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
