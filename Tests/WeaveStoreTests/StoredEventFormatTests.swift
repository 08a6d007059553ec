import Foundation
import Testing
import WeaveCore
@testable import WeaveStore

/// The JSON of every `SessionEvent` and `CanvasEdit` case, as the event log stores it, is a contract:
/// sessions stored last year must still load. Each case has a golden file under
/// `Fixtures/stored-events/`, written once from the code of the day and compared from then on (see
/// docs/live-protocol.md, "The stored form"). A case without a golden file fails the test (the file is
/// written so it can be reviewed and committed); a case whose JSON changes fails it too.
///
/// Adding a case to `CanvasEdit` or `SessionEvent` breaks the exhaustive switches below until it has a
/// name and a sample here, so no case can go unpinned.
@Suite struct StoredEventFormatTests {
    /// Every case of the two enums, by the name its golden file carries.
    enum Case: String, CaseIterable {
        case move, lock, close
        case clock, clockStart, clockPause, clockResume, clockReset, show, showPhase, showJoin, showPause, groups, hide, unhide, undo
        case setText, addItem, editItem, removeItem, addRow, setCell, removeRow, setPartnerAnswer
        case setPartnerAnswerChoices, placeToken, removeToken, addSubject, rate, rateCleared, check
        case addNode, addNodeAtTop, editNode, removeNode, placeOnGrid, removeFromGrid
        case rateOwn

        /// The case a sample stands for (exhaustive: a new enum case does not compile until named here).
        static func of(_ event: SessionEvent) -> Case {
            switch event {
            case .move: .move
            case .lock: .lock
            case .close: .close
            case .clock(let action):
                switch action {
                case .start: .clockStart
                case .pause: .clockPause
                case .resume: .clockResume
                case .extend: .clock
                case .reset: .clockReset
                }
            case .groups: .groups
            case .hide(_, _, let hidden): hidden ? .hide : .unhide
            case .undo: .undo
            case .show(let view):
                switch view {
                case .phase: .showPhase
                case .field: .show
                case .join: .showJoin
                case .pause: .showPause
                }
            case .edit(let edit):
                switch edit {
                case .setText: .setText
                case .addItem: .addItem
                case .editItem: .editItem
                case .removeItem: .removeItem
                case .addRow: .addRow
                case .setCell: .setCell
                case .removeRow: .removeRow
                case .setPartnerAnswer(_, _, let text, _): text == nil ? .setPartnerAnswerChoices : .setPartnerAnswer
                case .placeToken: .placeToken
                case .removeToken: .removeToken
                case .addSubject: .addSubject
                case .rate(_, _, _, let score): score == nil ? .rateCleared : .rate
                case .rateOwn: .rateOwn
                case .check: .check
                case .addNode(_, _, _, let parent, _): parent == nil ? .addNodeAtTop : .addNode
                case .editNode: .editNode
                case .removeNode: .removeNode
                case .placeOnGrid: .placeOnGrid
                case .removeFromGrid: .removeFromGrid
                }
            }
        }

        /// A sample of the case, with text that needs escaping (quotes, a slash, non-ASCII).
        var sample: SessionEvent {
            switch self {
            case .move: .move(phase: 2, step: 1)
            case .lock: .lock(section: "orientation", locked: true)
            case .close: .close
            case .clockStart: .clock(.start)
            case .clockPause: .clock(.pause)
            case .clockResume: .clock(.resume)
            case .clock: .clock(.extend(minutes: 5))
            case .clockReset: .clock(.reset)
            case .showPhase: .show(.phase)
            case .show: .show(.field("assessment"))
            case .showJoin: .show(.join)
            case .showPause: .show(.pause)
            case .groups: .groups(SessionGroups(phase: 0, step: 3, groups: [["p-1", "p-2", "p-3"], ["p-4", "p-5", "p-6"]]))
            case .hide: .hide(field: "core-causes", item: "k3x9", hidden: true)
            case .unhide: .hide(field: "core-causes", item: "k3x9", hidden: false)
            case .undo: .undo(sequence: 12, edits: [.addNode(field: "problem-tree", node: "n1", branch: "causes", parent: nil, text: "Waste"),
                                                    .addNode(field: "problem-tree", node: "n2", branch: "causes", parent: "n1", text: "No cold chain")])
            case .setText: .edit(.setText(field: "vision-statement", text: "Nobody in our city goes \"hungry\" — día/night 🍎"))
            case .addItem: .edit(.addItem(field: "core-causes", item: "k3x9", text: "Shops throw food away"))
            case .editItem: .edit(.editItem(field: "core-causes", item: "k3x9", text: "Shops throw food away at closing"))
            case .removeItem: .edit(.removeItem(field: "core-causes", item: "k3x9"))
            case .addRow: .edit(.addRow(field: "indicators", row: "r1", cells: ["indicator": "Meals served", "target": "500"]))
            case .setCell: .edit(.setCell(field: "indicators", row: "r1", column: "target", value: "600"))
            case .removeRow: .edit(.removeRow(field: "indicators", row: "r1"))
            case .setPartnerAnswer: .edit(.setPartnerAnswer(field: "contributions", partner: "p-1", text: "Cold storage", choices: []))
            case .setPartnerAnswerChoices: .edit(.setPartnerAnswer(field: "primary-roles", partner: "p-1", text: nil, choices: ["convener", "funder"]))
            case .placeToken: .edit(.placeToken(field: "assessment", colour: "green", target: "shared-purpose"))
            case .removeToken: .edit(.removeToken(field: "assessment", colour: "red", target: "shared-purpose"))
            case .addSubject: .edit(.addSubject(field: "options", subject: "s1", name: "Shared van"))
            case .rate: .edit(.rate(field: "options", subject: "s1", criterion: "cost", score: 4))
            case .rateCleared: .edit(.rate(field: "options", subject: "s1", criterion: "cost", score: nil))
            case .rateOwn: .edit(.rateOwn(field: "candidates", subject: "s1", criterion: "fit", score: 3))
            case .check: .edit(.check(field: "readiness", item: "budget", checked: true))
            case .addNode: .edit(.addNode(field: "problem-tree", node: "n2", branch: "causes", parent: "n1", text: "No cold chain"))
            case .addNodeAtTop: .edit(.addNode(field: "problem-tree", node: "n1", branch: "causes", parent: nil, text: "Waste"))
            case .editNode: .edit(.editNode(field: "problem-tree", node: "n1", text: "Food waste"))
            case .removeNode: .edit(.removeNode(field: "problem-tree", node: "n1"))
            case .placeOnGrid: .edit(.placeOnGrid(field: "stakeholder-map", item: "p-1", label: "Town Hall", x: 0.25, y: 0.75))
            case .removeFromGrid: .edit(.removeFromGrid(field: "stakeholder-map", item: "p-1"))
            }
        }
    }

    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/stored-events")

    /// The payload column as the store writes it.
    private func stored(_ event: SessionEvent) throws -> String {
        try EventRecord(StoredEvent(sessionID: UUID(), sequence: 1, actor: SessionActor(id: "a", name: "A", isFacilitator: true),
                                    clientRef: nil, event: event, at: Date(timeIntervalSince1970: 0))).payload
    }

    /// A stored row read back the way the live layer reads it.
    private func read(_ payload: String) throws -> SessionEvent {
        let record = try EventRecord(StoredEvent(sessionID: UUID(), sequence: 1, actor: SessionActor(id: "a", name: "A", isFacilitator: true),
                                                 clientRef: nil, event: .close, at: Date(timeIntervalSince1970: 0)))
        record.payload = payload
        return try record.value().event
    }

    @Test(arguments: Case.allCases)
    func everyCaseIsStoredAsItsGoldenFile(_ kind: Case) throws {
        let sample = kind.sample
        #expect(Case.of(sample) == kind, "the sample of \(kind) is another case")
        let file = Self.folder.appendingPathComponent("\(kind.rawValue).json")
        let payload = try stored(sample)
        guard let golden = try? String(contentsOf: file, encoding: .utf8) else {
            try FileManager.default.createDirectory(at: Self.folder, withIntermediateDirectories: true)
            try (payload + "\n").write(to: file, atomically: true, encoding: .utf8)
            Issue.record("\(kind.rawValue) had no golden file; wrote \(file.path). Review it and commit it.")
            return
        }
        let pinned = golden.trimmingCharacters(in: .newlines)
        #expect(payload == pinned, "the stored form of \(kind.rawValue) changed; stored sessions would no longer load")
        // A row written in the pinned form reads back as the same event.
        #expect(try read(pinned) == sample)
    }

    @Test func noGoldenFileIsLeftWithoutACase() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.folder.path).filter { $0.hasSuffix(".json") }
        let names = Set(files.map { String($0.dropLast(".json".count)) })
        #expect(names == Set(Case.allCases.map(\.rawValue)))
        // Every name the coding knows has its golden file (an edit is pinned through its changes).
        let coded = Set(CanvasEdit.Kind.allCases.map(\.rawValue)).union(SessionEvent.Kind.allCases.filter { $0 != .edit }.map(\.rawValue))
        #expect(coded.subtracting(names).isEmpty, "no golden file for \(coded.subtracting(names).sorted())")
    }

    @Test func anEditIsOneKeyAndItsArgumentsAreChecked() throws {
        #expect(throws: StoreError.self) { try read(#"{"edit":{"_0":{"setText":{"field":"a","text":"b"},"addItem":{"field":"a","item":"i","text":"c"}}}}"#) }
        #expect(throws: StoreError.self) { try read(#"{"edit":{"_0":{"setText":{"field":"a"}}}}"#) }
        #expect(throws: StoreError.self) { try read(#"{"move":{"phase":1}}"#) }
        #expect(throws: StoreError.self) { try read(#"{}"#) }
    }

    @Test func anUnknownCaseInAStoredRowIsReportedWithItsPlace() throws {
        #expect(throws: StoreError.self) { try read(#"{"edit":{"_0":{"renamedCase":{"field":"x"}}}}"#) }
    }
}
