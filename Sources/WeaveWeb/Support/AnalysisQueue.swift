import Foundation
import NIOConcurrencyHelpers
import NIOPosix

/// Research analyses from the browser wait their turn here and run on threads of their own, a few at a
/// time, so that however heavy the uploads, password hashing and the database (which use NIO's shared
/// thread pool) stay quick. Each waiting analysis knows its place in line, for the project's page.
final class AnalysisQueue: Sendable {
    /// An analysis in line or running, as the research page lists it.
    struct Entry: Sendable, Equatable {
        var id: UUID
        /// The research project it belongs to.
        var project: UUID
        var fileName: String
        /// 0 while running; otherwise how many analyses are ahead of it, plus one.
        var position: Int
    }

    private struct State {
        var running: [UUID: (project: UUID, fileName: String)] = [:]
        var waiting: [(id: UUID, project: UUID, fileName: String, start: CheckedContinuation<Void, Never>)] = []
    }

    private let state = NIOLockedValueBox(State())
    private let pool: NIOThreadPool
    /// How many run at once.
    let width: Int

    /// Starts `width` threads of its own for analyses.
    init(width: Int) {
        self.width = max(1, width)
        pool = NIOThreadPool(numberOfThreads: self.width)
        pool.start()
    }

    /// Stops the threads once the analyses under way are done.
    func shutdown() async {
        try? await pool.shutdownGracefully()
    }

    /// Runs `work` once its turn comes, on the queue's own threads; returns what it returns.
    /// - Parameters:
    ///   - project: the research project, so its page can show the analysis in line.
    ///   - fileName: what was uploaded, for the same page.
    ///   - work: the analysis; it must not touch the event loops.
    func run<T: Sendable>(project: UUID, fileName: String, _ work: @escaping @Sendable () throws -> T) async throws -> T {
        let id = UUID()
        await withCheckedContinuation { (start: CheckedContinuation<Void, Never>) in
            let now = state.withLockedValue { state -> Bool in
                if state.running.count < width {
                    state.running[id] = (project, fileName)
                    return true
                }
                state.waiting.append((id, project, fileName, start))
                return false
            }
            if now { start.resume() }
        }
        defer { finished(id) }
        return try await pool.runIfActive(work)
    }

    private func finished(_ id: UUID) {
        let next = state.withLockedValue { state -> CheckedContinuation<Void, Never>? in
            state.running[id] = nil
            guard !state.waiting.isEmpty else { return nil }
            let next = state.waiting.removeFirst()
            state.running[next.id] = (next.project, next.fileName)
            return next.start
        }
        next?.resume()
    }

    /// The analyses of a project that are running or waiting, running first, then in line order.
    func entries(of project: UUID) -> [Entry] {
        state.withLockedValue { state in
            let running = state.running.filter { $0.value.project == project }
                .map { Entry(id: $0.key, project: project, fileName: $0.value.fileName, position: 0) }
                .sorted { $0.fileName < $1.fileName }
            let waiting = state.waiting.enumerated().filter { $0.element.project == project }
                .map { Entry(id: $0.element.id, project: project, fileName: $0.element.fileName, position: $0.offset + 1) }
            return running + waiting
        }
    }

    /// How many analyses run and wait, across all projects.
    var load: (running: Int, waiting: Int) {
        state.withLockedValue { ($0.running.count, $0.waiting.count) }
    }
}
