import Foundation

/// Draws r × c tables uniformly from the null distribution of tables with fixed row and column
/// totals (the multiple hypergeometric distribution), by Patefield's (1981, AS 159) decomposition:
/// row by row, column by column, each cell is hypergeometric given the cells already drawn.
///
/// Each hypergeometric draw is by inversion of one uniform from ``Xoshiro256StarStar``, starting
/// at the mode and moving, one outcome at a time, to whichever neighbour is more probable (so it
/// takes about one standard deviation of steps). Cells whose value is forced draw no number.
struct RandomTableSampler: Sendable {
    let rowTotals: [Int]
    let columnTotals: [Int]
    let logFactorials: LogFactorials

    init(rowTotals: [Int], columnTotals: [Int], logFactorials: LogFactorials) {
        precondition(rowTotals.reduce(0, +) == columnTotals.reduce(0, +), "margins must agree")
        precondition(logFactorials.limit >= rowTotals.reduce(0, +), "log-factorial table too small")
        self.rowTotals = rowTotals
        self.columnTotals = columnTotals
        self.logFactorials = logFactorials
    }

    /// Fills `cells` (row-major, `rowTotals.count × columnTotals.count`) with a random table,
    /// using `remaining` as scratch space of `columnTotals.count` counters.
    func sample(into cells: inout [Int], remaining: inout [Int], using generator: inout Xoshiro256StarStar) {
        let rows = rowTotals.count
        let columns = columnTotals.count
        for j in 0 ..< columns { remaining[j] = columnTotals[j] }
        var remainingTotal = rowTotals.reduce(0, +)
        for i in 0 ..< rows - 1 {
            var rowLeft = rowTotals[i]
            var population = remainingTotal
            for j in 0 ..< columns - 1 {
                let successes = remaining[j]
                let x = rowLeft == 0 ? 0 : hypergeometric(population: population, successes: successes, draws: rowLeft, using: &generator)
                cells[i * columns + j] = x
                rowLeft -= x
                remaining[j] -= x
                population -= successes
            }
            cells[i * columns + columns - 1] = rowLeft
            remaining[columns - 1] -= rowLeft
            remainingTotal -= rowTotals[i]
        }
        for j in 0 ..< columns { cells[(rows - 1) * columns + j] = remaining[j] }
    }

    /// One hypergeometric draw (outcomes `x` successes in `draws` from `population`).
    func hypergeometric(population: Int, successes: Int, draws: Int, using generator: inout Xoshiro256StarStar) -> Int {
        let failures = population - successes
        let lower = max(0, draws - failures)
        let upper = min(draws, successes)
        if lower >= upper { return lower }
        let u = generator.nextUniform()
        let mode = min(max((draws + 1) * (successes + 1) / (population + 2), lower), upper)
        let pMode = exp(logFactorials.logHypergeometric(mode, population: population, successes: successes, draws: draws))
        var sum = pMode
        if u < sum { return mode }
        // p(x+1)/p(x) = (K − x)(n − x) / ((x + 1)(N − K − n + x + 1)); p(x−1)/p(x) is its inverse at x−1.
        func upRatio(_ x: Int) -> Double {
            Double(successes - x) * Double(draws - x) / (Double(x + 1) * Double(failures - draws + x + 1))
        }
        func downRatio(_ x: Int) -> Double {
            Double(x) * Double(failures - draws + x) / (Double(successes - x + 1) * Double(draws - x + 1))
        }
        var up = mode
        var down = mode
        var nextUp = up < upper ? pMode * upRatio(up) : 0
        var nextDown = down > lower ? pMode * downRatio(down) : 0
        var last = mode
        while nextUp > 0 || nextDown > 0 {
            if nextUp >= nextDown {
                up += 1
                sum += nextUp
                last = up
                if u < sum { return up }
                nextUp = up < upper ? nextUp * upRatio(up) : 0
            } else {
                down -= 1
                sum += nextDown
                last = down
                if u < sum { return down }
                nextDown = down > lower ? nextDown * downRatio(down) : 0
            }
        }
        // Rounding left the total a hair below u: return the last (least probable) outcome visited.
        return last
    }
}
