import Foundation
import Testing

@testable import DSRKit

/// The audit trail's hand-made timestamps read exactly as ISO8601DateFormatter writes them.
@Suite struct AuditTimestampTests {
    @Test func timestampsMatchTheFoundationFormatter() {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var generator = SystemRandomNumberGenerator()
        var dates = [0, 1_772_366_400, 1_772_366_400.999, 951_782_400.5, 4_102_444_799.001, 1_709_164_800.25].map {
            Date(timeIntervalSince1970: $0)
        }
        for _ in 0..<2000 {
            dates.append(Date(timeIntervalSince1970: Double.random(in: 0..<4_102_444_800, using: &generator)))
        }
        for date in dates {
            #expect(AuditLog.timestamp(date) == formatter.string(from: date), "\(date.timeIntervalSince1970)")
        }
    }
}
