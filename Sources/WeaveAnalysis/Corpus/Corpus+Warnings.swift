extension Corpus {
    /// Coders whose names differ only in case or spaces ("Lead", " lead"): probably one person written
    /// two ways, who would otherwise silently count as two coders.
    public struct CoderSpelling: Sendable, Hashable {
        /// The spellings, in coder order, each with the number of codings (present or absent) under it.
        public var spellings: [(name: String, codings: Int)]

        public static func == (lhs: Self, rhs: Self) -> Bool {
            lhs.spellings.elementsEqual(rhs.spellings) { $0.name == $1.name && $0.codings == $1.codings }
        }

        public func hash(into hasher: inout Hasher) {
            for spelling in spellings { hasher.combine(spelling.name); hasher.combine(spelling.codings) }
        }

        /// `"Lead" (120 codings) and "lead" (8 codings)`.
        public var text: String {
            let parts = spellings.map { "\"\($0.name)\" (\($0.codings) coding\($0.codings == 1 ? "" : "s"))" }
            return parts.count == 2 ? parts.joined(separator: " and ")
                : parts.dropLast().joined(separator: ", ") + " and " + parts.last!
        }
    }

    /// A coder name as compared for spellings: lower case, white space runs as one space, none at the ends.
    public static func comparableCoderName(_ name: String) -> String {
        name.lowercased().split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    /// The number of codings (present or absent) of each coder.
    public var codingCountsByCoder: [Int] {
        var counts = Array(repeating: 0, count: coders.count)
        guard !coders.isEmpty else { return counts }
        for values in codings.byCode {
            for (slot, value) in values.enumerated() where value >= 0 { counts[slot % coders.count] += 1 }
        }
        return counts
    }

    /// Groups of coders whose names differ only in case or spaces, each group in coder order.
    public var coderSpellings: [CoderSpelling] {
        var groups: [String: [Int]] = [:]
        var order: [String] = []
        for (index, coder) in coders.enumerated() {
            let key = Self.comparableCoderName(coder.name)
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(index)
        }
        let multiple = order.filter { groups[$0]!.count > 1 }
        guard !multiple.isEmpty else { return [] }
        let counts = codingCountsByCoder
        return multiple.map { key in
            CoderSpelling(spellings: groups[key]!.map { (coders[$0].name, counts[$0]) })
        }
    }

    /// The coders a name given on the command line (`--adjudicator lead`) may mean: the coder of exactly
    /// that name and every coder whose name differs from it only in case or spaces.
    public func codersMatching(_ name: String) -> [Int] {
        let key = Self.comparableCoderName(name)
        return coders.indices.filter { coders[$0].name == name || Self.comparableCoderName(coders[$0].name) == key }
    }

    /// The positions of codes some coder found present somewhere and no coder ever judged absent: with
    /// nothing to compare against, such a code shows 100% — typical of a spreadsheet kept as "1 or
    /// blank" read with blanks as "not coded".
    public var codesNeverJudgedAbsent: [Int] {
        codings.byCode.indices.filter { code in
            var present = false
            for value in codings.byCode[code] {
                if value == Codings.absent { return false }
                if value == Codings.present { present = true }
            }
            return present
        }
    }

    /// Warnings about the corpus that the report and the command line must show: codes never judged
    /// absent, and coder names that differ only in case or spaces.
    public var warnings: [String] {
        var result: [String] = []
        let never = codesNeverJudgedAbsent
        if !never.isEmpty {
            let listed = never.prefix(10).map { "\"\(codes[$0].id)\"" }.joined(separator: ", ")
            let more = never.count > 10 ? " and \(never.count - 10) more" : ""
            result.append("\(never.count == 1 ? "The code" : "\(never.count) codes") \(listed)\(more) \(never.count == 1 ? "was" : "were") found present but never judged absent in any toolkit, so \(never.count == 1 ? "its share is" : "their shares are") 100% of the toolkits coded for \(never.count == 1 ? "it" : "them"). Record where a code is absent: 0 in codings.csv, or an empty cell or 0 in a wide sheet read without --blank not-coded.")
        }
        for group in coderSpellings {
            result.append("The coder names \(group.text) differ only in case or spaces, and are counted as \(group.spellings.count) different coders. If they are one person, write the name the same way everywhere.")
        }
        return result
    }
}
