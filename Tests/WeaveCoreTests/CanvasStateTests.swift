import Testing
@testable import WeaveCore

/// Canvas edits against the Path of Joint Action's real fields: the rules each field kind enforces.
@Suite struct CanvasStateTests {
    let context: CanvasContext
    let path: Path

    init() throws {
        let library = try builtInLibrary()
        path = try #require(library.path("joint-action"))
        let extra = library.tools.flatMap(\.fields)
        context = CanvasContext(fields: path.canvasFields + extra, partners: ["ngo", "city", "bank"])
    }

    private func apply(_ edits: [CanvasEdit], by author: String = "ana", to state: CanvasState = CanvasState()) throws(CanvasEditError) -> CanvasState {
        var state = state
        for edit in edits { state = try state.applying(edit, by: author, in: context) }
        return state
    }

    @Test func laterTextWinsAndEarlierTextsAreCounted() throws {
        let state = try apply([.setText(field: "vision-statement", text: "Every child reads.")])
        let later = try state.applying(.setText(field: "vision-statement", text: "Every child in the valley reads by nine."), by: "ben", in: context)
        #expect(later.texts["vision-statement"]?.text == "Every child in the valley reads by nine.")
        #expect(later.texts["vision-statement"]?.author == "ben")
        // The earlier text is in the log, not in the state: the state only counts it.
        #expect(later.earlierTexts["vision-statement"] == 1)
        let again = try later.applying(.setText(field: "vision-statement", text: "Every child reads well."), by: "ana", in: context)
        #expect(again.earlierTexts["vision-statement"] == 2)
        #expect(again.only(field: "vision-statement").earlierTexts == ["vision-statement": 2])
    }

    @Test func aFieldHoldsBoundedBytesHoweverItsEntriesAreWritten() throws {
        // 500 family emoji are 500 characters but 12,500 bytes: the field fills up by bytes, not count.
        let heavy = String(repeating: "👩‍👩‍👧‍👦", count: 500)
        var state = CanvasState()
        var added = 0
        while added < CanvasLimits.entries {
            do {
                state = try state.applying(.addItem(field: "triad-challenges", item: "i\(added)", text: heavy), by: "ana", in: context)
                added += 1
            } catch {
                #expect(error.message.contains("is full"))
                break
            }
        }
        #expect(added == CanvasLimits.fieldBytes / heavy.utf8.count)
        #expect(state.textBytes(of: "triad-challenges") <= CanvasLimits.fieldBytes)
        // Removing still works, and makes room.
        state = try state.applying(.removeItem(field: "triad-challenges", item: "i0"), by: "ana", in: context)
        state = try state.applying(.addItem(field: "triad-challenges", item: "again", text: heavy), by: "ana", in: context)
    }

    @Test func aTextIsBoundedInBytesAsWellAsCharacters() {
        let stacked = "a" + String(repeating: "\u{0301}", count: 40)  // one character, 81 bytes
        #expect(throws: CanvasEditError.self) {
            try CanvasState().applying(.setText(field: "vision-statement", text: String(repeating: stacked, count: 2_000)), by: "ana", in: context)
        }
    }

    @Test func sentenceLimitIsEnforced() {
        #expect(throws: CanvasEditError(field: "vision-statement", "Vision statement for the partnership takes at most 1 sentence; this has 2.")) {
            try apply([.setText(field: "vision-statement", text: "One. Two.")])
        }
        #expect(CanvasText.sentenceCount("One sentence, no stop") == 1)
        #expect(CanvasText.sentenceCount("Costs 3.5 million. Then more!") == 2)
    }

    @Test func concurrentListAdditionsBothStay() throws {
        let base = try apply([.addItem(field: "core-causes", item: "a", text: "Low trust")])
        let first = try base.applying(.addItem(field: "core-causes", item: "b", text: "No data"), by: "ana", in: context)
        let both = try first.applying(.addItem(field: "core-causes", item: "c", text: "Short funding"), by: "ben", in: context)
        #expect(both.lists["core-causes"]?.map(\.id) == ["a", "b", "c"])
    }

    @Test func listMaximumIsEnforced() throws {
        let full = try apply((1...5).map { .addItem(field: "core-causes", item: "i\($0)", text: "Cause \($0)") })
        #expect(throws: CanvasEditError.self) { try full.applying(.addItem(field: "core-causes", item: "i6", text: "One more"), by: "ana", in: context) }
    }

    @Test func tokenBudgetIsPerParticipantAndColour() throws {
        let target = try #require(path.phases[4].canvas.first.flatMap { field -> String? in
            if case .tokenVote(let spec) = field.kind { spec.targets.options.first?.id } else { nil }
        })
        let three = try apply(Array(repeating: .placeToken(field: "assessment", colour: "green", target: target), count: 3))
        #expect(throws: CanvasEditError.self) { try three.applying(.placeToken(field: "assessment", colour: "green", target: target), by: "ana", in: context) }
        // Another participant has a budget of their own, and red is a budget apart.
        let other = try three.applying(.placeToken(field: "assessment", colour: "green", target: target), by: "ben", in: context)
        let red = try other.applying(.placeToken(field: "assessment", colour: "red", target: target), by: "ana", in: context)
        let field = try #require(context.fields["assessment"])
        let tally = try #require(red.tally(field).first)
        #expect(tally.counts == ["green": 4, "red": 1])
        #expect(tally.ratio == 4)
        // Taking a token back frees the budget.
        let back = try three.applying(.removeToken(field: "assessment", colour: "green", target: target), by: "ana", in: context)
        #expect(throws: Never.self) { try back.applying(.placeToken(field: "assessment", colour: "green", target: target), by: "ana", in: context) }
    }

    @Test func prioritiesPutTheMostRedFirst() throws {
        let field = try #require(context.fields["assessment"])
        guard case .tokenVote(let spec) = field.kind else { Issue.record("not a vote"); return }
        let targets = spec.targets.options.map(\.id)
        let state = try apply([
            .placeToken(field: "assessment", colour: "green", target: targets[0]),
            .placeToken(field: "assessment", colour: "red", target: targets[1]),
            .placeToken(field: "assessment", colour: "green", target: targets[2]),
            .placeToken(field: "assessment", colour: "red", target: targets[2]),
        ])
        let order = state.priorities(field).map(\.target)
        #expect(Array(order.prefix(2)) == [targets[1], targets[2]])   // ratio 0, then 1
        #expect(order[2] == targets[0])                                // only green: no ratio, most green first
    }

    @Test func perPartnerChoicesComeFromTheRoles() throws {
        let state = try apply([.setPartnerAnswer(field: "primary-roles", partner: "city", text: nil, choices: ["convenor"])])
        #expect(state.partnerAnswers["primary-roles"]?["city"]?.choices == ["convenor"])
        #expect(throws: CanvasEditError.self) { try apply([.setPartnerAnswer(field: "primary-roles", partner: "city", text: nil, choices: ["emperor"])]) }
        #expect(throws: CanvasEditError.self) { try apply([.setPartnerAnswer(field: "primary-roles", partner: "mars", text: nil, choices: ["convenor"])]) }
    }

    @Test func tableCellsFollowTheirColumns() throws {
        let state = try apply([.addRow(field: "next-steps", row: "r1", cells: ["what": "Draft the charter", "who": "ngo", "by-when": "2026-12-01"])])
        #expect(state.tables["next-steps"]?.first?.cells["who"] == "ngo")
        #expect(throws: CanvasEditError.self) { try state.applying(.setCell(field: "next-steps", row: "r1", column: "by-when", value: "2026-02-30"), by: "ana", in: context) }
        #expect(throws: CanvasEditError.self) { try state.applying(.setCell(field: "next-steps", row: "r1", column: "colour", value: "blue"), by: "ana", in: context) }
        let indicators = try apply((1...3).map { .addRow(field: "indicators", row: "r\($0)", cells: [:]) })
        #expect(throws: CanvasEditError.self) { try indicators.applying(.addRow(field: "indicators", row: "r4", cells: [:]), by: "ana", in: context) }
    }

    @Test func badInputChangesNothing() throws {
        let state = try apply([.addItem(field: "core-causes", item: "a", text: "Low trust")])
        let refused: [CanvasEdit] = [
            .addItem(field: "core-causes", item: "b", text: "<script>alert(1)</script>"),
            .addItem(field: "core-causes", item: "b", text: String(repeating: "x", count: 501)),
            .addItem(field: "core-causes", item: "a", text: "Same id again"),
            .addItem(field: "core-causes", item: "bad id!", text: "Odd id"),
            .setText(field: "core-causes", text: "Wrong kind of edit"),
            .setText(field: "no-such-field", text: "Anything"),
            .addItem(field: "core-causes", item: "c", text: "Bell\u{7}"),
        ]
        for edit in refused {
            #expect(throws: CanvasEditError.self, "\(edit)") { try state.applying(edit, by: "ana", in: context) }
        }
        #expect(state.lists["core-causes"]?.count == 1)
        #expect(!CanvasText.containsMarkup("a < b and 3<4"))
    }

    @Test func treesNestWithinTheirDepth() throws {
        let state = try apply([
            .addNode(field: "problem-tree", node: "n1", branch: "causes", parent: nil, text: "Few jobs"),
            .addNode(field: "problem-tree", node: "n2", branch: "causes", parent: "n1", text: "Factories closed"),
            .addNode(field: "problem-tree", node: "n3", branch: "causes", parent: "n2", text: "Energy costs"),
        ])
        let removed = try state.applying(.removeNode(field: "problem-tree", node: "n1"), by: "ana", in: context)
        #expect(removed.trees["problem-tree"]?.isEmpty == true)
        #expect(throws: CanvasEditError.self) { try state.applying(.addNode(field: "problem-tree", node: "x", branch: "effects", parent: "n1", text: "Mixed"), by: "ana", in: context) }
    }

    @Test func replayRebuildsTheSameState() throws {
        let edits: [(edit: CanvasEdit, author: String)] = [
            (.setText(field: "vision-statement", text: "First."), "ana"),
            (.addItem(field: "core-causes", item: "a", text: "Low trust"), "ben"),
            (.setText(field: "vision-statement", text: "Second."), "ben"),
            (.removeItem(field: "core-causes", item: "a"), "ana"),
        ]
        var state = CanvasState()
        for (edit, author) in edits { state = try state.applying(edit, by: author, in: context) }
        #expect(try CanvasState.replaying(edits, in: context) == state)
    }
}
