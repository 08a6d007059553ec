import Foundation

/// Ranked full-text search over a library's names, summaries, descriptions and steps.
///
/// Scores are BM25 summed over weighted fields — a match in a name counts four times one in the body —
/// with a bonus when the whole query appears as a phrase in the name. Words are compared lower-cased,
/// without accents and lightly stemmed, so "partners" finds "partner" and "visioning" finds "vision".
/// Build once per library; searching is then cheap.
public struct LibrarySearch: Sendable {
    /// One result.
    public struct Hit: Sendable, Hashable {
        /// The item found.
        public var item: LibraryItem
        /// Higher is better; only meaningful against other hits of the same query.
        public var score: Double
        /// A short passage where the query matched, for showing beside the result.
        public var excerpt: String?
    }

    /// The fields searched, each with its weight.
    enum Field: Int, CaseIterable {
        case name, summary, body

        var weight: Double {
            switch self {
            case .name: 4
            case .summary: 2
            case .body: 1
            }
        }
    }

    private struct Document: Sendable {
        var item: LibraryItem
        var terms: [[String: Int]]   // per field: term → count
        var lengths: [Int]
        var name: String
        var passages: [String]
    }

    private let documents: [Document]
    private let documentFrequency: [String: Int]
    private let averageLengths: [Double]

    /// Indexes every item of a library.
    public init(library: Library) {
        var documents: [Document] = []
        func add(_ item: LibraryItem, name: String, summary: [String?], body: [String?]) {
            let fields = [[name], summary.compactMap { $0 }, body.compactMap { $0 }]
            var terms: [[String: Int]] = []
            var lengths: [Int] = []
            for texts in fields {
                let tokens = texts.flatMap(LibrarySearch.terms(in:))
                terms.append(tokens.reduce(into: [:]) { $0[$1, default: 0] += 1 })
                lengths.append(tokens.count)
            }
            documents.append(Document(item: item, terms: terms, lengths: lengths, name: name, passages: fields.flatMap { $0 }))
        }
        for path in library.paths {
            let steps: [String?] = path.phases.flatMap { phase -> [String?] in
                let stepTexts: [String?] = phase.steps.flatMap { [$0.title, $0.description] }
                return [phase.name, phase.description] + stepTexts + phase.canvas.map(\.label)
            }
            let notes: [String?] = path.outcomes + path.preparation.map(\.text)
            add(.path(path), name: path.name, summary: [path.subtitle, path.summary], body: [path.description] + notes + steps)
        }
        for tool in library.tools {
            let options = tool.optionSets.flatMap(\.options).flatMap { [$0.label, $0.description] }
            add(.tool(tool), name: tool.citation, summary: [tool.summary, tool.purpose],
                body: [tool.description, tool.whenToUse] + tool.steps + tool.produces + options + tool.fields.map(\.label))
        }
        for toolkit in library.toolkits {
            add(.toolkit(toolkit), name: toolkit.name, summary: [toolkit.summary, toolkit.creator.organisation],
                body: [toolkit.description, toolkit.networks.description] + toolkit.creator.authors)
        }
        for code in library.codes {
            add(.code(code), name: code.name, summary: [code.definition], body: [code.example])
        }
        for codebook in library.codebooks {
            add(.codebook(codebook), name: codebook.name, summary: [codebook.description], body: [])
        }
        var frequency: [String: Int] = [:]
        for document in documents {
            for term in Set(document.terms.flatMap(\.keys)) { frequency[term, default: 0] += 1 }
        }
        self.documents = documents
        self.documentFrequency = frequency
        self.averageLengths = Field.allCases.map { field in
            documents.isEmpty ? 1 : max(1, Double(documents.map { $0.lengths[field.rawValue] }.reduce(0, +)) / Double(documents.count))
        }
    }

    /// Items matching `query`, best first; empty when nothing matches.
    ///
    /// - Parameter limit: the most hits to return.
    public func search(_ query: String, limit: Int = 20) -> [Hit] {
        let queryTerms = Array(Set(LibrarySearch.terms(in: query)))
        guard !queryTerms.isEmpty else { return [] }
        let phrase = LibrarySearch.normalized(query).trimmingCharacters(in: .whitespaces)
        let count = Double(documents.count)
        let (k1, b) = (1.2, 0.75)
        var hits: [Hit] = []
        for document in documents {
            var score = 0.0
            var matched = 0
            for term in queryTerms {
                let frequency = Double(documentFrequency[term] ?? 0)
                guard frequency > 0 else { continue }
                let idf = log(1 + (count - frequency + 0.5) / (frequency + 0.5))
                var termScore = 0.0
                for field in Field.allCases {
                    guard let tf = document.terms[field.rawValue][term].map(Double.init) else { continue }
                    let length = Double(document.lengths[field.rawValue]) / averageLengths[field.rawValue]
                    termScore += field.weight * idf * tf * (k1 + 1) / (tf + k1 * (1 - b + b * length))
                }
                if termScore > 0 { matched += 1 }
                score += termScore
            }
            guard score > 0 else { continue }
            // Documents holding every query word beat those holding some.
            score *= Double(matched) / Double(queryTerms.count)
            if queryTerms.count > 1, LibrarySearch.normalized(document.name).contains(phrase) { score *= 1.5 }
            hits.append(Hit(item: document.item, score: score, excerpt: excerpt(document, terms: Set(queryTerms))))
        }
        return Array(hits.sorted { $0.score != $1.score ? $0.score > $1.score : $0.item.id < $1.item.id }.prefix(limit))
    }

    /// The passage outside the name with most query words, trimmed to about 160 characters.
    private func excerpt(_ document: Document, terms: Set<String>) -> String? {
        let best = document.passages.dropFirst().max { a, b in
            Set(LibrarySearch.terms(in: a)).intersection(terms).count < Set(LibrarySearch.terms(in: b)).intersection(terms).count
        }
        guard let best, !Set(LibrarySearch.terms(in: best)).isDisjoint(with: terms) else { return nil }
        return best.count > 160 ? String(best.prefix(157)) + "…" : best
    }

    // MARK: Words

    /// Lower-case, accents folded.
    static func normalized(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "en"))
    }

    /// The searchable terms of a text: words, normalised, stop words dropped, lightly stemmed.
    static func terms(in text: String) -> [String] {
        normalized(text)
            .split { !($0.isLetter || $0.isNumber) }
            .map(String.init)
            .filter { !stopWords.contains($0) }
            .map(stem)
    }

    /// Strips the commonest English endings so that inflections meet.
    static func stem(_ word: String) -> String {
        guard word.count > 3, word.allSatisfy(\.isLetter) else { return word }
        for (suffix, replacement) in [("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")] where word.hasSuffix(suffix) {
            let base = String(word.dropLast(suffix.count)) + replacement
            if suffix == "s" && word.hasSuffix("ss") { return word }
            if suffix == "es" && !(word.hasSuffix("sses") || word.hasSuffix("xes") || word.hasSuffix("ches") || word.hasSuffix("shes")) {
                continue
            }
            return base.count >= 3 ? base : word
        }
        return word
    }

    static let stopWords: Set<String> = [
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "how", "in", "into", "is", "it", "its", "of",
        "on", "or", "that", "the", "their", "them", "they", "this", "to", "what", "when", "who", "with", "you", "your",
    ]
}
