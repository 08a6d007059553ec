/// The kinds of thing a library holds, each with ids unique across the library.
public enum ItemKind: String, Sendable, Hashable, Codable, CaseIterable {
    case codebook, tool, toolkit, path
    /// An activity code, defined inside a codebook.
    case code

    /// The kinds that have files of their own.
    public static let fileKinds: [ItemKind] = [.codebook, .tool, .toolkit, .path]

    /// How messages name the kind: "tool", "activity code".
    public var displayName: String {
        self == .code ? "activity code" : rawValue
    }

    /// "a tool", "an activity code".
    public var withArticle: String {
        self == .code ? "an activity code" : "a \(rawValue)"
    }
}

/// Ids: lowercase letters, digits and single hyphens, starting with a letter, at most 64 characters.
public enum Identifier {
    /// The longest id allowed.
    public static let maximumLength = 64

    /// Whether `text` is a valid id.
    public static func isValid(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard let first = scalars.first, scalars.count <= maximumLength, ("a"..."z").contains(first),
              scalars.last != "-" else { return false }
        var previous: Unicode.Scalar = first
        for scalar in scalars.dropFirst() {
            let allowed = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "-"
            if !allowed || (scalar == "-" && previous == "-") { return false }
            previous = scalar
        }
        return true
    }

    /// Why `text` is not a valid id, in a phrase that follows "is not a valid id: ".
    static func problem(with text: String) -> String {
        if text.isEmpty { return "it is empty" }
        if text.unicodeScalars.count > maximumLength { return "it is longer than \(maximumLength) characters" }
        if text != text.lowercased() { return "use lowercase letters, such as \"\(text.lowercased())\"" }
        return "use lowercase letters, digits and single hyphens, starting with a letter"
    }
}

/// Finds the name someone most likely meant.
public enum Suggestion {
    /// The candidate closest to `word`, if one is close enough to be a likely typo.
    public static func closest(to word: String, in candidates: some Sequence<String>) -> String? {
        let target = Array(word.lowercased())
        var best: (candidate: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(target, Array(candidate.lowercased()))
            let limit = max(1, min(3, target.count / 4))
            let contains = target.count >= 4 && (candidate.contains(word) || word.contains(candidate))
            guard distance <= limit || contains else { continue }
            if best == nil || distance < best!.distance { best = (candidate, distance) }
        }
        return best?.candidate
    }

    /// Levenshtein distance.
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(substitution, previous[j] + 1, current[j - 1] + 1)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
