import DSRKit

/// A seeded pseudo-random generator (SplitMix64) plus a stateless hash of an index.
///
/// The demo never uses the system generator: the same seed must give the same bytes on
/// every run. Stateless `hash(_:_:)` lets the call loop derive a call's caller from its
/// index alone, so no caller list is ever held in memory.
struct DemoRandom {
    private var state: UInt64

    /// Starts a stream from a seed and a stream name, so phases do not share draws.
    init(seed: UInt64, stream: UInt64) {
        state = DemoRandom.mix(seed &+ stream &* 0x9E37_79B9_7F4A_7C15)
    }

    /// The SplitMix64 finaliser: a bijective avalanche of 64 bits.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A hash of (key, index) that does not depend on any previous draw.
    @inline(__always)
    static func hash(_ key: UInt64, _ index: UInt64) -> UInt64 {
        mix(key ^ (index &* 0xD1B5_4A32_D192_ED03))
    }

    /// A hash of a text that is the same in every process (FNV-1a), unlike `hashValue`,
    /// which Swift seeds per process.
    static func stableHash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    /// The next 64 random bits.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound` (bound > 0).
    mutating func below(_ bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }

    /// A value in the closed range.
    mutating func inRange(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with the given percentage (0–100).
    mutating func percent(_ chance: Int) -> Bool {
        below(100) < chance
    }

    /// One element of a non-empty array.
    mutating func pick<C: Collection>(_ items: C) -> C.Element {
        items[items.index(items.startIndex, offsetBy: below(items.count))]
    }

    /// `count` random decimal digits as text.
    mutating func digits(_ count: Int) -> String {
        var text = ""
        for _ in 0..<count { text.append(Character(Unicode.Scalar(UInt8(48 + below(10))))) }
        return text
    }
}
