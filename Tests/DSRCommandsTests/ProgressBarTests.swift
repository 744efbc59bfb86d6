import DSRKit
import Foundation
import Testing

@testable import DSRCommands

/// The one-line progress display: its text, cut to the terminal, and when it is drawn at all.
@Suite struct ProgressBarTests {
    static let reading = ProgressReading(
        task: "building the index", unit: "values", done: 4_200_000, total: 10_000_000, elapsed: 14)

    @Test func aReadingWithATotalHasABarCountsRateAndTimeLeft() {
        #expect(
            ProgressBar.line(Self.reading)
                == "building the index  [##########..............]  4,200,000/10,000,000 values  300,000/s  0:19 left")
        #expect(
            ProgressBar.line(Self.reading, width: 10)
                == "building the index  [####......]  4,200,000/10,000,000 values  300,000/s  0:19 left")
        #expect(
            ProgressBar.line(Self.reading, width: 0)
                == "building the index  4,200,000/10,000,000 values  300,000/s  0:19 left")
    }

    @Test func aReadingWithoutATotalOrTimeHasCountsOnly() {
        #expect(
            ProgressBar.line(ProgressReading(task: "purging", unit: "records", done: 1234, total: nil, elapsed: 2))
                == "purging  1,234 records  617/s")
        #expect(
            ProgressBar.line(ProgressReading(task: "purging", unit: "records", done: 0, total: nil, elapsed: 0))
                == "purging  0 records")
    }

    @Test func theBarIsFullAtTheTotalAndNeverOverflows() {
        let over = ProgressReading(task: "t", unit: "rows", done: 12, total: 10, elapsed: 1)
        #expect(ProgressBar.line(over, width: 4) == "t  [####]  12/10 rows  12/s  0:00 left")
    }

    @Test func theTextOverwritesTheLineAndFitsTheTerminal() {
        let wide = ProgressBar.text(Self.reading, columns: 200)
        #expect(wide == "\r\u{1B}[2K" + ProgressBar.line(Self.reading))
        // 80 columns: no room for a bar of 8, so the numbers stay whole without it.
        let narrow = ProgressBar.text(Self.reading, columns: 80)
        #expect(narrow == "\r\u{1B}[2K" + ProgressBar.line(Self.reading, width: 0))
        // Room for a narrower bar.
        let middle = ProgressBar.text(Self.reading, columns: 90)
        #expect(middle == "\r\u{1B}[2K" + ProgressBar.line(Self.reading, width: 16))
        #expect(middle.count - 5 == 89)
        // Too narrow for the numbers: cut, never wrapped.
        let tiny = ProgressBar.text(Self.reading, columns: 20)
        #expect(tiny == "\r\u{1B}[2K" + "building the index ")
    }

    @Test func theFinalReadingClearsTheLine() {
        var done = Self.reading
        done.finished = true
        #expect(ProgressBar.text(done, columns: 80) == "\r\u{1B}[2K")
    }

    @Test func numbersAndClocks() {
        #expect(ProgressBar.grouped(0) == "0")
        #expect(ProgressBar.grouped(999) == "999")
        #expect(ProgressBar.grouped(1000) == "1,000")
        #expect(ProgressBar.grouped(1_234_567) == "1,234,567")
        #expect(ProgressBar.grouped(-1_234) == "-1,234")
        #expect(ProgressBar.clock(0) == "0:00")
        #expect(ProgressBar.clock(59.6) == "1:00")
        #expect(ProgressBar.clock(605) == "10:05")
        #expect(ProgressBar.clock(3725) == "1:02:05")
    }

    @Test func drawnOnlyOnATerminalAndNeverWithJSON() throws {
        let folder = FileManager.default.temporaryDirectory
        let terminal = CommandContext(currentDirectory: folder, stderrIsTerminal: true, stderrColumns: 200)
        #expect(ProgressBar.display(terminal, json: true) == nil)
        #expect(ProgressBar.display(CommandContext(currentDirectory: folder), json: false) == nil)
        let display = try #require(ProgressBar.display(terminal, json: false))
        display(Self.reading)
        #expect(terminal.stderr.text == "\r\u{1B}[2K" + ProgressBar.line(Self.reading))
    }
}
