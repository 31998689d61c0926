public import TesseraConditions
public import TesseraModel

/// A Google-Drive-like authorization dataset of a chosen size, deterministic, with every
/// answer known by construction (users of each role live in their own id space), so a run
/// can verify what it measures.
///
/// Layout, for `chains` folder chains (`tupleCount / 200`; 5 000 for 1M tuples):
/// - folders in chains of four, `folder:c-0` (root) ← `c-1` ← `c-2` ← `c-3` (`parent`);
///   each root has an owner `user:o…`, a viewer `user:f<c>` and a viewer group's members;
/// - 20 documents per chain, all in the chain's last folder, each with a parent, an owner,
///   an editor user, an editor group (`group:<tree root>#member`), two viewers `user:v…`, a
///   conditional viewer `user:c<d>` (`non_expired`, expiring in 2100) and a blocked user
///   (`user:v…`, the first viewer itself for even documents); one document in 100 is public
///   (`user:*`);
/// - groups in trees of 13 (a root, 3 children, 9 grandchildren, nested by
///   `group#member` tuples), each with 10 members `user:m…` that belong to no other group;
/// - `user:lister` views the first 1/20 of the chains through their root folders and a
///   further 0.81 × `chains` documents directly: with the public documents, list objects
///   finds 10 000 documents at 1M tuples (2 × `chains` in general);
/// - the rest, up to `tupleCount`, is more viewers `user:v…` on the documents.
public struct GDriveDataset: Sendable {
    public static let model = """
        model
          schema 1.1

        type user

        type group
          relations
            define member: [user, group#member]

        type folder
          relations
            define owner: [user]
            define parent: [folder]
            define editor: [user, group#member] or owner or editor from parent
            define viewer: [user, user:*, group#member] or editor or viewer from parent

        type document
          relations
            define owner: [user]
            define parent: [folder]
            define blocked: [user]
            define editor: [user, group#member] or owner or editor from parent
            define viewer: [user, user:*, user with non_expired, group#member] or editor or viewer from parent
            define can_view: viewer but not blocked

        condition non_expired(current_time: timestamp, expires_at: timestamp) {
          current_time < expires_at
        }
        """

    /// The request context of conditional checks: a time before every tuple's `expires_at`.
    public static let requestContext: JSONObject = ["current_time": .string("2026-11-30T00:00:00Z")]

    public static let documentsPerChain = 20
    static let foldersPerChain = 4
    static let groupsPerTree = 13
    static let membersPerGroup = 10

    public let tupleCount: Int
    public let chains: Int
    public let documents: Int
    /// Group trees; documents and folders use different trees so denied probes stay denied.
    public let trees: Int
    /// The size of the `user:v…` id space.
    let viewerUsers: Int

    public init(tupleCount: Int) {
        self.tupleCount = tupleCount
        chains = max(20, tupleCount / 200)
        documents = chains * Self.documentsPerChain
        trees = max(4, chains / 20)
        viewerUsers = max(1000, tupleCount / 20)
    }

    // MARK: Names

    public static func document(_ index: Int) -> String { "document:\(index)" }
    static func folder(chain: Int, level: Int) -> String { "folder:\(chain)-\(level)" }
    static func group(_ index: Int) -> String { "group:\(index)" }
    static func member(group: Int, slot: Int) -> String { "user:m\(group * membersPerGroup + slot)" }
    public static let lister = "user:lister"

    func chain(ofDocument document: Int) -> Int { document / Self.documentsPerChain }
    func viewer(document: Int, slot: Int) -> String { "user:v\((document &* 7 &+ slot &* 1013) % viewerUsers)" }
    func editorTree(document: Int) -> Int { document % trees }
    func folderTree(chain: Int) -> Int { (chain &* 7 &+ 3) % trees }
    func isPublic(document: Int) -> Bool { document % Self.documentsPerChain == 19 && chain(ofDocument: document) % 5 == 0 }
    /// Groups of tree `t`: the root `t·13`, children `+1…+3`, grandchildren `+4…+12`.
    static func treeGroup(tree: Int, offset: Int) -> Int { tree * groupsPerTree + offset }

    // MARK: Tuples

    /// Exactly `tupleCount` distinct tuples (or the structural ones alone when the size is
    /// smaller than the structure needs), the lister's first so a short run keeps them.
    public func tuples() -> [TupleKey] {
        var tuples: [TupleKey] = []
        tuples.reserveCapacity(tupleCount)
        appendListerTuples(to: &tuples)
        appendGroupTuples(to: &tuples)
        for chain in 0..<chains { appendChainTuples(chain, to: &tuples) }
        // Padding: more direct viewers, slot 2 onwards (slots 0 and 1 are the probed ones).
        var index = 0
        while tuples.count < tupleCount {
            let document = index % documents
            let slot = 2 + index / documents
            tuples.append(TupleKey(object: Self.document(document), relation: "viewer", user: viewer(document: document, slot: slot)))
            index += 1
        }
        return tuples
    }

    /// Chains whose root folder `user:lister` views.
    var listerChains: Range<Int> { 0..<(chains / 20) }
    /// Chains where `user:lister` views documents directly: slots 0..<8 of a tenth of the
    /// chains, and slot 8 of the first hundredth of those.
    var listerDirectChains: Range<Int> { listerChains.upperBound..<(listerChains.upperBound + chains / 10) }

    func listerViewsDirectly(document: Int) -> Bool {
        let chain = chain(ofDocument: document)
        guard listerDirectChains.contains(chain) else { return false }
        let slot = document % Self.documentsPerChain
        return slot < 8 || (slot == 8 && chain - listerDirectChains.lowerBound < chains / 100)
    }

    /// The documents `user:lister` may view, by construction.
    public func listerDocuments() -> Set<String> {
        var result: Set<String> = []
        for document in 0..<documents
        where listerChains.contains(chain(ofDocument: document)) || listerViewsDirectly(document: document) || isPublic(document: document) {
            result.insert(Self.document(document))
        }
        return result
    }

    private func appendListerTuples(to tuples: inout [TupleKey]) {
        for chain in listerChains {
            tuples.append(TupleKey(object: Self.folder(chain: chain, level: 0), relation: "viewer", user: Self.lister))
        }
        for chain in listerDirectChains {
            for slot in 0..<Self.documentsPerChain {
                let document = chain * Self.documentsPerChain + slot
                if listerViewsDirectly(document: document) {
                    tuples.append(TupleKey(object: Self.document(document), relation: "viewer", user: Self.lister))
                }
            }
        }
    }

    private func appendGroupTuples(to tuples: inout [TupleKey]) {
        for tree in 0..<trees {
            for offset in 0..<Self.groupsPerTree {
                let group = Self.treeGroup(tree: tree, offset: offset)
                for slot in 0..<Self.membersPerGroup {
                    tuples.append(TupleKey(object: Self.group(group), relation: "member", user: Self.member(group: group, slot: slot)))
                }
                // Children 1…3 nest in the root; grandchildren 4…12 in child 1 + (offset − 4) / 3.
                let parentOffset: Int? = offset == 0 ? nil : offset <= 3 ? 0 : 1 + (offset - 4) / 3
                if let parentOffset {
                    tuples.append(
                        TupleKey(
                            object: Self.group(Self.treeGroup(tree: tree, offset: parentOffset)), relation: "member",
                            user: "\(Self.group(group))#member"))
                }
            }
        }
    }

    private func appendChainTuples(_ chain: Int, to tuples: inout [TupleKey]) {
        let root = Self.folder(chain: chain, level: 0)
        for level in 1..<Self.foldersPerChain {
            tuples.append(TupleKey(object: Self.folder(chain: chain, level: level), relation: "parent", user: Self.folder(chain: chain, level: level - 1)))
        }
        tuples.append(TupleKey(object: root, relation: "owner", user: "user:o\(chain)"))
        tuples.append(TupleKey(object: root, relation: "viewer", user: "user:f\(chain)"))
        let viewerGroup = Self.treeGroup(tree: folderTree(chain: chain), offset: 0)
        tuples.append(TupleKey(object: root, relation: "viewer", user: "\(Self.group(viewerGroup))#member"))
        let leaf = Self.folder(chain: chain, level: Self.foldersPerChain - 1)
        for slot in 0..<Self.documentsPerChain {
            let index = chain * Self.documentsPerChain + slot
            let document = Self.document(index)
            tuples.append(TupleKey(object: document, relation: "parent", user: leaf))
            tuples.append(TupleKey(object: document, relation: "owner", user: "user:o\(index)"))
            tuples.append(TupleKey(object: document, relation: "editor", user: "user:e\(index)"))
            let editorGroup = Self.treeGroup(tree: editorTree(document: index), offset: 0)
            tuples.append(TupleKey(object: document, relation: "editor", user: "\(Self.group(editorGroup))#member"))
            tuples.append(TupleKey(object: document, relation: "viewer", user: viewer(document: index, slot: 0)))
            tuples.append(TupleKey(object: document, relation: "viewer", user: viewer(document: index, slot: 1)))
            tuples.append(
                TupleKey(
                    object: document, relation: "viewer", user: "user:c\(index)",
                    condition: RelationshipCondition(name: "non_expired", context: ["expires_at": .string("2100-01-01T00:00:00Z")])))
            let blocked = index % 2 == 0 ? viewer(document: index, slot: 0) : "user:b\(index)"
            tuples.append(TupleKey(object: document, relation: "blocked", user: blocked))
            if isPublic(document: index) {
                tuples.append(TupleKey(object: document, relation: "viewer", user: "user:*"))
            }
        }
    }
}
