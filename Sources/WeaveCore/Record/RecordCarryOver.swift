/// What a closed session offers to carry into the partnership's record: for each field the path's `record`
/// key names, the entries its canvas content would become. The facilitator confirms them field by field.
public struct CarryOverProposal: Sendable, Hashable {
    /// One entry the canvas offers.
    public struct Item: Sendable, Hashable {
        /// The row, list item or partner it comes from, unique within the field.
        public var ref: String
        public var entry: RecordEntry
    }

    public var source: RecordSource
    /// The field's label on the canvas.
    public var label: String
    public var items: [Item]

    /// The proposals for a path's canvas, in the order the path's `record` key lists them.
    ///
    /// - Parameters:
    ///   - path: the path, whose `record` key says what carries over.
    ///   - canvas: the session's canvas.
    ///   - sessionDate: `YYYY-MM-DD`; indicators start there (their baseline's date).
    ///   - partners: the partner keys of the partnership; cells naming anyone else are left empty.
    public static func proposals(for path: Path, canvas: CanvasState, sessionDate: String, partners: Set<String>) -> [CarryOverProposal] {
        let fields = Dictionary(path.canvasFields.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        return path.record.compactMap { source in
            guard let field = fields[source.field], source.problem(with: field) == nil else { return nil }
            return CarryOverProposal(source: source, label: field.label,
                                     items: items(source, field, canvas, sessionDate: sessionDate, partners: partners))
        }
    }

    private static func items(_ source: RecordSource, _ field: CanvasField, _ canvas: CanvasState, sessionDate: String,
                              partners: Set<String>) -> [Item] {
        switch field.kind {
        case .perPartner(let spec):
            let labels = Dictionary((spec.options?.options ?? []).map { ($0.id, $0.label) }, uniquingKeysWith: { first, _ in first })
            return (canvas.partnerAnswers[field.id] ?? [:]).sorted { $0.key < $1.key }.compactMap { partner, answer in
                guard partners.contains(partner) else { return nil }
                let text = answer.text?.trimmingCharacters(in: .whitespacesAndNewlines)
                    ?? answer.choices.map { labels[$0] ?? $0 }.joined(separator: ", ")
                guard !text.isEmpty else { return nil }
                return Item(ref: partner, entry: .role(PartnerRole(partner: partner, role: text)))
            }
        case .list:
            return (canvas.lists[field.id] ?? []).compactMap { entry in
                let text = entry.text.trimmingCharacters(in: .whitespacesAndNewlines)
                guard !text.isEmpty else { return nil }
                return Item(ref: entry.id, entry: make(source.into, [source.into.attributes[0]: text], sessionDate: sessionDate))
            }
        case .table:
            return (canvas.tables[field.id] ?? []).compactMap { row in
                var values: [String: String] = [:]
                for (attribute, column) in source.columns {
                    let text = (row.cells[column] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                    if attribute == "reporter" || attribute == "owner" { if partners.contains(text) { values[attribute] = text } }
                    else if attribute == "due" { if CanvasText.isDate(text) { values[attribute] = text } }
                    else if !text.isEmpty { values[attribute] = text }
                }
                guard values[source.into.attributes[0]] != nil else { return nil }
                return Item(ref: row.id, entry: make(source.into, values, sessionDate: sessionDate))
            }
        default:
            return []
        }
    }

    private static func make(_ kind: RecordSource.Kind, _ values: [String: String], sessionDate: String) -> RecordEntry {
        switch kind {
        case .indicators:
            .indicator(Indicator(name: values["name"] ?? "", definition: values["definition"] ?? "", since: sessionDate, reporter: values["reporter"]))
        case .agreements:
            .agreement(Agreement(text: values["text"] ?? "", owner: values["owner"]))
        case .nextSteps:
            .nextStep(NextStep(what: values["what"] ?? "", owner: values["owner"], due: values["due"]))
        case .roles:
            .role(PartnerRole(partner: values["partner"] ?? "", role: values["role"] ?? ""))
        }
    }
}
