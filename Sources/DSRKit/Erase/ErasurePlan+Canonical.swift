/// The plan's canonical JSON, written with ``JSONText`` rather than JSONEncoder: encoding a
/// plan of 300 steps through Codable took 10 million instructions, a third of an erasure's
/// planning. The text is what JSONEncoder writes for the types' Codable forms with
/// `.sortedKeys` and `.withoutEscapingSlashes` (a test compares the two), so the digest a DPO
/// copies from `--json` is the SHA-256 of exactly these bytes.
extension ErasurePlan {
    /// Every field but the digest: what the digest covers.
    var canonical: JSONText {
        Self.canonical(steps: steps, files: files, processorHeld: processorHeld, notify: notify, related: related)
    }

    static func canonical(
        steps: [ErasureStep], files: [ErasureFile], processorHeld: [ProcessorHeldRecord], notify: [String],
        related: [RelatedContext]
    ) -> JSONText {
        .object([
            ("steps", .array(steps.map(\.jsonText))), ("files", .array(files.map(\.jsonText))),
            ("processor_held", .array(processorHeld.map(\.jsonText))), ("notify", .array(notify.map(JSONText.string))),
            ("related", .array(related.map(\.jsonText))),
        ])
    }
}

extension ErasureStep {
    var jsonText: JSONText {
        .object([
            ("table", .string(table)), ("key", key.jsonText), ("column", column.map(JSONText.string)),
            ("action", .string(action.rawValue)), ("basis", basis.map(JSONText.string)),
            ("until", until.map(JSONText.string)),
        ])
    }
}

extension ErasureFile {
    var jsonText: JSONText {
        .object([
            ("table", .string(table)), ("key", key.jsonText), ("column", .string(column)), ("path", .string(path)),
            ("action", .string(action.rawValue)), ("format", .string(format.rawValue)),
        ])
    }
}

extension ProcessorHeldRecord {
    var jsonText: JSONText {
        .object([("table", .string(table)), ("key", key.jsonText), ("controller", controller.map(JSONText.string))])
    }
}

extension RelatedContext {
    var jsonText: JSONText { .object([("table", .string(table)), ("count", .integer(Int64(count)))]) }
}
