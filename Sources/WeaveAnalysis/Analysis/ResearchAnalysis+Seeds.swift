extension ResearchAnalysis {
    /// The Monte Carlo seed of one table, from the run's seed and the table's stable ids — the code id,
    /// the descriptor and the value tested — never from the table's place in the run. The same codings
    /// therefore give the same p-values whichever format they came from, whichever descriptors are
    /// analysed besides, and in whatever order: `deriveSeed(seed, stream: FNV-1a-64(code ␀ descriptor ␀ value))`.
    public static func tableSeed(_ seed: UInt64, code: String, descriptor: String, value: String?) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func add(_ bytes: some Sequence<UInt8>) {
            for byte in bytes {
                hash ^= UInt64(byte)
                hash &*= 0x0000_0100_0000_01B3
            }
        }
        add(code.utf8); add([0]); add(descriptor.utf8); add([0]); add((value ?? "").utf8)
        // A value of "" and no value differ (only multi-valued descriptors have one).
        add([value == nil ? 0 : 1])
        return SplitMix64.deriveSeed(seed, stream: hash)
    }

    /// The adjudicator's coder position: the coder of exactly that name, or the only coder whose name
    /// differs from it only in case or spaces.
    /// - Throws: ``Failure`` when no coder matches, or when several spellings do.
    static func adjudicatorIndex(_ name: String, in corpus: Corpus) throws(Failure) -> Int {
        let matches = corpus.codersMatching(name)
        if matches.count > 1 {
            let counts = corpus.codingCountsByCoder
            let spellings = Corpus.CoderSpelling(spellings: matches.map { (corpus.coders[$0].name, counts[$0]) })
            throw Failure(description: "The adjudicator \"\(name)\" matches several coders whose names differ only in case or spaces: \(spellings.text). Write the name one way in the corpus, or give the exact spelling of one coder who is not also written another way.")
        }
        guard let index = matches.first else {
            throw Failure(description: "The adjudicator \"\(name)\" is not one of the coders (\(corpus.coders.map(\.name).joined(separator: ", "))).")
        }
        return index
    }

    /// Refuses a corpus in which nothing is coded: its tables would be rows of empty cells.
    static func checkSomethingIsCoded(_ corpus: Corpus) throws(Failure) {
        guard corpus.codings.codedCount == 0 else { return }
        throw Failure(description: "Nothing is coded yet: \(corpus.origin) has \(corpus.codes.count) code\(corpus.codes.count == 1 ? "" : "s") and \(corpus.toolkits.count) toolkit\(corpus.toolkits.count == 1 ? "" : "s") but no codings, so there is nothing to analyse. Code some toolkits (or export the project after coding) and run again.")
    }

    /// Q1's reading of a parent: what it counts, and in how many toolkits it is present although some
    /// code directly beneath it was not coded there.
    static func parentReading(code: Int, values: [[Int8]], corpus: Corpus) -> (counts: String, partlyCoded: Int) {
        let beneath = corpus.descendantIndices(ofCode: code).count
        let ownCoded = corpus.codings.byCode[code].contains { $0 >= 0 }
        let counts = "\(ownCoded ? "itself or " : "")any of its \(beneath) code\(beneath == 1 ? "" : "s")"
        // A heading with nothing beneath it that no one can apply is never coded; it does not make its parent partial.
        let children = corpus.childIndices(ofCode: code).filter {
            corpus.codes[$0].isCodable || !corpus.childIndices(ofCode: $0).isEmpty
        }
        var partly = 0
        for toolkit in 0 ..< corpus.toolkits.count where values[code][toolkit] == RatingMatrix.present {
            if children.contains(where: { values[$0][toolkit] < 0 }) { partly += 1 }
        }
        return (counts, partly)
    }
}
