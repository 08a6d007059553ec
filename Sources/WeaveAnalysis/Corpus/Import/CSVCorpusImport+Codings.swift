import Foundation

/// The codings of an import: coders and one dense matrix per code.
struct CodingsDraft {
    var coders: [String]
    /// `byCode[code][toolkit * coders.count + coder]`.
    var byCode: [[Int8]]
    var excerpts: [Corpus.Excerpt]
}

extension CSVCorpusImport {
    static let codingColumns = ["toolkit_id", "coder", "code", "present"]
    static let optionalCodingColumns = ["excerpt", "location"]

    /// Reads `codings.csv`, the long format: `toolkit_id,coder,code,present` and optionally `excerpt,location`.
    ///
    /// The hot path looks fields up by their bytes (the toolkit and coder usually repeat from the row
    /// before) and writes into one plane of `Int8` per coder, so nine million rows build no strings.
    mutating func readCodings(_ reader: CSVReader, codebook: CodebookDraft, toolkits: ToolkitTable) -> CodingsDraft {
        let file = reader.file
        let codeCount = codebook.codes.count
        let toolkitCount = toolkits.toolkits.count
        let checksCodes = codebook.isUsable
        let checksToolkits = toolkits.isUsable
        // The lookup tables alone, captured once: reaching them through the captured drafts copied (retained
        // and released) every field of both drafts on each of millions of rows.
        let toolkitTable = toolkits.table
        let codeTable = codebook.table
        var log = self.log
        var header: CSVHeader?
        var columns = (toolkit: -1, coder: -1, code: -1, present: -1, excerpt: -1, location: -1)
        var width = 0
        var coderTable = ByteKeyTable()
        var coders: [String] = []
        /// `planes[coder][code * toolkitCount + toolkit]`.
        var planes: [[Int8]] = []
        var excerpts: [Corpus.Excerpt] = []
        var lastToolkit = -1
        var lastCoder = -1
        var unknownToolkits = RepeatedProblems()
        var unknownCodes = RepeatedProblems()
        var conflicts: [(code: Int, toolkit: Int, coder: Int, line: Int, value: Int8)] = []
        let cellLimit = importer.options.maximumCodingCells
        var tooManyCells = false

        let problems = read(reader) { record in
            guard header != nil else {
                let found = CSVHeader.read(
                    record, file: file, required: Self.codingColumns, optional: Self.optionalCodingColumns, log: &log)
                header = found
                width = found.names.count
                if let toolkit = found.position("toolkit_id"), let coder = found.position("coder"),
                   let code = found.position("code"), let present = found.position("present") {
                    columns = (toolkit, coder, code, present, found.position("excerpt") ?? -1, found.position("location") ?? -1)
                }
                return
            }
            guard columns.toolkit >= 0 else { return }
            guard record.count == width else {
                _ = header!.check(record, file: file, log: &log)
                return
            }

            // Toolkit: usually the one of the row before.
            let toolkitBytes = record.bytes(columns.toolkit)
            var toolkit = -1
            if lastToolkit >= 0 && toolkitTable.keyEquals(lastToolkit, toolkitBytes) {
                toolkit = lastToolkit
            } else if let found = toolkitTable.find(toolkitBytes) {
                toolkit = found
                lastToolkit = found
            } else if checksToolkits {
                unknownToolkits.add(record[columns.toolkit], line: record.line)
            }

            // Coder: new names add a coder.
            let coderBytes = record.bytes(columns.coder)
            var coder = -1
            if lastCoder >= 0 && coderTable.keyEquals(lastCoder, coderBytes) {
                coder = lastCoder
            } else if coderBytes.isEmpty || record[columns.coder].trimmed.isEmpty {
                log.add(file, line: record.line, "coder is empty; name who coded the row")
            } else if coderTable.find(coderBytes) == nil,
                      let excess = CorpusSize.excess(codes: codeCount, toolkits: toolkitCount, coders: coders.count + 1, limit: cellLimit) {
                // Each coder costs one value per code and toolkit; past the limit, memory, not the input, would be the problem.
                if !tooManyCells {
                    tooManyCells = true
                    log.add(file, line: record.line, excess)
                }
            } else {
                let (index, inserted) = coderTable.insert(coderBytes)
                if inserted {
                    coders.append(record[columns.coder])
                    planes.append(Array(repeating: Corpus.Codings.notCoded, count: codeCount * toolkitCount))
                }
                coder = index
                lastCoder = index
            }

            // Code.
            let code = codeTable.find(record.bytes(columns.code)) ?? -1
            if code < 0 && checksCodes {
                unknownCodes.add(record[columns.code], line: record.line)
            }

            // Present: exactly 0 or 1.
            let presentBytes = record.bytes(columns.present)
            let value: Int8
            if presentBytes.count == 1 && (presentBytes[0] == UInt8(ascii: "0") || presentBytes[0] == UInt8(ascii: "1")) {
                value = Int8(presentBytes[0] &- UInt8(ascii: "0"))
            } else {
                log.add(file, line: record.line, "present is \"\(record[columns.present])\"; write 1 (the coder found the code) or 0 (the coder looked and found it absent)")
                return
            }

            guard toolkit >= 0, coder >= 0, code >= 0 else { return }
            let slot = code * toolkitCount + toolkit
            let existing = planes[coder][slot]
            if existing == Corpus.Codings.notCoded {
                planes[coder][slot] = value
            } else if existing != value {
                conflicts.append((code, toolkit, coder, record.line, value))
            }
            if columns.excerpt >= 0 || columns.location >= 0 {
                let text = columns.excerpt >= 0 && !record.isEmpty(columns.excerpt) ? record[columns.excerpt] : nil
                let location = columns.location >= 0 && !record.isEmpty(columns.location) ? record[columns.location] : nil
                if text != nil || location != nil {
                    excerpts.append(Corpus.Excerpt(code: code, toolkit: toolkit, coder: coder, text: text, location: location))
                }
            }
        }
        log.add(contentsOf: problems)
        if header == nil {
            log.add(file, line: nil, "is empty; its first line must name the columns \(Self.codingColumns.joined(separator: ","))")
        }
        let toolkitIDs = toolkits.toolkits.map(\.id)
        unknownToolkits.report(file: file, into: &log) { id in
            let hint = toolkitIDs.count <= 5_000 ? Spelling.closest(to: id, in: toolkitIDs).map { "; did you mean \"\($0)\"?" } ?? "" : ""
            return "unknown toolkit \"\(id)\": it is not in toolkits.csv\(hint)"
        }
        let codeIDs = codebook.codes.map(\.id)
        unknownCodes.report(file: file, into: &log) { id in
            let hint = Spelling.closest(to: id, in: codeIDs).map { "; did you mean \"\($0)\"?" } ?? ""
            return "unknown code \"\(id)\": it is not in \(codebook.definedIn)\(hint)"
        }
        if !conflicts.isEmpty {
            reportConflicts(conflicts, reader: reader, codebook: codebook, toolkits: toolkits, coders: coders, planes: planes, log: &log)
        }
        self.log = log
        return CodingsDraft(
            coders: coders,
            byCode: Self.transpose(planes, codeCount: codeCount, toolkitCount: toolkitCount),
            excerpts: excerpts)
    }

    /// Reports rows that code the same toolkit, coder and code as an earlier row with the other value,
    /// naming the earlier row's line. Lines are not kept for millions of rows; the file is read a
    /// second time, only when there are conflicts, to find them.
    private func reportConflicts(
        _ conflicts: [(code: Int, toolkit: Int, coder: Int, line: Int, value: Int8)], reader: CSVReader,
        codebook: CodebookDraft, toolkits: ToolkitTable, coders: [String], planes: [[Int8]], log: inout ProblemLog
    ) {
        struct Key: Hashable {
            var code: Int, toolkit: Int, coder: Int
        }
        var firstLine: [Key: Int] = [:]
        for conflict in conflicts { firstLine[Key(code: conflict.code, toolkit: conflict.toolkit, coder: conflict.coder)] = 0 }
        let coderTable = ByteKeyTable(keys: coders)
        var columns: (toolkit: Int, coder: Int, code: Int)?
        _ = reader.forEachRecord { record in
            guard let columns else {
                let names = record.fields.map(\.trimmed)
                if let toolkit = names.firstIndex(of: "toolkit_id"), let coder = names.firstIndex(of: "coder"),
                   let code = names.firstIndex(of: "code") {
                    columns = (toolkit, coder, code)
                }
                return
            }
            guard record.count > max(columns.toolkit, columns.coder, columns.code),
                  let toolkit = toolkits.table.find(record.bytes(columns.toolkit)),
                  let coder = coderTable.find(record.bytes(columns.coder)),
                  let code = codebook.table.find(record.bytes(columns.code)) else { return }
            let key = Key(code: code, toolkit: toolkit, coder: coder)
            if firstLine[key] == 0 { firstLine[key] = record.line }
        }
        let file = reader.file
        for conflict in conflicts {
            let key = Key(code: conflict.code, toolkit: conflict.toolkit, coder: conflict.coder)
            let earlier = planes[conflict.coder][conflict.code * toolkits.toolkits.count + conflict.toolkit]
            log.add(file, line: conflict.line, "coder \"\(coders[conflict.coder])\" codes \"\(codebook.codes[conflict.code].id)\" in toolkit \"\(toolkits.toolkits[conflict.toolkit].id)\" as \(conflict.value) here but as \(earlier) on line \(firstLine[key] ?? 0); keep one of the two rows")
        }
    }

    /// From one plane per coder (`[code * toolkitCount + toolkit]`) to one matrix per code
    /// (`[toolkit * coderCount + coder]`).
    static func transpose(_ planes: [[Int8]], codeCount: Int, toolkitCount: Int) -> [[Int8]] {
        let coderCount = planes.count
        return (0..<codeCount).map { code in
            [Int8](unsafeUninitializedCapacity: toolkitCount * coderCount) { matrix, initialized in
                for (coder, plane) in planes.enumerated() {
                    plane.withUnsafeBufferPointer { plane in
                        let row = code * toolkitCount
                        for toolkit in 0..<toolkitCount {
                            matrix[toolkit * coderCount + coder] = plane[row + toolkit]
                        }
                    }
                }
                initialized = toolkitCount * coderCount
            }
        }
    }
}
