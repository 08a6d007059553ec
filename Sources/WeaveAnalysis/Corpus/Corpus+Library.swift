public import WeaveCore

extension Corpus {
    /// The library's coded toolkits as a demo corpus.
    ///
    /// The codes are those of one library codebook; each toolkit becomes a toolkit with the
    /// descriptors of `toolkits.csv` taken from its creator and networks; its `activities` are coded
    /// present by one coder, and every other code of the codebook absent. Activities from other
    /// codebooks are left out.
    ///
    /// - Parameters:
    ///   - library: The library, usually `try Library.loading()`.
    ///   - codebook: The codebook whose codes are used.
    ///   - coder: The name of the one coder.
    /// - Throws: ``CorpusImportError`` when the library has no such codebook.
    public init(library: Library, codebook: String = "default-activities", coder: String = "library") throws(CorpusImportError) {
        guard let book = library.codebook(codebook) else {
            throw CorpusImportError("<built-in>", "the library has no codebook \"\(codebook)\"")
        }
        let codes = book.codes.map { Code(id: $0.id, parent: $0.parent, name: $0.name, definition: $0.definition) }
        var position: [String: Int] = [:]
        for (index, code) in codes.enumerated() { position[code.id] = index }
        let toolkits = library.toolkits
        var byCode = Array(repeating: Array(repeating: Codings.absent, count: toolkits.count), count: codes.count)
        for (toolkit, item) in toolkits.enumerated() {
            for activity in item.activities {
                if let code = position[activity] { byCode[code][toolkit] = Codings.present }
            }
        }
        let columns: [(name: String, multi: Bool, values: (WeaveCore.Toolkit) -> [String])] = [
            ("title", false, { [$0.name] }),
            ("creator", false, { [$0.creator.organisation] }),
            ("creator_country", false, { $0.creator.country.map { [$0] } ?? [] }),
            ("creator_type", false, { $0.creator.type.map { [$0.rawValue] } ?? [] }),
            ("social_issue", true, { $0.networks.socialIssues }),
            ("network_age", false, { $0.networks.ages }),
            ("member_org_types", true, { $0.networks.memberOrgTypes }),
            ("year", false, { $0.year.map { [String($0)] } ?? [] }),
            ("url", false, { $0.url.map { [$0] } ?? [] }),
        ]
        let descriptors = columns.map { column in
            let values = toolkits.map { column.values($0).map(\.trimmed).filter { !$0.isEmpty } }
            // A toolkit written for several network ages makes `network_age` multi-valued here.
            return Descriptor(name: column.name, isMultiValued: column.multi || values.contains { Set($0).count > 1 }, values: values)
        }
        self.init(
            origin: "the built-in library's coded toolkits (codebook \(codebook))", codes: codes, codebookID: codebook,
            toolkits: toolkits.map { Toolkit(id: $0.id, title: $0.name) }, coders: [Coder(name: coder)],
            descriptors: descriptors, codings: Codings(unchecked: byCode, toolkitCount: toolkits.count, coderCount: 1))
    }
}
