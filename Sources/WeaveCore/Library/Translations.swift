/// The translations of one library item's texts: the language the item is written in, and for each other
/// language the texts it was translated to, by the text they translate.
///
/// Keyed by the text rather than by where it stands, so that every text a model holds — a step title, an
/// option label, a column of a table — is localized by one walk that maps each text through
/// ``text(_:in:)``, with no list of key paths to keep in step with the models. A file translates a text
/// one way: writing the same default-language text with two different translations in one file is an
/// error when the file is read.
public struct Translations: Sendable, Hashable, Codable {
    /// The language the item's own texts are in (its file's `language`, `en` when not given).
    public var language: String
    /// Language → default-language text → that text in the language.
    public var texts: [String: [String: String]]

    /// Translations of an item written in `language`.
    public init(language: String = LanguageCode.fallback, texts: [String: [String: String]] = [:]) {
        self.language = language
        self.texts = texts
    }

    /// The item's languages: its own first, then the others it has texts in, in code order.
    public var languages: [String] {
        [language] + texts.keys.filter { $0 != language && !(texts[$0]?.isEmpty ?? true) }.sorted()
    }

    /// A text in `language`, when this item translates it.
    public func text(_ text: String, in language: String) -> String? {
        texts[language]?[text]
    }
}
