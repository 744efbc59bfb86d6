import Foundation
import Testing

@testable import DSRKit

/// The meter long jobs advance: throttled, silent for short jobs and without a display,
/// finished once, its readings in order whichever threads advance it.
@Suite struct ProgressMeterTests {
    /// Collects what a display was handed.
    final class Readings: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [ProgressReading] = []

        var display: ProgressDisplay { { reading in self.add(reading) } }

        var all: [ProgressReading] {
            lock.lock()
            defer { lock.unlock() }
            return list
        }

        private func add(_ reading: ProgressReading) {
            lock.lock()
            defer { lock.unlock() }
            list.append(reading)
        }
    }

    @Test func withoutADisplayNothingIsCounted() {
        let meter = ProgressMeter(task: "building the index", unit: "values", total: 10, display: nil, interval: 0)
        #expect(!meter.isShown)
        meter.advance(by: 5)
        meter.set(done: 7, total: 20)
        meter.finish()
        meter.finish()
    }

    @Test func everyAdvanceIsShownWithoutAnInterval() {
        let readings = Readings()
        let meter = ProgressMeter(task: "task", unit: "rows", total: 10, display: readings.display, interval: 0)
        #expect(meter.isShown)
        meter.advance(by: 3)
        meter.advance(by: 4)
        meter.set(done: 9, total: 12)
        #expect(readings.all.map(\.done) == [3, 7, 9])
        #expect(readings.all.map(\.total) == [10, 10, 12])
        #expect(readings.all.allSatisfy { $0.task == "task" && $0.unit == "rows" && !$0.finished })
    }

    @Test func aJobShorterThanTheIntervalShowsNothingNotEvenAClear() {
        let readings = Readings()
        let meter = ProgressMeter(task: "task", unit: "rows", total: 100, display: readings.display, interval: 3600)
        for _ in 0..<10_000 { meter.advance(by: 1) }
        meter.finish()
        #expect(readings.all.isEmpty)
    }

    @Test func readingsAreThrottledToOneAnInterval() {
        let readings = Readings()
        let meter = ProgressMeter(task: "task", unit: "rows", total: nil, display: readings.display, interval: 0.5)
        meter.advance(by: 1)
        #expect(readings.all.isEmpty, "the first reading waits one interval")
        Thread.sleep(forTimeInterval: 0.6)
        meter.advance(by: 1)
        for _ in 0..<1000 { meter.advance(by: 1) }
        #expect(readings.all.map(\.done) == [2], "one reading, then none within the interval")
        #expect((readings.all.first?.elapsed ?? 0) >= 0.5)
    }

    @Test func finishIsShownOnceAndNothingFollowsIt() {
        let readings = Readings()
        let meter = ProgressMeter(task: "task", unit: "rows", total: 4, display: readings.display, interval: 0)
        meter.advance(by: 2)
        meter.finish()
        meter.finish()
        meter.advance(by: 2)
        meter.set(done: 4)
        #expect(readings.all.map(\.finished) == [false, true])
    }

    @Test func readingsFromManyThreadsArriveInOrderAndEndWithTheFinalOne() {
        let readings = Readings()
        let meter = ProgressMeter(task: "task", unit: "rows", total: 8000, display: readings.display, interval: 0)
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<1000 { meter.advance(by: 1) }
        }
        meter.finish()
        let all = readings.all
        #expect(zip(all, all.dropFirst()).allSatisfy { $0.done <= $1.done })
        #expect(all.last?.finished == true && all.last?.done == 8000)
        #expect(all.filter(\.finished).count == 1)
    }

    @Test func rateAndTimeLeft() {
        let reading = ProgressReading(task: "t", unit: "rows", done: 250, total: 1000, elapsed: 5)
        #expect(reading.rate == 50)
        #expect(reading.remaining == 15)
        #expect(ProgressReading(task: "t", unit: "rows", done: 0, total: 10, elapsed: 5).rate == nil)
        #expect(ProgressReading(task: "t", unit: "rows", done: 5, total: nil, elapsed: 5).remaining == nil)
        #expect(ProgressReading(task: "t", unit: "rows", done: 12, total: 10, elapsed: 1).remaining == 0)
    }
}
