import ArgumentParser
import WeaveCore

@main
struct Weave: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Weave")
    func run() throws {
        let library = try Library.loading()
        print(library.count)
    }
}
