import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// What a REFI-QDA `project.qde` holds that a corpus needs, read in one streaming pass.
///
/// GUIDs are kept normalised (lower case, without braces) so references match whatever case the
/// exporting program wrote.
struct ProjectDocument {
    static let namespace = "urn:QDA-XML:project:1.0"

    struct User {
        var guid: String
        var name: String?
        var id: String?
    }

    struct Code {
        var guid: String
        var name: String
        var parent: Int?
        var definition: String
        var line: Int
        /// `isCodable="false"` marks a heading coders cannot apply.
        var isCodable = true
    }

    struct Variable {
        var guid: String
        var name: String
        var line: Int
    }

    struct Value {
        var variable: String
        var value: String
        var line: Int
    }

    struct Source {
        var guid: String
        var name: String
        var line: Int
        var values: [Value] = []
    }

    struct Case {
        var guid: String
        var name: String
        var line: Int
        var values: [Value] = []
        var sources: [(guid: String, line: Int)] = []
        var selections: [(guid: String, line: Int)] = []
    }

    struct Coding {
        var source: Int
        var user: String?
        var code: String
        var line: Int
    }

    var name = ""
    var origin: String?
    var creatingUser: String?
    var users: [User] = []
    var codes: [Code] = []
    var variables: [Variable] = []
    var cases: [Case] = []
    var sources: [Source] = []
    var codings: [Coding] = []
    /// The source each selection belongs to, for cases that refer to selections.
    var sourceOfSelection: [String: Int] = [:]
    /// Problems found while reading: `(line, message)`.
    var problems: [(line: Int?, message: String)] = []
    /// Whether the whole document was read; when not, its contents are partial and not worth checking.
    var isComplete = true

    /// Normalises a GUID: trimmed, lower case, without surrounding braces.
    static func guid(_ text: String?) -> String? {
        guard var text = text?.trimmed, !text.isEmpty else { return nil }
        if text.hasPrefix("{") && text.hasSuffix("}") { text = String(text.dropFirst().dropLast()) }
        return text.lowercased()
    }

    /// Reads a `project.qde`.
    ///
    /// A document type declaration is refused before parsing: REFI-QDA needs none, and only a DTD can
    /// declare the entities of an entity-expansion attack or reach outside files.
    static func read(_ data: Data, maximumDepth: Int = 256, progress: (Double) -> Void) -> ProjectDocument {
        var document = ProjectDocument()
        document.isComplete = false
        if data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF]) || data.starts(with: [0x00, 0x3C]) || data.starts(with: [0x3C, 0x00]) {
            document.problems.append((1, "is not UTF-8 (it looks like UTF-16); REFI-QDA projects are UTF-8"))
            return document
        }
        if let line = doctypeLine(in: data) {
            document.problems.append((line, "declares a document type (<!DOCTYPE …>); REFI-QDA projects need none, and it is refused because it could expand entities or read other files"))
            return document
        }
        let totalLines = lineCount(data)
        let (reader, parser, finished) = withoutActuallyEscaping(progress) { progress in
            let reader = ProjectReader(totalLines: totalLines, maximumDepth: maximumDepth, progress: progress)
            let parser = XMLParser(data: data)
            parser.shouldProcessNamespaces = true
            parser.shouldReportNamespacePrefixes = false
            parser.shouldResolveExternalEntities = false
            parser.delegate = reader
            let finished = parser.parse()
            parser.delegate = nil
            reader.dropProgress()
            return (reader, parser, finished)
        }
        document = reader.document
        document.isComplete = false
        if let refusal = reader.refusal {
            document.problems = [(refusal.line, refusal.message)]
        } else if !finished || reader.parseError != nil {
            let line = reader.parseError?.line ?? parser.lineNumber
            let detail = reader.parseError?.message ?? parser.parserError.map(describe) ?? "it cannot be parsed"
            document.problems = [(line, "the XML is malformed: \(detail)")]
        } else if !reader.sawProject {
            document.problems = [(nil, "is not a REFI-QDA project: its root element must be <Project xmlns=\"\(namespace)\">")]
        } else {
            document.isComplete = true
        }
        return document
    }

    /// The line of a `<!DOCTYPE` (or any other `<!` declaration) in the prolog — before the first
    /// element, where a DTD must be — if any. Comments and processing instructions of any length are
    /// skipped, so padding cannot push a DTD past the check.
    static func doctypeLine(in data: Data) -> Int? {
        data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Int? in
            let bytes = raw.bindMemory(to: UInt8.self)
            var index = 0
            var line = 1
            func starts(with pattern: StaticString) -> Bool {
                let length = pattern.utf8CodeUnitCount
                guard index + length <= bytes.count else { return false }
                for offset in 0..<length where bytes[index + offset] != pattern.utf8Start[offset] { return false }
                return true
            }
            func skip(past terminator: StaticString) {
                while index < bytes.count {
                    if starts(with: terminator) { index += terminator.utf8CodeUnitCount; return }
                    if bytes[index] == 0x0A { line += 1 }
                    index += 1
                }
            }
            if starts(with: "\u{FEFF}") { index += 3 }
            while index < bytes.count {
                switch bytes[index] {
                case 0x0A: line += 1; index += 1
                case 0x20, 0x09, 0x0D: index += 1
                case UInt8(ascii: "<"):
                    if starts(with: "<?") { skip(past: "?>") }
                    else if starts(with: "<!--") { skip(past: "-->") }
                    else if starts(with: "<!") { return line }
                    else { return nil }  // the root element
                default: return nil
                }
            }
            return nil
        }
    }

    /// The number of lines, for progress.
    static func lineCount(_ data: Data) -> Int {
        data.withUnsafeBytes { raw in
            var count = 1
            for byte in raw where byte == 0x0A { count += 1 }
            return count
        }
    }

    private static func describe(_ error: any Error) -> String {
        let code = (error as NSError).code
        let known: [Int: String] = [
            4: "the document is empty", 5: "the document ends too early", 23: "an element is not closed",
            26: "an entity is not defined", 38: "an attribute value is not in quotes",
            39: "an attribute is missing its closing quote", 41: "an attribute has no value",
            73: "an element's end tag is missing its >", 76: "an end tag does not match its start tag",
            77: "an end tag does not match its start tag",
        ]
        return known[code] ?? "XML parser error \(code)"
    }
}

/// The XMLParser delegate that fills a ``ProjectDocument``.
///
/// Only elements in the REFI-QDA namespace count. A source is any element directly inside `<Sources>`;
/// every `<Coding>` anywhere inside it (in selections, representations, transcripts) belongs to it.
final class ProjectReader: NSObject, XMLParserDelegate {
    var document = ProjectDocument()
    var sawProject = false
    var refusal: (line: Int?, message: String)?
    var parseError: (line: Int, message: String)?

    private let totalLines: Int
    private var progress: (Double) -> Void
    private var elementCount = 0
    /// Local names of open elements, with the `creatingUser` each declared.
    private var stack: [(name: String, user: String?)] = []
    /// Open codes: their positions in `document.codes` and the depth of their elements.
    private var codeStack: [(code: Int, depth: Int)] = []
    private var currentSource: Int?
    private var currentSourceDepth = 0
    private var currentCase: Int?
    private var currentValue: (variable: String?, value: String?, line: Int)?
    private var currentCoding: (user: String?, code: String?, line: Int)?
    private var text: String?
    private var textTarget: TextTarget?

    private enum TextTarget {
        case codeDescription(Int)
        case variableValue
    }

    /// The deepest nesting of elements read; deeper is refused where it happens.
    private let maximumDepth: Int

    init(totalLines: Int, maximumDepth: Int, progress: @escaping (Double) -> Void) {
        self.totalLines = totalLines
        self.maximumDepth = max(2, maximumDepth)
        self.progress = progress
    }

    /// Forgets the progress callback, which must not outlive the parse.
    func dropProgress() { progress = { _ in } }

    private func line(_ parser: XMLParser) -> Int { max(1, parser.lineNumber) }

    private func problem(_ parser: XMLParser, _ message: String) {
        document.problems.append((line(parser), message))
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        elementCount += 1
        if elementCount % 4096 == 0 { progress(min(1, Double(parser.lineNumber) / Double(totalLines))) }
        let parent = stack.last?.name
        let depth = stack.count
        guard depth < maximumDepth else {
            refusal = (line(parser), "elements are nested more than \(maximumDepth) deep here (<\(elementName)> inside \(depth) others); a REFI-QDA project needs far fewer levels, so it is refused")
            parser.abortParsing()
            return
        }
        stack.append((elementName, ProjectDocument.guid(attributes["creatingUser"])))
        guard namespaceURI == ProjectDocument.namespace else {
            if depth == 0 {
                refusal = (line(parser), "is not a REFI-QDA project: its root element is <\(elementName)> in namespace \"\(namespaceURI ?? "")\", not <Project> in \"\(ProjectDocument.namespace)\"")
                parser.abortParsing()
            }
            return
        }
        if depth == 0 {
            guard elementName == "Project" else {
                refusal = (line(parser), "is not a REFI-QDA project: its root element is <\(elementName)>, not <Project>")
                parser.abortParsing()
                return
            }
            sawProject = true
            document.name = attributes["name"] ?? ""
            document.origin = attributes["origin"]
            document.creatingUser = ProjectDocument.guid(attributes["creatingUserGUID"])
            return
        }
        let guid = ProjectDocument.guid(attributes["guid"])

        // Inside a source: selections, codings and variable values, at any depth.
        if let source = currentSource {
            switch elementName {
            case "Coding":
                currentCoding = (ProjectDocument.guid(attributes["creatingUser"]) ?? nearestUser(), nil, line(parser))
            case "CodeRef" where parent == "Coding":
                currentCoding?.code = ProjectDocument.guid(attributes["targetGUID"])
            case "VariableValue":
                currentValue = (nil, nil, line(parser))
            case "VariableRef" where parent == "VariableValue":
                currentValue?.variable = ProjectDocument.guid(attributes["targetGUID"])
            case "TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue":
                if parent == "VariableValue" { startText(.variableValue) }
            default:
                if elementName.hasSuffix("Selection"), let guid { document.sourceOfSelection[guid] = source }
            }
            return
        }

        switch (parent, elementName) {
        case ("Users", "User"):
            guard let guid else { return problem(parser, "a <User> has no guid") }
            document.users.append(.init(guid: guid, name: attributes["name"], id: attributes["id"]))
        case ("Codes", "Code"), ("Code", "Code"):
            let name = attributes["name"]?.trimmed ?? ""
            if guid == nil { problem(parser, "the code \"\(name)\" has no guid") }
            if name.isEmpty { problem(parser, "a <Code> has no name") }
            document.codes.append(.init(
                guid: guid ?? "", name: name, parent: elementName == parent ? codeStack.last?.code : nil, definition: "",
                line: line(parser), isCodable: attributes["isCodable"]?.trimmed.lowercased() != "false"))
            codeStack.append((document.codes.count - 1, stack.count))
        case ("Code", "Description"):
            if let code = codeStack.last?.code { startText(.codeDescription(code)) }
        case ("Variables", "Variable"):
            let name = attributes["name"]?.trimmed ?? ""
            guard let guid else { return problem(parser, "the variable \"\(name)\" has no guid") }
            if name.isEmpty { problem(parser, "a <Variable> has no name") }
            document.variables.append(.init(guid: guid, name: name, line: line(parser)))
        case ("Cases", "Case"):
            document.cases.append(.init(guid: guid ?? "", name: attributes["name"] ?? "", line: line(parser)))
            currentCase = document.cases.count - 1
        case ("Case", "SourceRef"), ("Case", "SelectionRef"):
            guard let currentCase, let target = ProjectDocument.guid(attributes["targetGUID"]) else {
                return problem(parser, "a <\(elementName)> has no targetGUID")
            }
            if elementName == "SourceRef" {
                document.cases[currentCase].sources.append((target, line(parser)))
            } else {
                document.cases[currentCase].selections.append((target, line(parser)))
            }
        case ("Case", "VariableValue"):
            currentValue = (nil, nil, line(parser))
        case ("VariableValue", "VariableRef"):
            currentValue?.variable = ProjectDocument.guid(attributes["targetGUID"])
        case ("VariableValue", "TextValue"), ("VariableValue", "BooleanValue"), ("VariableValue", "IntegerValue"),
             ("VariableValue", "FloatValue"), ("VariableValue", "DateValue"), ("VariableValue", "DateTimeValue"):
            startText(.variableValue)
        case ("Sources", _):
            let name = attributes["name"]?.trimmed ?? ""
            guard let guid else {
                return problem(parser, "the source \"\(name)\" has no guid")
            }
            document.sources.append(.init(guid: guid, name: name, line: line(parser)))
            currentSource = document.sources.count - 1
            currentSourceDepth = stack.count
        default:
            break
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        defer { stack.removeLast() }
        guard namespaceURI == ProjectDocument.namespace else { return }
        switch elementName {
        case "Code" where codeStack.last?.depth == stack.count:
            codeStack.removeLast()
        case "Description", "TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue":
            finishText()
        case "VariableValue":
            guard let value = currentValue else { break }
            currentValue = nil
            guard let variable = value.variable else {
                document.problems.append((value.line, "a <VariableValue> has no <VariableRef targetGUID=\"…\">"))
                break
            }
            let entry = ProjectDocument.Value(
                variable: variable, value: value.value?.trimmed ?? "", line: value.line)
            if let currentSource {
                document.sources[currentSource].values.append(entry)
            } else if let currentCase {
                document.cases[currentCase].values.append(entry)
            }
        case "Coding":
            guard let coding = currentCoding, let source = currentSource else { break }
            currentCoding = nil
            guard let code = coding.code else {
                document.problems.append((coding.line, "a <Coding> has no <CodeRef targetGUID=\"…\">"))
                break
            }
            document.codings.append(.init(source: source, user: coding.user, code: code, line: coding.line))
        case "Case":
            currentCase = nil
        default:
            break
        }
        if currentSource != nil && stack.count == currentSourceDepth {
            currentSource = nil
        }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        text?.append(string)
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        text?.append(String(decoding: CDATABlock, as: UTF8.self))
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        if self.parseError == nil && refusal == nil {
            self.parseError = (line(parser), ProjectDocument.describeError(parseError))
        }
    }

    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        refuseEntities(parser)
    }

    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
        refuseEntities(parser)
    }

    private func refuseEntities(_ parser: XMLParser) {
        refusal = (line(parser), "declares entities; REFI-QDA projects need none, and they are refused because they could expand without bound or read other files")
        parser.abortParsing()
    }

    /// The creating user of the nearest enclosing element that names one (a selection, the source),
    /// else the project's creator.
    private func nearestUser() -> String? {
        stack.dropLast().last(where: { $0.user != nil })?.user ?? document.creatingUser
    }

    private func startText(_ target: TextTarget) {
        text = ""
        textTarget = target
    }

    private func finishText() {
        guard let text, let target = textTarget else { return }
        switch target {
        case .codeDescription(let code):
            document.codes[code].definition = text.trimmed
        case .variableValue:
            currentValue?.value = text
        }
        self.text = nil
        textTarget = nil
    }
}

extension ProjectDocument {
    static func describeError(_ error: any Error) -> String { describe(error) }
}
