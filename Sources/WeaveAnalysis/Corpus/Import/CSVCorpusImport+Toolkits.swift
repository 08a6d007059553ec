import Foundation

/// The toolkits of a CSV import with their descriptors, and in the wide format their codings.
struct ToolkitTable {
    var toolkits: [Corpus.Toolkit] = []
    /// Toolkit ids, for looking up CSV fields.
    var table = ByteKeyTable()
    /// Whether toolkits could be read at all; when not, codings are not checked against them.
    var isUsable = true
    var descriptorNames: [String] = []
    var multiValued: [Bool] = []
    /// `descriptorValues[descriptor][toolkit]`: the toolkit's values, trimmed.
    var descriptorValues: [[[String]]] = []
    /// Wide format: one value per toolkit for every code of the codebook (`notCoded` without a column).
    var wideByCode: [[Int8]] = []

    /// The wide format's codings: one coder, the values of the `code:` columns.
    func wideCodings(coder: String, codeCount: Int) -> CodingsDraft {
        CodingsDraft(
            coders: [coder],
            byCode: wideByCode.count == codeCount
                ? wideByCode : Array(repeating: Array(repeating: Corpus.Codings.notCoded, count: toolkits.count), count: codeCount),
            excerpts: [])
    }
}

extension CSVCorpusImport {
    /// What a wide-format cell says, case-insensitively: `1`, `x`, `yes`, `true`, `✓`, `✔` present;
    /// `0`, `no`, `false` absent; empty as `blank` says; `nil` for anything else.
    static func wideCell(_ cell: String, blank: CorpusImporter.BlankCell) -> Int8? {
        switch cell.lowercased() {
        case "": blank == .absent ? Corpus.Codings.absent : Corpus.Codings.notCoded
        case "1", "x", "yes", "true", "✓", "✔": Corpus.Codings.present
        case "0", "no", "false": Corpus.Codings.absent
        default: nil
        }
    }

    /// The columns `toolkits.csv` must have.
    static let toolkitColumns = [
        "toolkit_id", "title", "creator", "creator_country", "creator_type", "social_issue", "network_age",
        "member_org_types", "year", "url",
    ]
    /// The heading prefix of a wide-format code column.
    static let codeColumnPrefix = "code:"

    /// Reads `toolkits.csv` (or a wide-format file): the required columns, any further descriptor
    /// columns, and in the wide format `code:ID` columns.
    mutating func readToolkits(_ reader: CSVReader, codebook: CodebookDraft, isWide: Bool) -> ToolkitTable {
        let file = reader.file
        let multiValuedNames = importer.options.multiValuedDescriptors
        let blankMeaning = importer.options.wideBlank
        let cellLimit = importer.options.maximumCodingCells
        var tooManyCells = false
        var log = self.log
        var header: CSVHeader?
        var result = ToolkitTable()
        var idColumn: Int?
        var descriptorColumns: [Int] = []
        var yearDescriptor: Int?
        var codeColumns: [(column: Int, code: Int)] = []
        var lineOfID: [String: Int] = [:]

        let problems = read(reader) { record in
            guard let header else {
                let found = CSVHeader.read(
                    record, file: file, required: Self.toolkitColumns, others: { _ in true }, log: &log)
                header = found
                idColumn = found.position("toolkit_id")
                result.isUsable = idColumn != nil
                var codeHeadings: [String] = []
                var columnOfCode: [Int: Int] = [:]
                for (column, name) in found.names.enumerated() where found.position(name) == column && name != "toolkit_id" {
                    guard name.hasPrefix(Self.codeColumnPrefix) else {
                        descriptorColumns.append(column)
                        result.descriptorNames.append(name)
                        result.multiValued.append(multiValuedNames.contains(name))
                        if name == "year" { yearDescriptor = result.descriptorNames.count - 1 }
                        continue
                    }
                    codeHeadings.append(name)
                    guard isWide else { continue }
                    let id = String(name.dropFirst(Self.codeColumnPrefix.count)).trimmed
                    if id.isEmpty {
                        log.add(file, line: record.line, "column \(column + 1) is headed \"\(name)\" with no code id after \"code:\"")
                    } else if let code = codebook.index(of: id) {
                        if let earlier = columnOfCode[code] {
                            log.add(file, line: record.line, "code \"\(id)\" has two columns (\(earlier + 1) and \(column + 1)); keep one")
                        } else {
                            columnOfCode[code] = column
                            codeColumns.append((column, code))
                        }
                    } else if codebook.isUsable {
                        let hint = Spelling.closest(to: id, in: codebook.codes.map(\.id)).map { "; did you mean \"code:\($0)\"?" } ?? ""
                        log.add(file, line: record.line, "column \"\(name)\" names an unknown code \"\(id)\": it is not in \(codebook.definedIn)\(hint)")
                    }
                }
                if isWide && codeHeadings.isEmpty {
                    log.add(file, line: record.line, "has no code:ID columns and there is no codings.csv, so nothing is coded; add codings.csv (long format: toolkit_id,coder,code,present) or one 0/1 column per code headed code:ID (wide format)")
                } else if !isWide && !codeHeadings.isEmpty {
                    log.add(file, line: record.line, "has code columns (\(codeHeadings.prefix(3).joined(separator: ", "))\(codeHeadings.count > 3 ? ", …" : "")) and there is also codings.csv; use one format: remove the code: columns, or remove codings.csv to read them as the wide format")
                }
                if isWide {
                    result.wideByCode = Array(repeating: [], count: codebook.codes.count)
                }
                result.descriptorValues = Array(repeating: [], count: result.descriptorNames.count)
                return
            }
            guard header.check(record, file: file, log: &log), let idColumn else { return }

            let id = record[idColumn]
            var accepted = Self.checkID(id, what: "toolkit_id", file: file, line: record.line, log: &log)
            if accepted, let first = lineOfID[id] {
                log.add(file, line: record.line, "toolkit \"\(id)\" is already listed on line \(first); each toolkit_id appears once")
                accepted = false
            }
            var values: [[String]] = []
            values.reserveCapacity(descriptorColumns.count)
            for (descriptor, column) in descriptorColumns.enumerated() {
                let text = record[column].trimmed
                if result.multiValued[descriptor] {
                    values.append(text.split(separator: ";").map { String($0).trimmed }.filter { !$0.isEmpty })
                } else {
                    values.append(text.isEmpty ? [] : [text])
                }
                if descriptor == yearDescriptor, !text.isEmpty, Int(text) == nil || text.contains(where: { !$0.isASCII || !$0.isNumber }) {
                    log.add(file, line: record.line, "year \"\(text)\" is not a whole number; write a year such as 2019, or leave it empty when not known")
                }
            }
            var codings: [Int8] = []
            if isWide {
                codings = Array(repeating: Corpus.Codings.notCoded, count: codebook.codes.count)
                for (column, code) in codeColumns {
                    let cell = record[column].trimmed
                    if let value = Self.wideCell(cell, blank: blankMeaning) {
                        codings[code] = value
                    } else {
                        let blank = blankMeaning == .absent ? "absent" : "not coded"
                        log.add(file, line: record.line, "\(header.names[column]) is \"\(cell)\" for toolkit \"\(id)\"; write 1, x, yes, true or ✓ (present), 0, no or false (absent), or leave the cell empty (\(blank))")
                    }
                }
            }
            guard accepted else { return }
            if isWide, let excess = CorpusSize.excess(codes: codebook.codes.count, toolkits: result.toolkits.count + 1, coders: 1, limit: cellLimit) {
                if !tooManyCells { tooManyCells = true; log.add(file, line: record.line, excess) }
                return
            }
            lineOfID[id] = record.line
            result.toolkits.append(Corpus.Toolkit(id: id, title: record[header.position("title") ?? idColumn].trimmed))
            for (descriptor, list) in values.enumerated() { result.descriptorValues[descriptor].append(list) }
            if isWide {
                for (code, value) in codings.enumerated() { result.wideByCode[code].append(value) }
            }
        }
        log.add(contentsOf: problems)
        if header == nil {
            log.add(file, line: nil, "is empty; its first line must name the columns \(Self.toolkitColumns.joined(separator: ","))")
            result.isUsable = false
        }
        self.log = log
        result.table = ByteKeyTable(keys: result.toolkits.map(\.id))
        return result
    }
}
