import Foundation

/// Checks on text people type into a canvas.
public enum CanvasText {
    /// The text trimmed, or why it is refused: too long, control characters, or markup.
    ///
    /// Text is always escaped when shown, but markup in a canvas is almost always a paste gone wrong or
    /// an attempt at mischief, so it is refused with a clear message rather than stored.
    public static func check(_ text: String, maxCharacters: Int, what: String, field: CanvasField) throws(CanvasEditError) -> String {
        let clean = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if clean.count > maxCharacters {
            throw CanvasEditError(field: field.id, "The \(what) for \(field.label) is \(clean.count) characters; at most \(maxCharacters) fit.")
        }
        let bytes = clean.utf8.count
        if bytes > maxCharacters * CanvasLimits.bytesPerCharacter {
            throw CanvasEditError(field: field.id, "The \(what) for \(field.label) takes \(bytes) bytes; at most \(maxCharacters * CanvasLimits.bytesPerCharacter) fit. Remove some accents or symbols stacked on one another.")
        }
        if clean.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" && $0 != "\t" }) {
            throw CanvasEditError(field: field.id, "The \(what) for \(field.label) holds control characters; type or paste plain text.")
        }
        if containsMarkup(clean) {
            throw CanvasEditError(field: field.id, "The \(what) for \(field.label) looks like HTML (\"<…>\"); write plain text.")
        }
        return clean
    }

    /// Whether text holds something a browser would read as a tag, comment or declaration.
    public static func containsMarkup(_ text: String) -> Bool {
        var iterator = text.unicodeScalars.makeIterator()
        while let scalar = iterator.next() {
            guard scalar == "<" else { continue }
            guard let next = iterator.next() else { return false }
            if next.properties.isAlphabetic || next == "/" || next == "!" || next == "?" { return true }
        }
        return false
    }

    /// Sentences, counted by their ending punctuation; text without any counts as one.
    public static func sentenceCount(_ text: String) -> Int {
        let scalars = Array(text.unicodeScalars)
        var count = 0
        for (index, scalar) in scalars.enumerated() where ".!?".unicodeScalars.contains(scalar) {
            let next = index + 1 < scalars.count ? scalars[index + 1] : nil
            if next == nil || next!.properties.isWhitespace { count += 1 }
        }
        let lastIsEnd = scalars.last.map { ".!?".unicodeScalars.contains($0) } ?? true
        return count + (lastIsEnd || text.isEmpty ? 0 : 1)
    }

    /// Whether text is a calendar date written YYYY-MM-DD.
    public static func isDate(_ text: String) -> Bool {
        let parts = text.split(separator: "-")
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
              (1...12).contains(month), year >= 1900 else { return false }
        let days = [31, (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return (1...days[month - 1]).contains(day)
    }
}
