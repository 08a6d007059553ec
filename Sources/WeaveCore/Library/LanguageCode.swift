import Foundation

/// Language codes as library files write them: the shape of a BCP 47 tag without its rarer parts — a
/// language of two or three letters, optionally a script of four letters and a region of two letters or
/// three digits: `en`, `de`, `pt-BR`, `sr-Latn`, `es-419`.
///
/// Tags are compared in their canonical case (`pt-br` is `pt-BR`), as BCP 47 says case carries no meaning.
public enum LanguageCode {
    /// The language a library file is written in when it does not say.
    public static let fallback = "en"

    /// The code in canonical case, or `nil` when it does not have the shape of a language code.
    public static func canonical(_ text: String) -> String? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let language = parts.first, (2...3).contains(language.count), language.allSatisfy(isLetter) else { return nil }
        var result = language.lowercased()
        var rest = parts.dropFirst()
        if let script = rest.first, script.count == 4, script.allSatisfy(isLetter) {
            result += "-" + script.prefix(1).uppercased() + script.dropFirst().lowercased()
            rest = rest.dropFirst()
        }
        if let region = rest.first {
            if region.count == 2, region.allSatisfy(isLetter) {
                result += "-" + region.uppercased()
            } else if region.count == 3, region.allSatisfy(\.isASCII), region.allSatisfy(\.isNumber) {
                result += "-" + region
            } else {
                return nil
            }
            rest = rest.dropFirst()
        }
        return rest.isEmpty ? result : nil
    }

    /// Why a text is not a language code, as the end of a sentence.
    public static func problem(with text: String) -> String {
        if text.contains("_"), let fixed = canonical(text.replacingOccurrences(of: "_", with: "-")) {
            return "language codes join their parts with a hyphen: write \"\(fixed)\""
        }
        return "a language code is two or three letters, optionally with a region, such as en, de or pt-BR"
    }

    /// The language's English name with its code, for choices in the interface (whose words stay
    /// English): `German (de)`; the code alone when the name is not known.
    public static func displayName(_ code: String) -> String {
        guard let name = Locale(identifier: "en").localizedString(forIdentifier: code), name != code else { return code }
        return "\(name) (\(code))"
    }

    private static func isLetter(_ character: Character) -> Bool {
        character.isASCII && character.isLetter
    }
}
