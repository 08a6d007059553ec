import WeaveCore
import WeaveStore

extension Library {
    /// The library as a session shows it: its texts in the language the facilitator chose for the session,
    /// falling back to each item's own language; unchanged for a session without one.
    func localized(for session: WorkSession) -> Library {
        session.language.map { localized(to: $0) } ?? self
    }

    /// The languages a facilitator can choose for a session of this item, as form choices; empty when it
    /// has only its own.
    func languageChoices(of itemID: String) -> [String] {
        let languages = languages(of: itemID)
        return languages.count > 1 ? languages : []
    }

    /// Checks the language a schedule form asks for: `nil` for the item's own, or one it has texts in.
    ///
    /// - Throws: a message for the facilitator naming the languages the item has.
    func sessionLanguage(_ written: String, for itemID: String) throws(SessionLanguageError) -> String? {
        let written = written.trimmingCharacters(in: .whitespaces)
        guard !written.isEmpty else { return nil }
        let available = languages(of: itemID)
        guard let code = LanguageCode.canonical(written), available.contains(code) else {
            throw SessionLanguageError(written: String(written.prefix(20)), item: item(itemID)?.name ?? itemID,
                                       available: available.map(LanguageCode.displayName))
        }
        return code
    }
}

/// A session asked for in a language its path has no texts in.
struct SessionLanguageError: Error, CustomStringConvertible {
    var written: String
    var item: String
    var available: [String]

    var description: String {
        "“\(item)” has no texts in “\(written)”; choose one of its languages: \(available.joined(separator: ", "))."
    }
}
