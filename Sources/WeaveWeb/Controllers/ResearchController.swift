import Foundation
import Hummingbird
import MultipartKit
import NIOCore
import NIOPosix
import WeaveAnalysis
import WeaveCore
import WeaveStore

/// Research projects in the browser: a team uploads a coded corpus (a REFI-QDA `.qdpx` project, or the
/// CSV files zipped or one long-format CSV), runs the analysis that `weave analyze` runs, reads the report
/// and downloads its tables. Only a project's members reach it.
struct ResearchController: Sendable {
    let app: WebApp
    /// The largest corpus upload.
    static let maxUpload = 64 * 1024 * 1024

    func addRoutes(to router: Router<WeaveContext>) {
        router.get("/research") { _, context in
            let account = try app.requireLogin(context)
            let projects = try await app.store.researchProjects(of: account.id)
            var listing = ResearchProjectsPage(chrome: Chrome(context), rows: projects.map {
                .init(name: $0.name, href: "/research/\($0.id.uuidString.lowercased())")
            }, hasRows: !projects.isEmpty)
            listing.invitations = try await InvitationController.rows(app, for: account)
            return app.pages.response(listing, template: "research-projects")
        }
        router.post("/research") { _, context in
            let account = try app.requireLogin(context)
            let name = try (context.form ?? Form(parsing: "")).required("name", label: "The project's name", limit: 160)
            let project = try await app.store.createResearchProject(name: name, owner: account.id)
            return Response.seeOther("/research/\(project.id.uuidString.lowercased())")
        }
        router.get("/research/:project") { request, context in
            let project = try await member(context)
            var shown = try await page(project, context, problem: nil)
            if request.uri.queryParameters.get("notice") == "invited" {
                shown.notice = "Invitation recorded. It waits on their Research page for whoever signs in with that address, and they join once they accept."
            }
            return app.pages.response(shown, template: "research-project")
        }
        router.post("/research/:project/members") { _, context in
            let project = try await member(context)
            let email = try (context.form ?? Form(parsing: "")).required("email", label: "Their email", limit: 200)
            guard email.contains("@") else { throw HTTPError(.badRequest, message: "“\(email)” does not look like an email address.") }
            // The same answer whether or not the address has an account; they join once they accept.
            try await app.store.invite(email: email, to: .researchProject(project.id), by: try app.requireLogin(context).id)
            return Response.seeOther("/research/\(project.id.uuidString.lowercased())?notice=invited")
        }
        router.post("/research/:project/runs") { request, context in
            let project = try await member(context)
            let account = try app.requireLogin(context)
            let upload = try await Upload(request, context: context)
            let outcome = await analyse(upload, project: project.id)
            switch outcome {
            case .failure(let problem):
                return app.pages.response(try await page(project, context, problem: problem.message), template: "research-project", status: .badRequest)
            case .success(let (summary, files)):
                let run = try await app.store.saveResearchRun(project: project.id, fileName: upload.fileName, runBy: account.name,
                                                              summary: summary, files: files)
                return Response.seeOther("/research/\(project.id.uuidString.lowercased())/runs/\(run.uuidString.lowercased())")
            }
        }
        router.get("/research/:project/runs/:run") { request, context in
            let (_, run) = try await projectRun(context)
            // The report is a page of its own, with its styles and charts inline and no script. Its figure
            // links are relative to the report's folder; here they point at this run's figures.
            let html = (run.files["report.html"] ?? "").replacingOccurrences(of: "href=\"figures/", with: "href=\"\(request.uri.path)/figures/")
            var response = Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"],
                                    body: .init(byteBuffer: ByteBuffer(string: html)))
            response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'none'"
            return response
        }
        router.get("/research/:project/runs/:run/figures/:name") { _, context in
            let (_, run) = try await projectRun(context)
            let name = try context.parameters.require("name")
            guard let svg = run.files["figures/" + name] else {
                throw HTTPError(.notFound, message: "This run has no figure called “\(name.prefix(60))”.")
            }
            var response = Response(status: .ok, headers: [.contentType: "image/svg+xml; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: svg)))
            response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
            return response
        }
        router.get("/research/:project/runs/:run/files/:name") { _, context in
            let (_, run) = try await projectRun(context)
            let name = try context.parameters.require("name")
            guard name != "report.html", let contents = run.files[name] else {
                throw HTTPError(.notFound, message: "This run has no file called “\(name.prefix(60))”.")
            }
            let type = name.hasSuffix(".json") ? "application/json; charset=utf-8" : "text/csv; charset=utf-8"
            return Response(status: .ok, headers: [.contentType: type, .contentDisposition: "attachment; filename=\"\(name)\""],
                            body: .init(byteBuffer: ByteBuffer(string: contents)))
        }
    }

    func member(_ context: WeaveContext) async throws -> ResearchProject {
        let account = try app.requireLogin(context)
        guard let id = UUID(uuidString: try context.parameters.require("project")),
              let project = try await app.store.researchProject(id, member: account.id) else {
            throw HTTPError(.notFound, message: "There is no such research project among yours.")
        }
        return project
    }

    func projectRun(_ context: WeaveContext) async throws -> (ResearchProject, ResearchRun) {
        let project = try await member(context)
        guard let id = UUID(uuidString: try context.parameters.require("run")),
              let run = try await app.store.researchRun(id, in: project.id) else {
            throw HTTPError(.notFound, message: "There is no such analysis in this project.")
        }
        return (project, run)
    }

    func page(_ project: ResearchProject, _ context: WeaveContext, problem: String?) async throws -> ResearchProjectPage {
        let formatter = ISO8601DateFormatter()
        let base = "/research/\(project.id.uuidString.lowercased())"
        var page = ResearchProjectPage(
            chrome: Chrome(context), title: project.name, base: base,
            members: try await app.store.researchMembers(of: project.id).map { "\($0.name) (\($0.email))" }
                + (try await app.store.pendingInvitations(to: .researchProject(project.id))).map { "\($0) (invited; joins on accepting)" },
            runs: try await app.store.researchRuns(of: project.id).map { run in
                let href = "\(base)/runs/\(run.id.uuidString.lowercased())"
                return .init(fileName: run.fileName, runBy: run.runBy, at: formatter.string(from: run.createdAt), href: href,
                             summary: run.summary,
                             downloads: ["q1.csv", "q2.csv", "q3.csv", "other.csv", "effects.csv", "agreement.csv", "agreement_pairs.csv", "disagreements.csv", "report.json"].map {
                                 .init(name: $0, href: "\(href)/files/\($0)")
                             })
            },
            hasRuns: false, problem: problem)
        page.queue = app.analyses.entries(of: project.id).map {
            .init(fileName: $0.fileName, state: $0.position == 0 ? "running" : "waiting, number \($0.position) in line")
        }
        page.hasRuns = !page.runs.isEmpty
        return page
    }

    /// What the team sent: a corpus as one file (a REFI-QDA `.qdpx` project or a wide-format CSV) or as
    /// long-format CSV files, and the analysis options.
    struct Upload: Sendable {
        enum Corpus: Sendable {
            case project(Data)
            case wide(Data)
            case long(toolkits: Data, codings: Data, codebook: Data?)
        }
        var fileName: String
        var corpus: Corpus
        var adjudicator: String?
        var minimumGroup: Int
        /// What an empty cell of a wide-format sheet means (the form's `blank`, as `--blank` on the command line).
        var blank: CorpusImporter.BlankCell = .absent

        init(_ request: Request, context: WeaveContext) async throws {
            guard let type = request.headers[.contentType], type.lowercased().hasPrefix("multipart/form-data"),
                  let boundary = type.split(separator: ";").map({ $0.trimmingCharacters(in: .whitespaces) })
                    .first(where: { $0.lowercased().hasPrefix("boundary=") })?.dropFirst("boundary=".count) else {
                throw HTTPError(.badRequest, message: "Send the corpus with the upload form.")
            }
            var request = request
            let body: ByteBuffer
            do {
                body = try await request.collectBody(upTo: ResearchController.maxUpload)
            } catch {
                throw HTTPError(.contentTooLarge, message: "The upload is larger than \(ResearchController.maxUpload / 1024 / 1024) MB.")
            }
            // The parts by name, as the multipart parser reads them.
            var parts: [String: MultipartPart] = [:]
            do {
                let parser = MultipartParser(boundary: String(boundary).trimmingCharacters(in: CharacterSet(charactersIn: "\"")))
                var headers = HTTPHeaders()
                var partBody = ByteBuffer()
                parser.onHeader = { name, value in headers.add(name: name, value: value) }
                parser.onBody = { chunk in partBody.writeBuffer(&chunk) }
                parser.onPartComplete = {
                    let part = MultipartPart(headers: headers, body: partBody)
                    if let name = part.name, parts[name] == nil, parts.count < 20 { parts[name] = part }
                    headers = HTTPHeaders()
                    partBody = ByteBuffer()
                }
                try parser.execute(body)
            } catch where !parts.isEmpty {
                throw HTTPError(.badRequest, message: "The upload could not be read; send it again with the form.")
            } catch {
                // An empty form (nothing chosen) reads as no parts at all.
            }
            func text(_ name: String) -> String? { parts[name].map { String(buffer: $0.body) } }
            func file(_ part: MultipartPart?) -> (name: String, data: Data)? {
                guard let part, part.body.readableBytes > 0 else { return nil }
                let disposition = part.headers.first(name: "Content-Disposition") ?? ""
                let raw = disposition.firstMatch(of: #/filename="([^"]*)"/#).map { String($0.1) } ?? "upload"
                let base = raw.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? "upload"
                return (String(base.prefix(120)), Data(buffer: part.body))
            }
            if let single = file(parts["corpus"]) {
                fileName = single.name
                if single.name.lowercased().hasSuffix(".qdpx") || single.data.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
                    corpus = .project(single.data)
                } else {
                    corpus = .wide(single.data)
                }
            } else if let toolkits = file(parts["toolkits"]), let codings = file(parts["codings"]) {
                let codebook = file(parts["codebook"])
                fileName = [toolkits.name, codings.name, codebook?.name].compactMap { $0 }.joined(separator: " + ")
                corpus = .long(toolkits: toolkits.data, codings: codings.data, codebook: codebook?.data)
            } else {
                throw HTTPError(.badRequest, message: "Choose a corpus to upload: one .qdpx or wide-format CSV file, or toolkits.csv with codings.csv.")
            }
            adjudicator = text("adjudicator").flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : String($0.prefix(80)) }
            minimumGroup = text("minimum_group").flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }.map { max(1, min($0, 1000)) } ?? 5
            if let blank = text("blank")?.trimmingCharacters(in: .whitespaces), !blank.isEmpty {
                guard let meaning = CorpusImporter.BlankCell(rawValue: blank) else {
                    throw HTTPError(.badRequest, message: "An empty cell means \"absent\" or \"not-coded\", not \"\(blank.prefix(40))\".")
                }
                self.blank = meaning
            }
        }
    }

    /// Imports and analyses the upload off the event loops; the summary and report files, or what was wrong.
    /// Nothing is kept unless both succeed.
    func analyse(_ upload: Upload, project: UUID) async -> Result<(String, [String: String]), UploadProblem> {
        let library = app.library
        do {
            // On the analysis queue's own threads, never on the shared pool that hashes passwords.
            return try await app.analyses.run(project: project, fileName: upload.fileName) {
                var importOptions = CorpusImporter.Options()
                importOptions.wideBlank = upload.blank
                let importer = CorpusImporter(library: library, options: importOptions)
                let imported: Result<WeaveAnalysis.Corpus, any Error>
                do {
                    switch upload.corpus {
                    case .project(let data): imported = .success(try importer.importREFIQDA(data: data, name: upload.fileName))
                    case .wide(let data): imported = .success(try importer.importCSV(codebook: nil, toolkits: data, codings: nil, origin: upload.fileName))
                    case .long(let toolkits, let codings, let codebook):
                        imported = .success(try importer.importCSV(codebook: codebook, toolkits: toolkits, codings: codings, origin: upload.fileName))
                    }
                } catch {
                    imported = .failure(error)
                }
                let corpus: WeaveAnalysis.Corpus
                switch imported {
                case .success(let value): corpus = value
                case .failure(let error):
                    let description = (error as? CorpusImportError)?.description ?? "\(error)"
                    return .failure(UploadProblem(message: "\(description)\nNothing was imported; fix these and upload again."))
                }
                var options = ResearchAnalysis.Options()
                options.adjudicator = upload.adjudicator
                options.minimumGroupSize = upload.minimumGroup
                let report: ResearchReport
                do {
                    report = try ResearchAnalysis(options: options).run(corpus)
                } catch {
                    return .failure(UploadProblem(message: (error as? ResearchAnalysis.Failure)?.description ?? "\(error)"))
                }
                let files = Dictionary(try report.files().map { ($0.name, $0.contents) }, uniquingKeysWith: { a, _ in a })
                let summary = "\(report.toolkits) toolkits, \(report.codes) codes, \(report.codersText); consensus: \(report.consensus)."
                return .success((summary, files))
            }
        } catch {
            return .failure(UploadProblem(message: "The analysis could not run: \(error)"))
        }
    }
}

/// Why an upload could not be analysed, for the person who sent it.
struct UploadProblem: Error { var message: String }

/// The research projects a person is on.
struct ResearchProjectsPage {
    struct Row { var name: String; var href: String }
    var chrome: Chrome
    var title = "Research projects"
    var rows: [Row]
    var hasRows: Bool
    /// Invitations waiting for this account.
    var invitations: [InvitationRow] = [] { didSet { hasInvitations = !invitations.isEmpty } }
    /// Stored, not computed: templates see stored properties only.
    var hasInvitations = false
}

/// One research project: team, upload, runs.
struct ResearchProjectPage {
    struct Download { var name: String; var href: String }
    struct Run { var fileName: String; var runBy: String; var at: String; var href: String; var summary: String; var downloads: [Download] }
    var chrome: Chrome
    var title: String
    var base: String
    var members: [String]
    var runs: [Run]
    var hasRuns: Bool
    var problem: String?
    var notice: String?
    /// This project's analyses running or waiting their turn.
    struct Queued { var fileName: String; var state: String }
    var queue: [Queued] = [] { didSet { hasQueue = !queue.isEmpty } }
    var hasQueue = false
}
