#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Runs libarchive calls under a UTF-8 character type on the calling thread only.
///
/// libarchive converts entry names through the C library's locale, and a Swift program stays in
/// the "C" locale; there libarchive 3.6.2's pax writer crashes (strlen of NULL) on a non-ASCII
/// name. `uselocale` changes the current thread alone, so the rest of the process is untouched.
enum ArchiveLocale {
    /// A UTF-8 LC_CTYPE, or nil on a system that has none.
    nonisolated(unsafe) static let utf8: locale_t? =
        newlocale(LC_CTYPE_MASK, "C.UTF-8", nil) ?? newlocale(LC_CTYPE_MASK, "en_US.UTF-8", nil)

    /// Runs `body` with the UTF-8 locale current on this thread, then restores the previous one.
    static func run<T>(_ body: () throws -> T) rethrows -> T {
        guard let utf8 else { return try body() }
        let previous = uselocale(utf8)
        defer { uselocale(previous) }
        return try body()
    }

    /// True when `path` can be written: ASCII always, other names only under a UTF-8 locale.
    static func canWrite(_ path: String) -> Bool { utf8 != nil || path.utf8.allSatisfy { $0 < 0x80 } }
}
