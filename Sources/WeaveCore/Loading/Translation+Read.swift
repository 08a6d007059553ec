import Yams

/// The translations one file gives, as they are read: language → default-language text → translation,
/// with where each was written so that a second, different translation of the same text can say where
/// the first one is.
struct TranslationTable {
    private(set) var entries: [String: [String: (text: String, location: SourceLocation)]] = [:]

    /// Records a translation; returns where the text was first translated differently, if it was.
    mutating func add(_ text: String, translating original: String, to language: String, at location: SourceLocation) -> SourceLocation? {
        if let earlier = entries[language]?[original] {
            return earlier.text == text ? nil : earlier.location
        }
        entries[language, default: [:]][original] = (text, location)
        return nil
    }

    /// The translations as the library keeps them.
    func translations(language: String) -> Translations {
        Translations(language: language, texts: entries.mapValues { $0.mapValues(\.text) })
    }
}

extension LibraryFile {
    /// Reads the file's `language` key, before any of its texts, so that their translations know which
    /// language must be given.
    func readLanguage(_ root: Node) {
        guard case .mapping(let mapping) = root, let node = mapping["language"], !isNull(node) else { return }
        guard case .scalar(let scalar) = node else {
            error("\"language\" must be a language code such as en, de or pt-BR, not \(describe(node))", at: node)
            return
        }
        let written = scalar.string.trimmingCharacters(in: .whitespaces)
        guard let code = LanguageCode.canonical(written) else {
            error("\"language\" \"\(written)\" is not a language code: \(LanguageCode.problem(with: written))", at: node)
            return
        }
        language = code
    }

    /// Reads a text written as a mapping of language code → text, such as `{en: Partnering, de: Partnerschaft}`,
    /// and records its translations.
    ///
    /// - Parameters:
    ///   - what: the text's name as a message says it: `"name"`, `an entry of "steps"`.
    /// - Returns: the text in the file's own language, or `nil` after reporting a problem.
    func translatedText(_ node: Node, subject: String, what: String) -> String? {
        guard case .mapping(let mapping) = node else { return nil }
        // In `{en: …, de: …}` a comma ends a text; the rest of the text then reads as a key without a value.
        // (Yams does not tell a parsed flow mapping from a block one, so the hint goes with every such key.)
        let commaHint = "; if a text has a comma, put it in quotes (in {…} a comma ends a text)"
        var texts: [(language: String, text: String, node: Node)] = []
        var seen: [String: Node] = [:]
        var broken = false
        for (key, value) in mapping {
            guard case .scalar(let keyScalar) = key, let code = LanguageCode.canonical(keyScalar.string) else {
                let written = key.scalar?.string ?? ""
                let hint = isNull(value) ? commaHint : ""
                error("\(subject): \(what) is written as translations, but \(describe(key)) is not a language code: \(LanguageCode.problem(with: written))\(hint)", at: key)
                broken = true
                continue
            }
            if seen[code] != nil {
                error("\(subject): \(what) gives its \(code) text twice; give each language once", at: key)
                broken = true
                continue
            }
            seen[code] = key
            guard case .scalar(let scalar) = value, !isNull(value) else {
                error("\(subject): the \(code) text of \(what) must be text, not \(describe(value))\(isNull(value) ? commaHint : "")", at: isNull(value) ? key : value)
                broken = true
                continue
            }
            let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !text.isEmpty else {
                error("\(subject): the \(code) text of \(what) is empty; leave the language out to show the \(language) text instead", at: value)
                broken = true
                continue
            }
            texts.append((code, text, value))
        }
        guard !broken else { return nil }
        guard let original = texts.first(where: { $0.language == language }) else {
            let given = texts.map(\.language).joined(separator: ", ")
            error("\(subject): \(what) has translations (\(given)) but no \(language) text; every translated text gives the file's language, \(language) (set \"language:\" when the file is written in another)", at: node)
            return nil
        }
        for entry in texts where entry.language != language {
            if let earlier = translated.add(entry.text, translating: original.text, to: entry.language, at: location(of: entry.node)) {
                error("\(subject): \(what) translates \"\(original.text)\" to \(entry.language) differently than line \(earlier.line) does; a file translates a text one way", at: entry.node)
                return nil
            }
        }
        return original.text
    }
}
