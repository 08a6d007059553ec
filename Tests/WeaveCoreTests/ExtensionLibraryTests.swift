import Testing
@testable import WeaveCore

/// An organisation's own folder — a new path and two new tools, YAML only — loads on top of the built-in
/// library, validates, and gets an agenda. Expected values are worked out in Fixtures/extension/README.md.
@Suite struct ExtensionLibraryTests {
    @Test func loadsAndValidates() throws {
        let (library, diagnostics) = Library.load([.builtIn, fixtureFolder("extension")])
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let path = try #require(library.path("morning-check-in"))
        #expect(path.totalMinutes == 90)
        #expect(library.tool("influence-grid")?.number == 101)
        // `use` copies the tool's field; `…_from` fills the options from the tool's option set.
        #expect(path.phases[1].canvas.first?.origin == "influence-grid/stakeholder-grid")
        #expect(path.phases[2].canvas.first?.id == "health-check")
        guard case .checklist(let asked) = library.tool("check-in-questions")?.fields.first?.kind else { Issue.record("no checklist"); return }
        #expect(asked.items.options.map(\.id) == ["mood", "news"])
    }

    @Test func getsAnAgenda() throws {
        let library = try Library.loading([fixtureFolder("extension")])
        let path = try #require(library.path("morning-check-in"))
        let plain = try Agenda(path: path, start: ClockTime(parsing: "09:30")!, library: library)
        #expect(plain.end.description == "11:00")
        #expect(plain.phases[1].steps.map(\.minutes) == [10, 20, 10])
        #expect(plain.phases[1].steps.map(\.timing) == [.own, .sharedByWeight, .sharedByWeight])

        let withBreak = try Agenda(path: path, start: ClockTime(parsing: "09:30")!, breaks: [try AgendaBreak(parsing: "10:00+10")], library: library)
        #expect(withBreak.end.description == "11:10")
        #expect(withBreak.breaks.first?.duringPhase == "map")
        #expect(withBreak.breaks.first?.duringStep == nil)
        #expect(withBreak.phases[1].steps[1].start.description == "10:10")
    }
}
