/// How a pseudonym token reads (`erased:` and 16 hex digits): what the erasure engine writes
/// in place of a value, and what the retention selector recognises as already pseudonymised.
enum PseudonymToken {
    /// The prefix every token starts with; no phone number, address or IP starts so.
    static let prefix = "erased:"

    /// Whether `value` is a pseudonym token.
    static func isToken(_ value: CellValue) -> Bool {
        value.textValue?.hasPrefix(prefix) ?? false
    }

    /// ``isToken(_:)`` of text read in place.
    static func isToken(bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.starts(with: prefix.utf8)
    }
}
