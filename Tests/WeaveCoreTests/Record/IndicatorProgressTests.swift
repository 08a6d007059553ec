import Testing
@testable import WeaveCore

@Suite struct IndicatorProgressTests {
    @Test func periodsAreWrittenReadAndBounded() throws {
        let march = try #require(ReportingPeriod("2027-03", frequency: .monthly))
        #expect(march.end.description == "2027-03-31")
        #expect(march.previous.description == "2027-02")
        #expect(try #require(ReportingPeriod("2028-02", frequency: .monthly)).end.description == "2028-02-29")
        let q1 = try #require(ReportingPeriod("2027-Q1", frequency: .quarterly))
        #expect((q1.start.description, q1.end.description) == ("2027-01-01", "2027-03-31"))
        #expect(q1.previous.description == "2026-Q4")
        #expect(q1.next.description == "2027-Q2")
        #expect(ReportingPeriod("2027", frequency: .yearly)?.end.description == "2027-12-31")
        for (text, frequency) in [("2027-13", ReportingFrequency.monthly), ("2027-Q5", .quarterly), ("2027-03", .quarterly), ("27", .yearly), ("2027-1", .monthly)] {
            #expect(ReportingPeriod(text, frequency: frequency) == nil, "\(text)")
        }
        for day in [CivilDate(year: 1970, month: 1, day: 1), CivilDate(year: 2000, month: 2, day: 29), CivilDate(year: 2027, month: 12, day: 31)] {
            #expect(CivilDate(dayNumber: day.dayNumber) == day)
        }
        #expect(CivilDate(year: 1970, month: 1, day: 2).dayNumber == 1)
    }

    @Test func unitsAreChecked() {
        #expect(IndicatorUnit.percentage.problem(with: 100) == nil)
        #expect(IndicatorUnit.percentage.problem(with: 100.5) != nil)
        #expect(IndicatorUnit.percentage.problem(with: -1) != nil)
        #expect(IndicatorUnit.count.problem(with: 3) == nil)
        #expect(IndicatorUnit.count.problem(with: 2.5) != nil)
        #expect(IndicatorUnit.count.problem(with: -1) != nil)
        #expect(IndicatorUnit.number.problem(with: -12.5) == nil)
        #expect(IndicatorUnit.number.problem(with: .nan) != nil)
    }

    /// Baseline 20 on 2027-01-01, target 80 on 2027-12-31: the course rises 60 over 364 days. At the end of
    /// 2027-Q2 (2027-06-30, day 180) it stands at 20 + 60 × 180/364 = 49.67.
    @Test func onTrackWhenMoreIsBetter() {
        let indicator = Indicator(name: "Share of shops donating", unit: .percentage, direction: .increase, baseline: 20, since: "2027-01-01",
                                  target: 80, targetDate: "2027-12-31", frequency: .quarterly)
        #expect(abs(indicator.expected(on: CivilDate("2027-06-30")!)! - 49.6703) < 0.001)
        #expect(indicator.status([]) == .noData)
        #expect(indicator.status([IndicatorReading(period: "2027-Q2", value: 50)]) == .onTrack)
        #expect(indicator.status([IndicatorReading(period: "2027-Q2", value: 49)]) == .offTrack)
        // The latest period decides, whatever order the values come in.
        #expect(indicator.status([IndicatorReading(period: "2027-Q2", value: 49), IndicatorReading(period: "2027-Q1", value: 90)]) == .offTrack)
        // Reaching the target is on track even before the line would say so.
        #expect(indicator.status([IndicatorReading(period: "2027-Q1", value: 80)]) == .onTrack)
        // After the target date, only the target counts.
        #expect(indicator.status([IndicatorReading(period: "2028-Q1", value: 79)]) == .offTrack)
    }

    /// Baseline 500 tonnes wasted on 2027-01-01, target 300 on 2027-12-31: at the end of Q2 the course is
    /// at 500 − 200 × 180/364 = 401.1, so 400 is on track and 420 is not.
    @Test func onTrackWhenLessIsBetter() {
        let indicator = Indicator(name: "Tonnes wasted", unit: .count, direction: .decrease, baseline: 500, since: "2027-01-01",
                                  target: 300, targetDate: "2027-12-31", frequency: .quarterly)
        #expect(indicator.status([IndicatorReading(period: "2027-Q2", value: 400)]) == .onTrack)
        #expect(indicator.status([IndicatorReading(period: "2027-Q2", value: 420)]) == .offTrack)
        #expect(indicator.status([IndicatorReading(period: "2027-Q3", value: 290)]) == .onTrack)
        let unjudged = Indicator(name: "No target yet", direction: .decrease, baseline: 5, since: "2027-01-01", frequency: .monthly)
        #expect(unjudged.status([IndicatorReading(period: "2027-02", value: 4)]) == .unjudged)
    }

    @Test func freshnessCountsIndicatorsReportedForTheirLastPeriodDue() {
        let today = CivilDate("2027-05-10")!
        let monthly = Indicator(name: "A", since: "2027-01-01", frequency: .monthly)      // due: 2027-04
        let quarterly = Indicator(name: "B", since: "2027-01-01", frequency: .quarterly)  // due: 2027-Q1
        let yearly = Indicator(name: "C", since: "2027-01-01", frequency: .yearly)        // nothing due until 2028
        let late = Indicator(name: "D", since: "2027-02-01", frequency: .monthly)         // due: 2027-04
        #expect(monthly.lastPeriodDue(on: today)?.description == "2027-04")
        #expect(yearly.lastPeriodDue(on: today) == nil)
        let freshness = DataFreshness([
            (monthly, [IndicatorReading(period: "2027-04", value: 1)]),
            (quarterly, [IndicatorReading(period: "2026-Q4", value: 1)]),   // an older period does not count
            (yearly, []),
            (late, [IndicatorReading(period: "2027-03", value: 1)]),
        ], today: today)
        #expect(freshness.due == 3)
        #expect(freshness.reported == 1)
        #expect(freshness.score == 1.0 / 3.0)
        #expect(DataFreshness([(yearly, [])], today: today).score == nil)
    }

    @Test func theAssessmentTrendLinesUpThreeSessions() {
        func tally(_ target: String, _ green: Int, _ red: Int) -> TokenTally {
            TokenTally(target: target, label: target.capitalized, counts: ["green": green, "red": red], ratio: red > 0 ? Double(green) / Double(red) : nil)
        }
        let trend = AssessmentTrend(runs: [
            .init(session: "c", date: "2027-12-01", tallies: [tally("trust", 6, 2), tally("roles", 3, 3)]),
            .init(session: "a", date: "2026-12-01", tallies: [tally("trust", 1, 4), tally("roles", 2, 2), tally("old", 1, 1)]),
            .init(session: "b", date: "2027-06-01", tallies: [tally("trust", 3, 3), tally("roles", 1, 0)]),
        ])
        #expect(trend.runs.map(\.session) == ["a", "b", "c"])
        #expect(trend.rows.map(\.target) == ["trust", "roles", "old"])
        #expect(trend.rows[0].tallies.map { $0?.ratio } == [0.25, 1.0, 3.0])
        #expect(trend.rows[0].change == 2.75)
        #expect(trend.rows[1].tallies.map { $0?.ratio } == [1.0, nil, 1.0])
        #expect(trend.rows[1].change == 0)
        #expect(trend.rows[2].tallies.map { $0?.target } == ["old", nil, nil])
        #expect(trend.rows[2].change == nil)
    }
}
