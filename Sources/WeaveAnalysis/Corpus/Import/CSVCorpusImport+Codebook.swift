import Foundation

/// The codebook of a CSV import, from `codebook.csv` or the library.
struct CodebookDraft {
    /// The codes, parents before children.
    var codes: [Corpus.Code] = []
    /// The library codebook's id when the codes come from the library.
    var libraryID: String?
    /// Code ids, for looking up CSV fields.
    var table = ByteKeyTable()
    /// Whether codes could be read at all; when not, codings are not checked against them (every
    /// code would be "unknown", burying the real problem).
    var isUsable = true
    /// Where codes must be defined, for messages: `codebook.csv`, `the default codebook default-activities`.
    var definedIn = ""

    /// Positions in `codes`, from ids.
    func index(of id: String) -> Int? {
        var id = id
        return id.withUTF8 { table.find($0) }
    }
}

extension CSVCorpusImport {
    static let codebookColumns = ["code_id", "parent_id", "name", "definition"]

    /// The codes of the library's default codebook, when there is no `codebook.csv`.
    mutating func defaultCodebook(for file: String) -> CodebookDraft {
        let id = importer.options.defaultCodebookID
        guard let codebook = importer.library.codebook(id) else {
            log.add(file, line: nil, "there is no codebook.csv, and the library has no codebook \"\(id)\" to take the codes from; add codebook.csv (code_id,parent_id,name,definition)")
            return CodebookDraft(isUsable: false, definedIn: "the codebook")
        }
        let codes = codebook.codes.map { Corpus.Code(id: $0.id, parent: $0.parent, name: $0.name, definition: $0.definition) }
        return CodebookDraft(
            codes: codes, libraryID: id, table: ByteKeyTable(keys: codes.map(\.id)),
            definedIn: "the default codebook \(id) (there is no codebook.csv)")
    }

    /// Reads `codebook.csv`: `code_id,parent_id,name,definition`.
    mutating func readCodebook(_ reader: CSVReader) -> CodebookDraft {
        struct Row {
            var line: Int
            var id: String
            var parent: String
            var name: String
            var definition: String
        }
        let file = reader.file
        var log = self.log
        var header: CSVHeader?
        var rows: [Row] = []
        var lineOfID: [String: Int] = [:]
        let problems = read(reader) { record in
            guard let header else {
                header = CSVHeader.read(record, file: file, required: Self.codebookColumns, log: &log)
                return
            }
            guard header.check(record, file: file, log: &log) else { return }
            let field = { (name: String) in header.position(name).map { record[$0] } ?? "" }
            let row = Row(
                line: record.line, id: field("code_id"), parent: field("parent_id"),
                name: field("name").trimmed, definition: field("definition").trimmed)
            guard Self.checkID(row.id, what: "code_id", file: file, line: row.line, log: &log) else { return }
            if let first = lineOfID[row.id] {
                log.add(file, line: row.line, "code \"\(row.id)\" is already defined on line \(first); each code_id appears once")
                return
            }
            if row.name.isEmpty { log.add(file, line: row.line, "code \"\(row.id)\" has no name") }
            lineOfID[row.id] = row.line
            rows.append(row)
        }
        log.add(contentsOf: problems)
        if header == nil {
            log.add(file, line: nil, "is empty; its first line must name the columns \(Self.codebookColumns.joined(separator: ","))")
        }

        // Parents, then parents before children in a depth-first walk.
        var childrenOf: [String: [Int]] = [:]
        var roots: [Int] = []
        for (position, row) in rows.enumerated() {
            let parent = row.parent.trimmed
            if parent.isEmpty {
                roots.append(position)
            } else if lineOfID[parent] == nil {
                let hint = Spelling.closest(to: parent, in: lineOfID.keys.sorted()).map { "; did you mean \"\($0)\"?" } ?? ""
                log.add(file, line: row.line, "the parent_id \"\(parent)\" of code \"\(row.id)\" is not a code_id in this file\(hint)")
                roots.append(position)
            } else {
                childrenOf[parent, default: []].append(position)
            }
        }
        var ordered: [Int] = []
        var visited = Array(repeating: false, count: rows.count)
        var stack = roots.reversed() as [Int]
        while let next = stack.popLast() {
            visited[next] = true
            ordered.append(next)
            stack.append(contentsOf: (childrenOf[rows[next].id] ?? []).reversed())
        }
        // Codes never reached sit in, or under, a cycle of parents.
        var positionOf: [String: Int] = [:]
        for (position, row) in rows.enumerated() { positionOf[row.id] = position }
        var reported = Set<String>()
        for start in rows.indices where !visited[start] {
            var chain: [String] = []
            var seen: [String: Int] = [:]
            var id = rows[start].id
            while seen[id] == nil, let position = positionOf[id], !visited[position] {
                seen[id] = chain.count
                chain.append(id)
                id = rows[position].parent.trimmed
            }
            guard let cycleStart = seen[id] else { continue }
            let cycle = Array(chain[cycleStart...])
            guard reported.isDisjoint(with: cycle) else { continue }
            reported.formUnion(cycle)
            let line = cycle.compactMap { lineOfID[$0] }.min() ?? rows[start].line
            let path = (cycle + [cycle[0]]).joined(separator: " → ")
            log.add(file, line: line, cycle.count == 1
                ? "code \"\(cycle[0])\" is its own parent; leave parent_id empty for a top-level code"
                : "the parents of codes form a cycle: \(path); one of them must have another parent or none")
        }
        self.log = log
        let codes = ordered.map { position in
            let row = rows[position]
            let parent = row.parent.trimmed
            return Corpus.Code(
                id: row.id, parent: parent.isEmpty || lineOfID[parent] == nil ? nil : parent,
                name: row.name, definition: row.definition)
        }
        return CodebookDraft(
            codes: codes, libraryID: nil, table: ByteKeyTable(keys: codes.map(\.id)),
            isUsable: header?.position("code_id") != nil, definedIn: file)
    }

    /// Reports an empty id or one with spaces around it; `true` when the id is fine.
    static func checkID(_ id: String, what: String, file: String, line: Int, log: inout ProblemLog) -> Bool {
        if id.trimmed.isEmpty {
            log.add(file, line: line, "\(what) is empty")
            return false
        }
        if id != id.trimmed {
            log.add(file, line: line, "\(what) \"\(id)\" has spaces or line breaks around it; ids are compared exactly, so remove them")
            return false
        }
        return true
    }
}
