public import Foundation

extension CorpusImporter {
    /// Imports a REFI-QDA project file (`.qdpx`).
    ///
    /// Sources become toolkits, variables (on cases or on sources) descriptors, the codebook keeps
    /// its hierarchy with ids derived from code names, and each user's codings become a coder's. A
    /// user who applied any code in a source counts as having looked for every code there; a user who
    /// applied none is "not coded" for that source. Hostile archives are refused; nothing is extracted.
    /// - Throws: ``CorpusImportError`` listing every problem found.
    public func importREFIQDA(at url: URL) throws(CorpusImportError) -> Corpus {
        let display = url.lastPathComponent
        let handle: FileHandle
        let size: Int
        do {
            handle = try FileHandle(forReadingFrom: url)
            size = Int(try handle.seekToEnd())
        } catch {
            throw CorpusImportError(display, "cannot be read: \(error.localizedDescription)")
        }
        defer { try? handle.close() }
        return try importREFIQDA(.file(handle, size: size), display: display)
    }

    /// Imports a REFI-QDA project file already in memory, such as an upload.
    ///
    /// - Parameters:
    ///   - data: The bytes of the `.qdpx` file.
    ///   - name: Its file name, as problems should show it.
    /// - Throws: ``CorpusImportError`` listing every problem found.
    public func importREFIQDA(data: Data, name: String) throws(CorpusImportError) -> Corpus {
        try importREFIQDA(.data(data), display: name)
    }

    private func importREFIQDA(_ bytes: QDPXArchive.Bytes, display: String) throws(CorpusImportError) -> Corpus {
        var progress = ImportProgress(report: progress, totalBytes: 1)
        let archive = QDPXArchive(bytes: bytes, display: display, limits: options.archiveLimits)
        let xml = try archive.projectDocument { progress.fraction(0.3 * $0) }
        let document = ProjectDocument.read(xml, maximumDepth: options.archiveLimits.maximumDepth) { progress.fraction(0.3 + 0.6 * $0) }
        let corpus = try REFIQDAMapping(document: document, file: "\(display)/\(QDPXArchive.projectEntry)", options: options)
            .corpus(origin: "REFI-QDA project \(display)")
        progress.fraction(1)
        return corpus
    }
}

/// Maps a read `project.qde` to a corpus, collecting every problem.
struct REFIQDAMapping {
    let document: ProjectDocument
    let file: String
    let options: CorpusImporter.Options

    func corpus(origin: String) throws(CorpusImportError) -> Corpus {
        var log = ProblemLog(limitPerFile: options.problemLimitPerFile)
        for problem in document.problems { log.add(file, line: problem.line, problem.message) }
        // A document that could not be read to the end has nothing further worth checking.
        if !document.isComplete { throw log.error }

        // Codebook: ids from names, unique; the GUIDs kept.
        let codeIDs = DerivedID.unique(names: document.codes.map(\.name), parents: document.codes.map(\.parent))
        var codeOfGUID: [String: Int] = [:]
        for (position, code) in document.codes.enumerated() where !code.guid.isEmpty {
            if let earlier = codeOfGUID[code.guid] {
                log.add(file, line: code.line, "the code \"\(code.name)\" has the same guid as the code \"\(document.codes[earlier].name)\" on line \(document.codes[earlier].line)")
            } else {
                codeOfGUID[code.guid] = position
            }
        }
        let codes = document.codes.enumerated().map { position, code in
            Corpus.Code(
                id: codeIDs[position], parent: code.parent.map { codeIDs[$0] }, name: code.name,
                definition: code.definition, guid: code.guid.isEmpty ? nil : code.guid, isCodable: code.isCodable)
        }

        // Toolkits: one per source.
        let toolkitIDs = DerivedID.unique(
            names: document.sources.map { DerivedID.withoutExtension($0.name.isEmpty ? $0.guid : $0.name) },
            parents: document.sources.map { _ in nil }, fallback: "toolkit")
        var sourceOfGUID: [String: Int] = [:]
        for (position, source) in document.sources.enumerated() {
            if let earlier = sourceOfGUID[source.guid] {
                log.add(file, line: source.line, "the source \"\(source.name)\" has the same guid as the source \"\(document.sources[earlier].name)\" on line \(document.sources[earlier].line)")
            } else {
                sourceOfGUID[source.guid] = position
            }
        }
        let toolkits = document.sources.enumerated().map { position, source in
            Corpus.Toolkit(id: toolkitIDs[position], title: source.name.isEmpty ? toolkitIDs[position] : source.name, guid: source.guid)
        }

        // The dense codings and descriptor values are checked against the memory limit before they exist.
        let userCount = Set(document.codings.map { $0.user ?? "" }).count
        var tooLarge = false
        if let excess = CorpusSize.excess(codes: document.codes.count, toolkits: document.sources.count, coders: userCount, limit: options.maximumCodingCells) {
            log.add(file, line: nil, excess)
            tooLarge = true
        }
        if let excess = CorpusSize.descriptorExcess(descriptors: document.variables.count, toolkits: document.sources.count, limit: options.maximumCodingCells) {
            log.add(file, line: nil, excess)
            tooLarge = true
        }
        if tooLarge { throw log.error }
        let descriptors = descriptors(sourceOfGUID: sourceOfGUID, log: &log)
        let (coders, byCode) = codings(codeOfGUID: codeOfGUID, log: &log)
        guard log.isEmpty else { throw log.error }
        let toolkitCount = toolkits.count
        return Corpus(
            origin: origin + (document.origin.map { " (exported by \($0))" } ?? ""), codes: codes, toolkits: toolkits,
            coders: coders, descriptors: descriptors,
            codings: Corpus.Codings(unchecked: byCode, toolkitCount: toolkitCount, coderCount: coders.count))
    }

    /// `title` from the source names, then one descriptor per variable, with values from the sources
    /// themselves and from the cases that refer to them.
    private func descriptors(sourceOfGUID: [String: Int], log: inout ProblemLog) -> [Corpus.Descriptor] {
        var variableOfGUID: [String: Int] = [:]
        var variableOfName: [String: Int] = [:]
        for (position, variable) in document.variables.enumerated() {
            if let earlier = variableOfName[variable.name] {
                log.add(file, line: variable.line, "two variables are named \"\(variable.name)\" (also on line \(document.variables[earlier].line)); each descriptor needs its own name")
            }
            variableOfName[variable.name] = position
            variableOfGUID[variable.guid] = position
        }
        let sourceCount = document.sources.count
        var values = Array(repeating: Array(repeating: [String](), count: sourceCount), count: document.variables.count)
        func assign(_ value: ProjectDocument.Value, to source: Int) {
            guard let variable = variableOfGUID[value.variable] else {
                log.add(file, line: value.line, "a <VariableValue> refers to the variable \(value.variable), which is not among <Variables>")
                return
            }
            let parts = options.multiValuedDescriptors.contains(document.variables[variable].name)
                ? value.value.split(separator: ";").map { String($0).trimmed }
                : [value.value]
            for part in parts where !part.isEmpty && !values[variable][source].contains(part) {
                values[variable][source].append(part)
            }
        }
        for (position, source) in document.sources.enumerated() {
            for value in source.values { assign(value, to: position) }
        }
        for item in document.cases {
            var members: [Int] = []
            for reference in item.sources {
                if let source = sourceOfGUID[reference.guid] { members.append(source) } else {
                    log.add(file, line: reference.line, "the case \"\(item.name)\" refers to the source \(reference.guid), which is not among <Sources>")
                }
            }
            for reference in item.selections {
                if let source = document.sourceOfSelection[reference.guid] { members.append(source) } else {
                    log.add(file, line: reference.line, "the case \"\(item.name)\" refers to the selection \(reference.guid), which is in no source")
                }
            }
            for source in Set(members).sorted() {
                for value in item.values { assign(value, to: source) }
            }
            if members.isEmpty {
                for value in item.values where variableOfGUID[value.variable] == nil {
                    log.add(file, line: value.line, "a <VariableValue> refers to the variable \(value.variable), which is not among <Variables>")
                }
            }
        }
        var result: [Corpus.Descriptor] = []
        if variableOfName["title"] == nil {
            result.append(Corpus.Descriptor(
                name: "title", isMultiValued: false, values: document.sources.map { $0.name.isEmpty ? [] : [$0.name] }))
        }
        for (position, variable) in document.variables.enumerated() where variableOfName[variable.name] == position {
            // Several values for one source (through several cases, or `;` in a multi-valued
            // descriptor) make the descriptor multi-valued.
            let isMultiValued = options.multiValuedDescriptors.contains(variable.name) || values[position].contains { $0.count > 1 }
            result.append(Corpus.Descriptor(name: variable.name, isMultiValued: isMultiValued, values: values[position]))
        }
        return result
    }

    /// Coders in the order of `<Users>`, then users known only by GUID; for each source, a coder who
    /// applied any code has every other code absent, a coder who applied none is not coded.
    private func codings(codeOfGUID: [String: Int], log: inout ProblemLog) -> (coders: [Corpus.Coder], byCode: [[Int8]]) {
        let unknownUser = "(unknown user)"
        var coderOfUser: [String: Int] = [:]
        var usersInOrder: [String] = []
        for coding in document.codings where coderOfUser[coding.user ?? unknownUser] == nil {
            coderOfUser[coding.user ?? unknownUser] = -1
        }
        for user in document.users where coderOfUser[user.guid] == -1 {
            coderOfUser[user.guid] = usersInOrder.count
            usersInOrder.append(user.guid)
        }
        for coding in document.codings where coderOfUser[coding.user ?? unknownUser] == -1 {
            coderOfUser[coding.user ?? unknownUser] = usersInOrder.count
            usersInOrder.append(coding.user ?? unknownUser)
        }
        // Names: the user's name, else its id, else its GUID; a name two users share gets the GUID too.
        var userByGUID: [String: ProjectDocument.User] = [:]
        for user in document.users where userByGUID[user.guid] == nil { userByGUID[user.guid] = user }
        let plainNames = usersInOrder.map { guid -> String in
            let user = userByGUID[guid]
            let name = user?.name?.trimmed
            let id = user?.id?.trimmed
            return [name, id].compactMap { $0 }.first { !$0.isEmpty } ?? guid
        }
        var nameCount: [String: Int] = [:]
        for name in plainNames { nameCount[name, default: 0] += 1 }
        var taken = Set<String>()
        let coders = zip(usersInOrder, plainNames).map { guid, name in
            var unique = nameCount[name]! > 1 ? "\(name) (\(guid))" : name
            var number = 2
            while !taken.insert(unique).inserted {
                unique = "\(name) \(number)"
                number += 1
            }
            return Corpus.Coder(name: unique, guid: guid == unknownUser ? nil : guid)
        }

        let toolkitCount = document.sources.count
        let coderCount = coders.count
        var byCode = Array(repeating: Array(repeating: Corpus.Codings.notCoded, count: toolkitCount * coderCount), count: document.codes.count)
        var looked = Set<Int>()  // toolkit * coderCount + coder
        var applied: [(code: Int, slot: Int)] = []
        for coding in document.codings {
            guard let code = codeOfGUID[coding.code] else {
                log.add(file, line: coding.line, "a <Coding> refers to the code \(coding.code), which is not in the <CodeBook>")
                continue
            }
            let slot = coding.source * coderCount + coderOfUser[coding.user ?? unknownUser]!
            looked.insert(slot)
            applied.append((code, slot))
        }
        // Only codes coders can apply are judged absent where a coder looked: a heading marked
        // isCodable="false" stays "not coded", as it would be in codings.csv, so it adds no units
        // where every coder "agreed it is absent".
        let codable = document.codes.indices.filter { document.codes[$0].isCodable }
        for slot in looked {
            for code in codable { byCode[code][slot] = Corpus.Codings.absent }
        }
        for (code, slot) in applied { byCode[code][slot] = Corpus.Codings.present }
        return (coders, byCode)
    }
}
