import Testing
@testable import WeaveCore

/// The built-in library loads cleanly and encodes seed 002 (the Path of Joint Action) and seed 000
/// (three toolkits) faithfully. Expected values are read straight off the seeds.
@Suite struct BuiltInLibraryTests {
    @Test func loadsWithoutProblems() {
        let (library, diagnostics) = Library.load([.builtIn])
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.description).joined(separator: "\n"))")
        #expect(library.paths.count >= 1)
        #expect(library.codebooks.count >= 1)
    }

    @Test func jointActionPhasesMatchSeed() throws {
        let path = try #require(try builtInLibrary().path("joint-action"))
        #expect(path.name == "Path of Joint Action")
        #expect(path.subtitle == "Building Partnerships for Collective Impact")
        #expect(path.phases.map(\.name) == ["Orientation", "Groundwork", "Summit", "Outlook", "Action plan", "Closing"])
        #expect(path.phases.map(\.duration) == [60, 120, 90, 70, 65, 30])
        #expect(path.totalMinutes == 435)
        #expect(path.participants?.min == 10)
        #expect(path.participants?.max == 15)
        #expect(path.outcomes.count == 4)
    }

    @Test func jointActionToolsAndNumbersMatchSeed() throws {
        let library = try builtInLibrary()
        let path = try #require(library.path("joint-action"))
        let tools = path.tools.compactMap(library.tool)
        #expect(tools.count == 12)
        func numbers(_ type: Tool.Kind) -> [Int] { tools.filter { $0.type == type }.compactMap(\.number).sorted() }
        #expect(numbers(.methodCard) == [20, 21, 34, 44, 45, 46])
        #expect(numbers(.backgroundPaper) == [31, 32, 33])
        #expect(numbers(.worksheet) == [10, 11, 24])
    }

    @Test func jointActionMaterialsCountFigures() throws {
        let path = try #require(try builtInLibrary().path("joint-action"))
        let figures = path.materials.filter { $0.name.lowercased().contains("figure") }
        #expect(figures.count == 2)
        #expect(figures.allSatisfy { $0.quantity == 3 && $0.per == .participant })
        #expect(figures.compactMap { $0.total(participants: 12) } == [36, 36])
    }

    @Test func jointActionStepsLeadsAndTools() throws {
        let path = try #require(try builtInLibrary().path("joint-action"))
        let orientation = path.phases[0]
        #expect(orientation.steps.first?.lead == .host)
        #expect(orientation.steps.contains { $0.tool == "projects-as-an-interface" && $0.grouping == .rounds })
        #expect(orientation.steps.contains { $0.grouping == .triads })
        #expect(path.phases[1].steps.first?.tool == "problem-and-solution-tree")
        #expect(path.phases[2].steps.map(\.tool) .contains("collective-impact"))
        #expect(path.phases[2].steps.map(\.tool).contains("creating-a-shared-vision"))
        #expect(path.phases[3].steps.map(\.tool) == ["defining-partnership-roles"])
        #expect(path.phases[4].steps.map(\.tool) == ["partnership-assessment"])
    }

    /// Each phase's "input to path canvas" in seed 002, as typed fields.
    @Test func jointActionCanvasInputs() throws {
        let path = try #require(try builtInLibrary().path("joint-action"))
        let kinds = path.phases.map { $0.canvas.map(\.kind.name) }
        #expect(kinds[0] == [.list])
        #expect(kinds[1] == [.list])
        #expect(kinds[2] == [.text, .table])
        #expect(kinds[3] == [.perPartner])
        #expect(kinds[4].first == .tokenVote)
        #expect(kinds[5].isEmpty)

        guard case .list(let causes) = path.phases[1].canvas[0].kind else { Issue.record("core causes is not a list"); return }
        #expect(causes.minItems == 3 && causes.maxItems == 5)
        guard case .text(let vision) = path.phases[2].canvas[0].kind else { Issue.record("vision is not text"); return }
        #expect(vision.maxSentences == 1)
        guard case .table(let indicators) = path.phases[2].canvas[1].kind else { Issue.record("indicators is not a table"); return }
        #expect(indicators.minRows == 3 && indicators.maxRows == 3)
        guard case .perPartner(let roles) = path.phases[3].canvas[0].kind else { Issue.record("roles is not per-partner"); return }
        #expect(roles.answer == .choice)
        #expect(roles.options?.source == "defining-partnership-roles/roles")
        #expect((roles.options?.options.count ?? 0) >= 3)
        guard case .tokenVote(let vote) = path.phases[4].canvas[0].kind else { Issue.record("assessment is not a token vote"); return }
        #expect(Set(vote.tokens.map(\.colour)) == ["green", "red"])
        #expect(vote.tokens.allSatisfy { $0.perParticipant == 3 })
        #expect(vote.ratio == .init(numerator: "green", denominator: "red"))
        #expect(vote.targets.source == "partnership-assessment-table/fields")
        #expect(!vote.targets.options.isEmpty)
    }

    @Test func everyToolAndStepIsCoded() throws {
        let library = try builtInLibrary()
        for tool in library.tools { #expect(!tool.activities.isEmpty, "tool \(tool.id)") }
        for path in library.paths {
            for step in path.phases.flatMap(\.steps) { #expect(!library.activities(of: step).isEmpty, "step \(step.title)") }
        }
    }

    @Test func toolkitsFromSeed000() throws {
        let library = try builtInLibrary()
        let toolbook = try #require(library.toolkit("partnering-toolbook"))
        #expect(toolbook.creator.organisation == "The Partnering Initiative")
        #expect(toolbook.creator.authors == ["Ros Tennyson"])
        #expect(toolbook.tools.contains("partner-assessment-form"))
        #expect(toolbook.tools.contains("communications-checklist"))
        let form = try #require(library.tool("partner-assessment-form"))
        guard case .rating(let rating) = form.fields.first?.kind else { Issue.record("form has no rating"); return }
        #expect(rating.criteria.options.count == 4)

        let ctb = try #require(library.toolkit("community-tool-box"))
        #expect(ctb.creator.type == .academic)
        #expect(ctb.tools.count >= 4)
        let tacsi = try #require(library.toolkit("building-networks-for-systemic-impact"))
        #expect(tacsi.tools.count == 4)
        #expect(tacsi.creator.country == "Australia")
        // No year or address is known from the seeds; they must stay empty rather than be invented.
        for toolkit in library.toolkits { #expect(toolkit.year == nil && toolkit.url == nil, "\(toolkit.id)") }
    }

    @Test func codebookIsHierarchicalAndCoversTheToolkitsActivities() throws {
        let library = try builtInLibrary()
        let codebook = try #require(library.codebook("default-activities"))
        #expect(codebook.codes.contains { $0.parent == nil && !$0.children.isEmpty })
        for id in ["community-needs-assets", "stakeholder-engagement", "partner-assessment", "relationship-building",
                   "problem-analysis", "shared-vision", "roles-leadership", "formal-agreements", "action-planning",
                   "shared-measurement", "communication", "collaboration-management", "partnership-review",
                   "learning-adapting", "sustaining-membership", "member-wellbeing"] {
            let code = library.code(id)
            #expect(code != nil, "missing code \(id)")
            #expect(code?.parent != nil, "\(id) should sit under a broader code")
            #expect(!(code?.definition.isEmpty ?? true))
        }
    }
}
