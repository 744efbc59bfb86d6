import Testing

/// The suites of the Identity folder, grouped so that `swift test --filter Identity` runs them.
@Suite enum IdentityTests {}
