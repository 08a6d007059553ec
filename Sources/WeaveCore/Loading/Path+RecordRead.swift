extension LibraryFile {
    /// Reads a path's `record` key: a list of `{field, into, columns}` entries. Whether each names a canvas
    /// field of the right kind is checked once `use` entries are resolved.
    func readRecord(_ reader: MappingReader, path: String) -> [RecordSource] {
        var sources: [RecordSource] = []
        var seen: Set<String> = []
        for (index, node) in (reader.list("record") ?? []).enumerated() {
            guard let entry = MappingReader(node, subject: "\(reader.subject): \"record\" entry \(index + 1)", file: self,
                                            required: ["field", "into"], optional: ["columns"]) else { continue }
            guard let field = entry.text("field", nonEmpty: true), let into = entry.choice("into", of: RecordSource.Kind.self) else { continue }
            guard seen.insert(field).inserted else {
                error("\(entry.subject): the field \"\(field)\" is already carried over by an earlier entry", at: entry.location("field"))
                continue
            }
            var columns: [String: String] = [:]
            if let value = entry.value("columns") {
                guard case .mapping(let mapping) = value else {
                    error("\(entry.subject): \"columns\" must map record attributes to column ids, such as \"name: indicator\"", at: value)
                    continue
                }
                for (key, column) in mapping {
                    guard let attribute = key.scalar?.string, let id = column.scalar?.string, !id.isEmpty else {
                        error("\(entry.subject): each of \"columns\" maps an attribute to a column id as plain text", at: key)
                        continue
                    }
                    columns[attribute] = id
                }
            }
            let source = RecordSource(field: field, into: into, columns: columns)
            let location = entry.location("field")
            let subject = entry.subject
            afterLoading { assembly in
                guard let resolved = assembly.library.path(path) else { return }
                if let problem = source.problem(with: resolved.canvasFields.first { $0.id == field }) {
                    assembly.report("\(subject) \(problem)", at: location)
                }
            }
            sources.append(source)
        }
        return sources
    }
}
