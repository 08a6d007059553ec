import Foundation

/// Ids derived from names, for REFI-QDA codes and sources, which have GUIDs but no ids.
enum DerivedID {
    /// The name in lower case without accents, runs of anything but letters and digits as one
    /// hyphen: `Shared measurement` → `shared-measurement`, `Café 2.0` → `cafe-2-0`. Letters of any
    /// script are kept. An empty result becomes `fallback`.
    static func slug(_ name: String, fallback: String = "code") -> String {
        let folded = name.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: Locale(identifier: "en_US_POSIX")).lowercased()
        var result = ""
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            if scalar.properties.isAlphabetic || scalar.properties.numericType != nil {
                if pendingHyphen && !result.isEmpty { result.append("-") }
                pendingHyphen = false
                result.unicodeScalars.append(scalar)
            } else {
                pendingHyphen = true
            }
        }
        // A slug stays short enough to read, and a path of them (`a/b/c`) stays bounded by the nesting limit.
        if result.count > maximumSlugLength {
            result = String(result.prefix(maximumSlugLength))
            while result.hasSuffix("-") { result.removeLast() }
        }
        return result.isEmpty ? fallback : result
    }

    /// The longest slug, in characters; longer names are cut.
    static let maximumSlugLength = 80

    /// Unique ids for a tree of named items, given in document order (parents first).
    ///
    /// An item whose slug no other item shares gets the slug; items sharing a slug get their parent's
    /// id in front (`planning/evaluation`), and items still alike (same name, same parent) a number
    /// (`evaluation-2`) in document order. The same file always gives the same ids.
    static func unique(names: [String], parents: [Int?], fallback: String = "code") -> [String] {
        let slugs = names.map { slug($0, fallback: fallback) }
        var count: [String: Int] = [:]
        for slug in slugs { count[slug, default: 0] += 1 }
        var ids: [String] = []
        ids.reserveCapacity(slugs.count)
        var used = Set<String>()
        used.reserveCapacity(slugs.count)
        // The next number to try for each base, so that n items of one name cost n steps, not n²/2.
        var nextNumber: [String: Int] = [:]
        for (position, slug) in slugs.enumerated() {
            var candidate = slug
            if count[slug, default: 0] > 1, let parent = parents[position], parent < ids.count {
                candidate = ids[parent] + "/" + slug
            }
            let base = candidate
            if used.contains(candidate) {
                var number = nextNumber[base, default: 2]
                repeat {
                    candidate = "\(base)-\(number)"
                    number += 1
                } while used.contains(candidate)
                nextNumber[base] = number
            }
            used.insert(candidate)
            ids.append(candidate)
        }
        return ids
    }

    /// A source's name without a file extension such as `.pdf` or `.docx`.
    static func withoutExtension(_ name: String) -> String {
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return name }
        let suffix = name[name.index(after: dot)...]
        guard (1...5).contains(suffix.count), suffix.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
              suffix.contains(where: \.isLetter) else { return name }
        return String(name[..<dot])
    }
}
