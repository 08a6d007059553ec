/// Subjects rated on criteria along a scale.
public struct RatingSpec: Sendable, Hashable, Codable {
    /// What is rated.
    public enum Subjects: Sendable, Hashable, Codable {
        /// The partnership's partner organisations.
        case partners
        /// Names typed in on the day, such as candidate partners.
        case entered
        /// A list written in the library.
        case listed(ChoiceList)

        public init(from decoder: any Decoder) throws {
            if let name = try? decoder.singleValueContainer().decode(String.self) {
                switch name {
                case "partners": self = .partners
                case "entered": self = .entered
                default:
                    throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown subjects \(name)"))
                }
            } else {
                self = .listed(try ChoiceList(from: decoder))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            switch self {
            case .partners:
                var container = encoder.singleValueContainer()
                try container.encode("partners")
            case .entered:
                var container = encoder.singleValueContainer()
                try container.encode("entered")
            case .listed(let list): try list.encode(to: encoder)
            }
        }
    }
    /// The scale, such as 1 (weak) to 5 (strong).
    public struct Scale: Sendable, Hashable, Codable {
        public var min: Int
        public var max: Int
        public var lowLabel: String?
        public var highLabel: String?
        public init(min: Int, max: Int, lowLabel: String? = nil, highLabel: String? = nil) {
            self.min = min
            self.max = max
            self.lowLabel = lowLabel
            self.highLabel = highLabel
        }
    }
    /// Whose score a cell of the rating holds.
    public enum Scoring: String, Sendable, Hashable, Codable, CaseIterable {
        /// One score per subject and criterion, which anyone may change (the default).
        case shared
        /// Each participant gives their own score; the canvas, projector and exports show the mean and the
        /// spread (lowest–highest, how many scored).
        case perPerson = "per-person"
    }
    public var criteria: ChoiceList
    public var subjects: Subjects
    public var scale: Scale
    /// `nil` for the default, one shared score per cell (so the JSON of such fields is unchanged).
    public var scoring: Scoring?
    public init(criteria: ChoiceList, subjects: Subjects, scale: Scale, scoring: Scoring? = nil) {
        self.criteria = criteria
        self.subjects = subjects
        self.scale = scale
        self.scoring = scoring == .shared ? nil : scoring
    }

    /// Whether each participant scores for themselves.
    public var isPerPerson: Bool {
        switch scoring ?? .shared {
        case .shared: false
        case .perPerson: true
        }
    }

    /// The mean of some scores with their spread: "3.7 (2–5, n=3)"; one score alone is itself ("4, n=1").
    public static func meanAndSpread(_ scores: [Int]) -> String? {
        guard let low = scores.min(), let high = scores.max() else { return nil }
        let mean = Double(scores.reduce(0, +)) / Double(scores.count)
        let text = String(format: "%.1f", mean)
        return low == high ? "\(text) (n=\(scores.count))" : "\(text) (\(low)–\(high), n=\(scores.count))"
    }
}

extension RatingSpec: FieldKindSpec {
    /// The edits a rating takes.
    enum Edit: Sendable, Hashable {
        /// Names a subject, for ratings whose subjects are entered on the day.
        case addSubject(subject: String, name: String)
        /// Scores a subject on a criterion; `nil` clears the score.
        case rate(subject: String, criterion: String, score: Int?)
        /// The author's own score, in a rating scored per person; `nil` takes it back.
        case rateOwn(subject: String, criterion: String, score: Int?)
    }

    static var name: CanvasFieldKind.Name { .rating }
    static var keys: [String] { ["criteria", "criteria_from", "subjects", "subjects_from", "scale", "scoring"] }
    static var requiredKeys: [String] { ["scale"] }

    static func read(_ reader: MappingReader, in file: LibraryFile) -> RatingSpec? {
        guard let criteria = file.readOptionList(reader, key: "criteria", required: true),
              let scaleReader = reader.mapping("scale", required: ["min", "max"], optional: ["low_label", "high_label"]) else { return nil }
        guard let low = scaleReader.integer("min", minimum: Int.min, meaning: "a whole number"),
              let high = scaleReader.integer("max", minimum: Int.min, meaning: "a whole number") else { return nil }
        guard low < high else {
            file.error("\(reader.subject): the scale's min \(low) must be less than its max \(high)", at: scaleReader.node)
            return nil
        }
        let scale = Scale(min: low, max: high, lowLabel: scaleReader.text("low_label"), highLabel: scaleReader.text("high_label"))
        let subjects: Subjects
        if reader.has("subjects_from") {
            if reader.has("subjects") {
                file.error("\(reader.subject) has both \"subjects\" and \"subjects_from\"; keep one", at: reader.keyNode("subjects_from"))
                return nil
            }
            guard let list = file.readOptionList(reader, key: "subjects") else { return nil }
            subjects = .listed(list)
        } else if let value = reader.value("subjects"), case .scalar(let scalar) = value {
            switch scalar.string {
            case "partners": subjects = .partners
            case "entered": subjects = .entered
            default:
                file.error("\(reader.subject): \"subjects\" must be \"partners\", \"entered\" or a list of options, not \(describe(value))", at: value)
                return nil
            }
        } else if reader.has("subjects") {
            guard let list = file.readOptionList(reader, key: "subjects") else { return nil }
            subjects = .listed(list)
        } else {
            subjects = .entered
        }
        var scoring: Scoring?
        if let value = reader.value("scoring") {
            guard case .scalar(let scalar) = value, let read = Scoring(rawValue: scalar.string) else {
                file.error("\(reader.subject): \"scoring\" must be \"shared\" (one score per cell) or \"per-person\" (each participant scores), not \(describe(value))", at: value)
                return nil
            }
            scoring = read
        }
        return RatingSpec(criteria: criteria, subjects: subjects, scale: scale, scoring: scoring)
    }

    var kind: CanvasFieldKind { .rating(self) }
    var optionLists: [ChoiceList] {
        if case .listed(let list) = subjects { [criteria, list] } else { [criteria] }
    }
    func replacingOptionLists(_ lists: [ChoiceList]) -> RatingSpec {
        guard lists.count == optionLists.count else { return self }
        var spec = self
        spec.criteria = lists[0]
        if lists.count > 1 { spec.subjects = .listed(lists[1]) }
        return spec
    }

    func apply(_ edit: Edit, to state: inout CanvasState, check: FieldEditCheck) throws(CanvasEditError) {
        let label = check.field.label
        switch edit {
        case .addSubject(let subject, let name):
            guard case .entered = subjects else { throw check.fail("\(label) rates a fixed list; subjects cannot be added.") }
            try check.id(subject, "subject")
            let clean = try check.entry(name, "name")
            guard !clean.isEmpty else { throw check.fail("A subject of \(label) needs a name.") }
            let existing = state.subjects[check.id] ?? []
            guard !existing.contains(where: { $0.id == subject }) else { throw check.fail("\(label) already has a subject with this id.") }
            try check.room(existing.count, noun: "subjects")
            state.subjects[check.id, default: []].append(CanvasState.Entry(id: subject, text: clean))
        case .rate(let subject, let criterion, let score):
            guard !isPerPerson else { throw check.fail("In \(label) each person gives their own score.") }
            try checkScore(subject, criterion, score, state: state, check: check)
            state.ratings[check.id, default: [:]][subject, default: [:]][criterion] = score
        case .rateOwn(let subject, let criterion, let score):
            guard isPerPerson else { throw check.fail("\(label) holds one shared score per cell, not each person's own.") }
            try checkScore(subject, criterion, score, state: state, check: check)
            state.ownRatings[check.id, default: [:]][subject, default: [:]][criterion, default: [:]][check.author] = score
            if score == nil {
                // A score taken back leaves no empty cell behind, so a field whose scores are all taken back is empty.
                if state.ownRatings[check.id]?[subject]?[criterion]?.isEmpty == true { state.ownRatings[check.id]?[subject]?[criterion] = nil }
                if state.ownRatings[check.id]?[subject]?.isEmpty == true { state.ownRatings[check.id]?[subject] = nil }
                if state.ownRatings[check.id]?.isEmpty == true { state.ownRatings[check.id] = nil }
            }
        }
    }

    /// Refuses a score for a subject or criterion the field does not have, or outside the scale.
    private func checkScore(_ subject: String, _ criterion: String, _ score: Int?, state: CanvasState, check: FieldEditCheck) throws(CanvasEditError) {
        let label = check.field.label
        let known: Bool
        switch subjects {
        case .partners: known = check.context.partners.contains(subject)
        case .entered: known = state.subjects[check.id]?.contains { $0.id == subject } == true
        case .listed(let list): known = list.options.contains { $0.id == subject }
        }
        guard known else { throw check.fail("\(label) has no subject with that id.") }
        guard criteria.options.contains(where: { $0.id == criterion }) else { throw check.fail("\(label) has no criterion \"\(criterion.prefix(40))\".") }
        if let score, !(scale.min...scale.max).contains(score) {
            throw check.fail("Scores for \(label) run from \(scale.min) to \(scale.max); \(score) is outside.")
        }
    }

    func summarize(_ state: CanvasState, field: CanvasField, into summary: inout FieldSummary, name: (String) -> String) {
        summary.columns = ["Subject"] + criteria.options.map(\.label)
        var subjectNames: [(String, String)]
        switch subjects {
        case .partners: subjectNames = (state.ratings[field.id] ?? [:]).keys.sorted().map { ($0, name($0)) }
        case .entered: subjectNames = (state.subjects[field.id] ?? []).map { ($0.id, $0.text) }
        case .listed(let list): subjectNames = list.options.map { ($0.id, $0.label) }
        }
        if isPerPerson {
            // Each cell: the mean of everyone's scores with their spread, "3.7 (2–5, n=3)".
            let own = state.ownRatings[field.id] ?? [:]
            if case .partners = subjects { subjectNames = own.keys.sorted().map { ($0, name($0)) } }
            summary.rows = subjectNames.compactMap { id, label in
                let cells = criteria.options.map { option in Self.meanAndSpread(Array((own[id]?[option.id] ?? [:]).values)) }
                guard cells.contains(where: { $0 != nil }) else { return nil }
                return [label] + cells.map { $0 ?? "" }
            }
            return
        }
        summary.rows = subjectNames.compactMap { id, label in
            guard let scores = state.ratings[field.id]?[id], !scores.isEmpty else { return nil }
            return [label] + criteria.options.map { option in scores[option.id].map { String($0) } ?? "" }
        }
    }

    var outline: [String] {
        ["\(criteria.options.count) criteria, scale \(scale.min)–\(scale.max)"] + (isPerPerson ? ["each person scores"] : [])
    }
}
