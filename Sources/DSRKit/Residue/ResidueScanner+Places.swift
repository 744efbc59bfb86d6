import Foundation

extension ResidueScanner {
    /// Scans every `(label, url)` in order and reports the places with matches.
    /// - Throws: ``ResidueError/place(_:_:)`` naming the label of the place that could not be read.
    package func scan(_ places: [(label: String, url: URL)]) throws -> ResidueReport {
        var found: [ResiduePlace] = []
        for (label, url) in places {
            do {
                found.append(ResiduePlace(place: label, count: try count(in: url)))
            } catch let error as ResidueError {
                throw ResidueError.place(label, error)
            }
        }
        return ResidueReport(places: found)
    }

    /// Scans every regular file under `folder`, recursively, labelled `"\(label)/\(relative path)"`.
    ///
    /// Only for dsr's own folders (the state folder: `state.db`, `index.db`, `secret.key` …), whose
    /// file names hold no personal data; files of the files root are passed to ``scan(_:)`` one by
    /// one with labels of their own. Symbolic links are neither followed nor scanned: their targets
    /// lie outside the folder. A missing folder reports nothing.
    /// - Throws: ``ResidueError/place(_:_:)`` for a file or folder that could not be read.
    package func scanFolder(_ folder: URL, label: String) throws -> ResidueReport {
        try scan(Self.regularFiles(under: folder).map { (label: "\(label)/\($0)", url: folder.appending(path: $0)) })
    }

    /// The relative paths of the regular files under `folder`, sorted; links are not followed.
    /// - Throws: ``ResidueError/place(_:_:)`` when a folder cannot be listed.
    static func regularFiles(under folder: URL, prefix: String = "") throws -> [String] {
        let path = folder.path(percentEncoded: false)
        guard let directory = opendir(path) else {
            if errno == ENOENT, prefix.isEmpty { return [] }
            throw ResidueError.place(
                prefix.isEmpty ? "." : String(prefix.dropLast()), .system(call: "opendir", errno: errno))
        }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) {
                String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != ".", name != ".." { names.append(name) }
        }
        closedir(directory)
        var files: [String] = []
        for name in names.sorted() {
            var info = stat()
            guard lstat(path + "/" + name, &info) == 0 else { continue }  // removed meanwhile
            let relative = prefix + name
            switch info.st_mode & S_IFMT {
            case S_IFREG: files.append(relative)
            case S_IFDIR: files += try regularFiles(under: folder.appending(path: name), prefix: relative + "/")
            default: continue  // links, sockets, FIFOs: not the folder's data
            }
        }
        return files
    }
}
