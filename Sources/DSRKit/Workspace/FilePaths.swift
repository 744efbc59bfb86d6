import Foundation

/// Path resolution shared by the workspace and the commands.
public enum FilePaths {
    /// Resolves `path` against the folder `base`: absolute paths stay, relative ones join `base`.
    ///
    /// `URL(filePath:relativeTo:)` drops the last component of a base without a trailing
    /// slash, so joining is done explicitly here.
    public static func resolve(_ path: String, against base: URL) -> URL {
        let url = path.hasPrefix("/") ? URL(filePath: path) : base.appending(path: path)
        return url.standardizedFileURL
    }
}
