import Foundation
import Testing

@testable import DSRKit

/// A small seeded generator (SplitMix64) so that a failure can be replayed.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

@Suite struct ResidueScannerRandomTests {
    /// The naive reference: every form at every start position, ASCII case folded on both sides.
    /// Exact for ASCII forms, whose UTF-16 high bytes are 0 (only 0 folds to 0).
    static func reference(forms: [String], utf16: Bool, minimumLength: Int, data: [UInt8]) -> Int {
        func fold(_ b: UInt8) -> UInt8 { (0x41...0x5A).contains(b) ? b + 32 : b }
        var patterns = Set<[UInt8]>()
        for form in forms where form.utf8.count >= minimumLength {
            let bytes = form.utf8.map(fold)
            patterns.insert(bytes)
            if utf16 {
                patterns.insert(bytes.flatMap { [$0, 0] })
                patterns.insert(bytes.flatMap { [0, $0] })
            }
        }
        let folded = data.map(fold)
        var count = 0
        for start in folded.indices {
            for pattern in patterns where start + pattern.count <= folded.count {
                if folded[start..<start + pattern.count].elementsEqual(pattern) { count += 1 }
            }
        }
        return count
    }

    @Test(arguments: 1...40)
    func agreesWithTheNaiveReference(seed: Int) throws {
        var random = SplitMix64(state: UInt64(seed))
        let alphabet = Array("aAbB.@0".utf8) + [0, 0xC3]
        func text(_ length: Int) -> [UInt8] { (0..<length).map { _ in alphabet.randomElement(using: &random)! } }
        let utf16 = seed % 2 == 0
        let minimumLength = Int.random(in: 1...6, using: &random)
        let forms = (0..<Int.random(in: 1...12, using: &random)).map { _ in
            String(decoding: text(Int.random(in: 1...9, using: &random)).filter { $0 < 0x80 && $0 != 0 }, as: UTF8.self)
        }
        var data = text(Int.random(in: 0...3000, using: &random))
        for _ in 0..<Int.random(in: 0...30, using: &random) {
            guard let form = forms.randomElement(using: &random) else { break }
            var bytes = Array(form.utf8).map { Bool.random(using: &random) ? $0 : ResidueScanner.upper($0) }
            if utf16, Bool.random(using: &random) { bytes = bytes.flatMap { [$0, 0] } }
            data.insert(contentsOf: bytes, at: Int.random(in: 0...data.count, using: &random))
        }
        let dir = try TemporaryDirectory()
        let url = dir.url.appending(path: "random.bin")
        try Data(data).write(to: url)
        let expected = Self.reference(forms: forms, utf16: utf16, minimumLength: minimumLength, data: data)
        for chunk in [1, 2, 3, 7, 64, 4096] {
            let scanner = ResidueScanner(
                forms: forms, minimumLength: minimumLength, includeUTF16: utf16, chunkSize: chunk)
            #expect(try scanner.count(in: url) == expected, "seed \(seed), chunk \(chunk)")
        }
    }
}

/// Forms of 6 bytes and more, so that the scan moves by the skip table (four cursors once a
/// chunk holds 4,096 start positions), and files split between two threads.
@Suite struct ResidueScannerSkipTests {
    @Test(arguments: 1...30)
    func agreesWithTheNaiveReference(seed: Int) throws {
        var random = SplitMix64(state: UInt64(seed) &* 7919)
        let formAlphabet = Array("aAbB.@0+".utf8)
        let dataAlphabet = formAlphabet + Array("cdefghijklmnopqrstuvwxyz 123456789\n".utf8) + [0, 0xC3]
        let utf16 = seed % 3 == 0
        let forms = (0..<Int.random(in: 1...12, using: &random)).map { _ in
            String(
                decoding: (0..<Int.random(in: 6...20, using: &random)).map { _ in
                    formAlphabet.randomElement(using: &random)!
                }, as: UTF8.self)
        }
        var data = (0..<Int.random(in: 0...40_000, using: &random)).map { _ in
            dataAlphabet.randomElement(using: &random)!
        }
        for _ in 0..<Int.random(in: 0...40, using: &random) {
            guard let form = forms.randomElement(using: &random) else { break }
            var bytes = Array(form.utf8).map { Bool.random(using: &random) ? $0 : ResidueScanner.upper($0) }
            if utf16, Bool.random(using: &random) { bytes = bytes.flatMap { [0, $0] } }
            // Now and then a form cut short or run into another: near misses for the skip table.
            if Bool.random(using: &random) { bytes.removeLast(Int.random(in: 0...3, using: &random)) }
            data.insert(contentsOf: bytes, at: Int.random(in: 0...data.count, using: &random))
        }
        let dir = try TemporaryDirectory()
        let url = dir.url.appending(path: "random.bin")
        try Data(data).write(to: url)
        let expected = ResidueScannerRandomTests.reference(forms: forms, utf16: utf16, minimumLength: 6, data: data)
        for (chunk, split) in [
            (1, Int.max), (7, 1000), (64, Int.max), (5000, 1), (1 << 16, 20_000), (1 << 16, Int.max),
        ] {
            let scanner = ResidueScanner(
                forms: forms, minimumLength: 6, includeUTF16: utf16, chunkSize: chunk, splitBytes: split)
            #expect(!scanner.skips.isEmpty, "seed \(seed): the skip table is in use")
            #expect(try scanner.count(in: url) == expected, "seed \(seed), chunk \(chunk), split at \(split)")
            #expect(scanner.count(in: data) == expected, "seed \(seed), in memory")
        }
    }

    @Test func aShortFormOrMostBucketsShiftingByNothingLeavesTheSkipTableOut() {
        #expect(ResidueScanner(forms: ["abcde", "+31681234567"]).skips.isEmpty)
        #expect(!ResidueScanner(forms: ["abcdef", "+31681234567"]).skips.isEmpty)
        // 20,000 random words: their last three letters, in every case, fill most buckets.
        var random = SplitMix64(state: 42)
        let letters = Array("abcdefghijklmnopqrstuvwxyz".utf8)
        let words = (0..<20_000).map { _ in
            String(decoding: (0..<8).map { _ in letters.randomElement(using: &random)! }, as: UTF8.self)
        }
        #expect(ResidueScanner(forms: words).skips.isEmpty)
    }
}
