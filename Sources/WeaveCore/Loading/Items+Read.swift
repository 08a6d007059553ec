import Yams

/// An item as read from its file, before references are resolved.
enum ParsedItem {
    case codebook(Codebook, codeLocations: [String: SourceLocation])
    case tool(Tool, fields: [FieldEntry])
    case toolkit(Toolkit)
    case path(Path, canvas: [[FieldEntry]])

    var id: String {
        switch self {
        case .codebook(let item, _): item.id
        case .tool(let item, _): item.id
        case .toolkit(let item): item.id
        case .path(let item, _): item.id
        }
    }

    var kind: ItemKind {
        switch self {
        case .codebook: .codebook
        case .tool: .tool
        case .toolkit: .toolkit
        case .path: .path
        }
    }
}

extension LibraryFile {
    /// Reads a file's root node as a library item.
    func readItem(_ root: Node) -> (ParsedItem, SourceLocation)? {
        guard case .mapping(let mapping) = root else {
            error("the file must be a mapping starting with \"kind:\" and \"id:\", not \(describe(root))", at: root)
            return nil
        }
        guard let kindNode = mapping["kind"] else {
            error("the file has no \"kind\"; start it with \"kind:\" followed by one of \(ItemKind.fileKinds.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))", at: root)
            return nil
        }
        let written = kindNode.scalar?.string ?? ""
        guard let kind = ItemKind(rawValue: written), kind != .code else {
            let hint = Suggestion.closest(to: written, in: ItemKind.fileKinds.map(\.rawValue)).map { " (did you mean \"\($0)\"?)" } ?? ""
            error("\"kind\" must be one of \(ItemKind.fileKinds.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), not \(describe(kindNode))\(hint)", at: kindNode)
            return nil
        }
        let idText = mapping["id"]?.scalar?.string
        if let idText { attemptedID = idText }
        readLanguage(root)
        let subject = idText.map { "\(kind.displayName) \"\($0)\"" } ?? "the \(kind.displayName)"
        let item: ParsedItem?
        switch kind {
        case .codebook: item = readCodebook(root, subject: subject)
        case .tool: item = readTool(root, subject: subject)
        case .toolkit: item = readToolkit(root, subject: subject)
        case .path: item = readPath(root, subject: subject)
        case .code: item = nil
        }
        return item.map { ($0, location(of: mapping["id"] ?? root)) }
    }

    // MARK: Codebook

    private func readCodebook(_ node: Node, subject: String) -> ParsedItem? {
        guard let reader = MappingReader(node, subject: subject, file: self, required: ["kind", "id", "name", "codes"], optional: ["description"]) else { return nil }
        let id = reader.id()
        let name = reader.text("name", nonEmpty: true)
        var codes: [ActivityCode] = []
        var locations: [String: SourceLocation] = [:]
        if let nodes = reader.list("codes", nonEmpty: true), let id {
            readCodes(nodes, parent: nil, codebook: id, depth: 1, into: &codes, locations: &locations)
        }
        guard let id, let name else { return nil }
        return .codebook(Codebook(id: id, name: name, description: reader.text("description"), codes: codes), codeLocations: locations)
    }

    /// Codes nest; deeper than this is a mistake, and refusing it keeps hostile files from exhausting the stack.
    private static let maximumCodeDepth = 12

    @discardableResult
    private func readCodes(_ nodes: [Node], parent: String?, codebook: String, depth: Int, into codes: inout [ActivityCode], locations: inout [String: SourceLocation]) -> [String] {
        var ids: [String] = []
        for (index, node) in nodes.enumerated() {
            let fallback = parent.map { "code \(index + 1) under \"\($0)\"" } ?? "code \(index + 1)"
            let subject = (node.mapping?["id"]?.scalar?.string).map { "code \"\($0)\"" } ?? fallback
            guard let reader = MappingReader(node, subject: subject, file: self, required: ["id", "name", "definition"], optional: ["example", "children", "parent"]) else { continue }
            let id = reader.id()
            // A top-level code may sit under a code of another codebook, such as a built-in one.
            var placedUnder = parent
            if reader.has("parent") {
                if let parent {
                    error("\(subject) is nested under \"\(parent)\", which is its parent; \"parent\" is only for a top-level code placed under another codebook's code", at: reader.keyNode("parent"))
                } else {
                    placedUnder = reader.reference("parent", to: .code)
                }
            }
            let name = reader.text("name", nonEmpty: true)
            let definition = reader.text("definition", nonEmpty: true)
            guard let id else { continue }
            if locations[id] != nil {
                error("\(subject): the id \"\(id)\" is already used by another code in this codebook (line \(locations[id]!.line))", at: reader.value("id"))
                continue
            }
            locations[id] = reader.location("id")
            let position = codes.count
            codes.append(ActivityCode(id: id, name: name ?? id, definition: definition ?? "", example: reader.text("example"), parent: placedUnder, codebook: codebook))
            if let children = reader.list("children") {
                if depth >= LibraryFile.maximumCodeDepth {
                    error("\(subject): codes may nest at most \(LibraryFile.maximumCodeDepth) levels deep", at: reader.value("children"))
                } else {
                    codes[position].children = readCodes(children, parent: id, codebook: codebook, depth: depth + 1, into: &codes, locations: &locations)
                }
            }
            ids.append(id)
        }
        return ids
    }

    // MARK: Tool

    private func readTool(_ node: Node, subject: String) -> ParsedItem? {
        guard let reader = MappingReader(
            node, subject: subject, file: self, required: ["kind", "id", "type", "name", "purpose", "activities"],
            optional: ["number", "summary", "description", "when_to_use", "duration", "group_size", "materials", "steps",
                       "produces", "related", "option_sets", "fields"]) else { return nil }
        let id = reader.id()
        let type = reader.choice("type", of: Tool.Kind.self)
        let name = reader.text("name", nonEmpty: true)
        let purpose = reader.text("purpose", nonEmpty: true)
        let activities = reader.references("activities", to: .code, nonEmpty: true)
        let related = reader.references("related", to: .tool)
        if let id, related.contains(id) { error("\(subject) lists itself in \"related\"", at: reader.value("related")) }
        var optionSets: [ChoiceSet] = []
        if let sets = reader.value("option_sets") {
            if case .mapping(let mapping) = sets {
                for (key, value) in mapping {
                    guard let setID = key.scalar?.string, Identifier.isValid(setID) else {
                        incompleteOptionSets = true
                        error("\(subject): option set name \(describe(key)) is not a valid id: \(Identifier.problem(with: key.scalar?.string ?? ""))", at: key)
                        continue
                    }
                    guard case .sequence(let sequence) = value, !Array(sequence).isEmpty else {
                        incompleteOptionSets = true
                        error("\(subject): option set \"\(setID)\" must be a list of at least one option ({id, label, description})", at: value)
                        continue
                    }
                    if let options = readOptions(Array(sequence), subject: "\(subject): option set \"\(setID)\"") {
                        optionSets.append(ChoiceSet(id: setID, options: options))
                    } else {
                        incompleteOptionSets = true
                    }
                }
            } else {
                error("\(subject): \"option_sets\" must be a mapping from set names to lists of options, not \(describe(sets))", at: sets)
            }
        }
        let fields = readFields(reader.list("fields") ?? [], owner: subject)
        let tool = Tool(
            id: id ?? "", type: type ?? .guide, number: reader.integer("number", minimum: 1, meaning: "a whole number greater than zero"),
            name: name ?? "", summary: reader.text("summary"), description: reader.text("description"),
            purpose: purpose ?? "", whenToUse: reader.text("when_to_use"),
            duration: reader.range("duration", minimum: 1, unit: "minutes"), groupSize: reader.range("group_size", minimum: 1, unit: "people"),
            materials: readMaterials(reader), steps: reader.textList("steps"), produces: reader.textList("produces"),
            activities: activities, related: related, optionSets: optionSets, fields: [])
        guard id != nil, type != nil, name != nil, purpose != nil else { return nil }
        return .tool(tool, fields: fields)
    }

    private func readMaterials(_ reader: MappingReader) -> [Material] {
        (reader.list("materials") ?? []).enumerated().compactMap { index, node in
            guard let material = MappingReader(node, subject: "\(reader.subject): material \(index + 1)", file: self, required: ["name"], optional: ["quantity", "per", "note"]),
                  let name = material.text("name", nonEmpty: true) else { return nil }
            return Material(
                name: name, quantity: material.integer("quantity", minimum: 1, meaning: "a whole number greater than zero"),
                per: material.choice("per", of: Material.Per.self) ?? .session, note: material.text("note"))
        }
    }

    // MARK: Toolkit

    private func readToolkit(_ node: Node, subject: String) -> ParsedItem? {
        guard let reader = MappingReader(
            node, subject: subject, file: self, required: ["kind", "id", "name", "creator", "activities"],
            optional: ["summary", "description", "year", "url", "networks", "tools"]) else { return nil }
        let id = reader.id()
        let name = reader.text("name", nonEmpty: true)
        var creator: Toolkit.Creator?
        if let creatorReader = reader.mapping("creator", required: ["organisation"], optional: ["authors", "country", "type"]) {
            let type = creatorReader.text("type") == nil ? nil : creatorReader.choice("type", of: Toolkit.CreatorType.self)
            creator = creatorReader.text("organisation", nonEmpty: true).map {
                Toolkit.Creator(organisation: $0, authors: creatorReader.textList("authors"), country: creatorReader.text("country"), type: type)
            }
        }
        var networks = Toolkit.Networks()
        if let networksReader = reader.mapping("networks", required: [], optional: ["description", "social_issues", "ages", "member_org_types"]) {
            networks = Toolkit.Networks(
                description: networksReader.text("description"), socialIssues: networksReader.textList("social_issues"),
                ages: networksReader.textList("ages"), memberOrgTypes: networksReader.textList("member_org_types"))
        }
        let toolkit = Toolkit(
            id: id ?? "", name: name ?? "", summary: reader.text("summary"), description: reader.text("description"),
            creator: creator ?? Toolkit.Creator(organisation: ""),
            year: reader.integer("year", minimum: 1, meaning: "a year, such as 2019"), url: reader.text("url"), networks: networks,
            tools: reader.references("tools", to: .tool), activities: reader.references("activities", to: .code, nonEmpty: true))
        guard id != nil, name != nil, creator != nil else { return nil }
        return .toolkit(toolkit)
    }

    // MARK: Path

    private func readPath(_ node: Node, subject: String) -> ParsedItem? {
        guard let reader = MappingReader(
            node, subject: subject, file: self, required: ["kind", "id", "name"],
            optional: ["phases", "days", "subtitle", "summary", "description", "participants", "outcomes", "preparation",
                       "preparation_tool", "materials", "tools", "record", "per_partner"]) else { return nil }
        let id = reader.id()
        let name = reader.text("name", nonEmpty: true)
        var participants: Path.Participants?
        if let people = reader.mapping("participants", required: [], optional: ["min", "max", "description", "notes"]) {
            let low = people.integer("min", minimum: 1, meaning: "a whole number of people greater than zero")
            let high = people.integer("max", minimum: 1, meaning: "a whole number of people greater than zero")
            if let low, let high, low > high {
                error("\(subject): participants \"min\" (\(low)) is greater than \"max\" (\(high))", at: people.value("min"))
            }
            participants = Path.Participants(min: low, max: high, description: people.text("description"), notes: readNotes(people, key: "notes"))
        }
        var phases: [Path.PhaseDraft] = []
        var phaseIDs: [String: Int] = [:]
        func readPhases(_ nodes: [Node], of owner: String) -> [String] {
            var ids: [String] = []
            for (index, phaseNode) in nodes.enumerated() {
                guard let draft = readPhase(phaseNode, position: index + 1, path: owner) else { continue }
                if let line = phaseIDs[draft.phase.id] {
                    error("\(subject) has two phases with the id \"\(draft.phase.id)\" (the other is on line \(line))", at: draft.idLocation)
                    continue
                }
                phaseIDs[draft.phase.id] = draft.idLocation.line
                phases.append(draft)
                ids.append(draft.phase.id)
            }
            return ids
        }
        // One day: "phases". Several days: "days", each with its own "phases".
        var days: [Path.Day]?
        switch (reader.has("phases"), reader.has("days")) {
        case (true, true):
            error("\(subject) has both \"phases\" and \"days\"; a path of one day lists \"phases\", a path of several days lists its phases under each of its \"days\"", at: reader.keyNode("days"))
        case (false, false):
            error("\(subject) is missing \"phases\" (a path of one day) or \"days\" (a path of several days, each with its phases)", at: node)
        case (true, false):
            _ = readPhases(reader.list("phases", nonEmpty: true) ?? [], of: subject)
        case (false, true):
            var read: [Path.Day] = []
            for (index, dayNode) in (reader.list("days", nonEmpty: true) ?? []).enumerated() {
                let daySubject = (dayNode.mapping?["name"]?.scalar?.string).map { "day \"\($0)\"" } ?? "day \(index + 1) of \(subject)"
                guard let day = MappingReader(dayNode, subject: daySubject, file: self, required: ["name", "phases"], optional: []) else { continue }
                let dayName = day.text("name", nonEmpty: true)
                let ids = readPhases(day.list("phases", nonEmpty: true) ?? [], of: daySubject)
                if let dayName, !ids.isEmpty { read.append(Path.Day(name: dayName, phases: ids)) }
            }
            days = read
        }
        let path = Path(
            id: id ?? "", name: name ?? "", subtitle: reader.text("subtitle"), summary: reader.text("summary"),
            description: reader.text("description"), participants: participants, outcomes: reader.textList("outcomes"),
            preparation: readNotes(reader, key: "preparation"), materials: readMaterials(reader),
            tools: reader.references("tools", to: .tool), phases: phases.map(\.phase), days: days,
            preparationTool: readPreparationTool(reader), record: readRecord(reader, path: id ?? ""))
        var access = path
        access.perPartner = reader.choice("per_partner", of: PerPartnerAccess.self) ?? .anyone
        guard id != nil, name != nil, !phases.isEmpty else { return nil }
        return .path(access, canvas: phases.map(\.canvas))
    }

    /// `preparation_tool`: a tool whose fields are all per-partner written answers, checked once the tool is known.
    private func readPreparationTool(_ reader: MappingReader) -> String? {
        guard let id = reader.reference("preparation_tool", to: .tool) else { return nil }
        let location = reader.location("preparation_tool")
        let subject = reader.subject
        afterLoading { library in
            guard let tool = library.tool(id) else { return }  // a missing tool is reported with the references
            let fitting = !tool.fields.isEmpty && tool.fields.allSatisfy { field in
                if case .perPartner(let spec) = field.kind { spec.answer == .text } else { false }
            }
            if !fitting {
                library.report("\(subject) names \"\(id)\" as its preparation_tool, but a preparation worksheet is filled in by each partner on its own: every field of the tool must be per-partner with a written answer (kind: per-partner, answer: text)", at: location)
            }
        }
        return id
    }

    private func readNotes(_ reader: MappingReader, key: String) -> [Note] {
        (reader.list(key) ?? []).enumerated().compactMap { index, node in
            if case .scalar(let scalar) = node, !isNull(node) {
                return Note(text: scalar.string.trimmingCharacters(in: .whitespacesAndNewlines))
            }
            // A note with neither `text` nor `tool` is one text written as translations.
            if case .mapping(let mapping) = node, !mapping.keys.contains(where: { ["text", "tool"].contains($0.scalar?.string) }) {
                return translatedText(node, subject: reader.subject, what: "\"\(key)\" entry \(index + 1)").map { Note(text: $0) }
            }
            guard let note = MappingReader(node, subject: "\(reader.subject): \"\(key)\" entry \(index + 1)", file: self, required: ["text"], optional: ["tool"]),
                  let text = note.text("text", nonEmpty: true) else { return nil }
            return Note(text: text, tool: note.reference("tool", to: .tool))
        }
    }

    private func readPhase(_ node: Node, position: Int, path: String) -> Path.PhaseDraft? {
        let subject = (node.mapping?["id"]?.scalar?.string).map { "phase \"\($0)\"" } ?? "phase \(position) of \(path)"
        guard let reader = MappingReader(
            node, subject: subject, file: self, required: ["id", "name", "duration", "steps"],
            optional: ["description", "step_timing", "canvas"]) else { return nil }
        let id = reader.id()
        let name = reader.text("name", nonEmpty: true)
        let duration = reader.integer("duration", minimum: 1, meaning: "a whole number of minutes greater than zero")
        let timing = reader.choice("step_timing", of: Phase.StepTiming.self)
        var steps: [Step] = []
        var stepNodes: [Node] = []
        for (index, stepNode) in (reader.list("steps", nonEmpty: true) ?? []).enumerated() {
            if let step = readStep(stepNode, position: index + 1, phase: subject, timing: timing) {
                steps.append(step)
                stepNodes.append(stepNode)
            }
        }
        let canvas = readFields(reader.list("canvas") ?? [], owner: subject)
        guard let id, let name, let duration, !steps.isEmpty else { return nil }
        checkStepTiming(steps, nodes: stepNodes, duration: duration, timing: timing, reader: reader)
        let phase = Phase(id: id, name: name, duration: duration, description: reader.text("description"), stepTiming: timing, steps: steps)
        return Path.PhaseDraft(phase: phase, canvas: canvas, idLocation: reader.location("id"))
    }

    private func readStep(_ node: Node, position: Int, phase: String, timing: Phase.StepTiming?) -> Step? {
        let subject = (node.mapping?["title"]?.scalar?.string).map { "step \"\($0)\"" } ?? "step \(position) of \(phase)"
        guard let reader = MappingReader(
            node, subject: subject, file: self, required: ["title"],
            optional: ["description", "lead", "grouping", "tool", "duration", "weight", "activities", "optional", "alternatives",
                       "notes", "materials", "group_size", "mix_organisations"]) else { return nil }
        let title = reader.text("title", nonEmpty: true)
        let duration = reader.integer("duration", minimum: 1, meaning: "a whole number of minutes greater than zero")
        let weight = reader.positiveNumber("weight")
        if weight != nil && timing != .weighted {
            error("\(subject) has a \"weight\", which only counts when its phase says step_timing: weighted", at: reader.keyNode("weight"))
        }
        if weight != nil && duration != nil {
            error("\(subject) has both a \"duration\" and a \"weight\"; a timed step takes its duration, so drop the weight", at: reader.keyNode("weight"))
        }
        let tool = reader.reference("tool", to: .tool)
        let activities = reader.references("activities", to: .code)
        if activities.isEmpty && !reader.has("activities") {
            if let tool {
                let location = location(of: node)
                afterLoading { library in
                    if let used = library.tool(tool), used.activities.isEmpty {
                        library.report("\(subject) is not coded to any activity: its tool \"\(tool)\" has none, so give the step \"activities\"", at: location)
                    }
                }
            } else {
                error("\(subject) is not coded to any activity: give it \"activities\" or a \"tool\" that has some", at: node)
            }
        }
        let grouping = reader.choice("grouping", of: Step.Grouping.self)
        let groupSize = reader.integer("group_size", minimum: 2, meaning: "a whole number of people, 2 or more")
        if reader.has("group_size") && grouping != .smallGroups {
            error("\(subject): \"group_size\" applies only to grouping: small-groups (pairs are 2 and triads 3)", at: reader.keyNode("group_size"))
        }
        let mix = reader.bool("mix_organisations")
        if mix != nil && ![.pairs, .triads, .smallGroups].contains(grouping) {
            error("\(subject): \"mix_organisations\" applies only to grouping: pairs, triads or small-groups", at: reader.keyNode("mix_organisations"))
        }
        let alternatives = reader.has("alternatives") ? reader.references("alternatives", to: .tool, nonEmpty: true) : nil
        if alternatives != nil && tool == nil {
            error("\(subject) has \"alternatives\" but no \"tool\"; name the usual tool, and the ones that can stand in for it under \"alternatives\"", at: reader.keyNode("alternatives"))
        }
        if let tool, alternatives?.contains(tool) == true {
            error("\(subject) lists its own tool \"\(tool)\" among its \"alternatives\"", at: reader.value("alternatives"))
        }
        let materials = reader.has("materials") ? readMaterials(reader) : nil
        guard let title else { return nil }
        return Step(
            title: title, description: reader.text("description"), lead: reader.choice("lead", of: Step.Lead.self) ?? .everyone,
            grouping: grouping, tool: tool, duration: duration, weight: weight,
            activities: activities, optional: reader.bool("optional"), alternatives: alternatives,
            notes: reader.text("notes", nonEmpty: true), materials: materials,
            groupSize: groupSize, mixOrganisations: mix)
    }

    /// Checks that steps' times fit the phase, so that no minute is dropped or invented silently.
    private func checkStepTiming(_ steps: [Step], nodes: [Node], duration: Int, timing: Phase.StepTiming?, reader: MappingReader) {
        let timed = steps.compactMap(\.duration).reduce(0, +)
        let untimed = zip(steps, nodes).filter { $0.0.duration == nil }
        if timed > duration {
            error("\(reader.subject): its steps' durations add up to \(timed) minutes, more than the phase's \(duration)", at: reader.value("duration"))
        } else if untimed.isEmpty && timed != duration {
            error("\(reader.subject): its steps' durations add up to \(timed) minutes but the phase lasts \(duration); make them add up, or leave a step without a duration to take the rest", at: reader.value("duration"))
        } else if !untimed.isEmpty && timed == duration {
            error("\(reader.subject): its timed steps take all \(duration) minutes, leaving none for \(untimed.count == 1 ? "the step" : "the \(untimed.count) steps") without a duration", at: reader.value("duration"))
        } else if untimed.count > 1 && timing == nil {
            error("\(reader.subject) has \(untimed.count) steps without a duration; say how they share the remaining \(duration - timed) minutes with step_timing: equal or step_timing: weighted", at: reader.node)
        } else if timing == .weighted {
            for (step, node) in untimed where step.weight == nil {
                error("step \"\(step.title)\" has no duration and no \"weight\", but its phase shares time by weight", at: node)
            }
        }
    }
}

extension Path {
    /// A phase as read, with its canvas entries still to resolve.
    struct PhaseDraft {
        var phase: Phase
        var canvas: [FieldEntry]
        var idLocation: SourceLocation
    }
}
