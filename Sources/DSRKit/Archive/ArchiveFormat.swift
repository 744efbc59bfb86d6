/// The container an export is written in.
///
/// Zip is the default because every desktop opens it; tar.gz suits people who script.
public enum ArchiveFormat: String, Sendable, CaseIterable {
    /// A zip file; entries are deflated or stored one by one, and may be AES-256 encrypted.
    case zip
    /// A pax tar stream compressed as a whole with gzip.
    case tarGz = "tar.gz"
}
