import Testing

@testable import DSRKit

/// The writers a refresh waits for before it lets go of ids left behind the watermark.
@Suite struct WritersInProgressTests {
    @Test func writersHaveEndedOnlyWhenNoneOfThemIsStillInProgress() {
        let then = WritersInProgress([905, 901, 903, 901])
        #expect(then.transactions == [901, 903, 905])
        #expect(!then.haveEnded(by: WritersInProgress([903, 990])), "903 is still running")
        #expect(then.haveEnded(by: WritersInProgress([990, 991])))
        #expect(then.haveEnded(by: .none))
        #expect(WritersInProgress.none.haveEnded(by: then), "nothing to wait for")
    }

    @Test func theStoredListReadsBackAndAnythingElseIsRefused() {
        let writers = WritersInProgress([12, 7, 40])
        #expect(writers.text == "7,12,40")
        #expect(WritersInProgress(text: writers.text) == writers)
        #expect(WritersInProgress(text: "") == WritersInProgress.none)
        for bad in ["7,,12", "7;12", "-3", "x", "7, 12"] {
            #expect(WritersInProgress(text: bad) == nil, "\(bad)")
        }
    }
}
