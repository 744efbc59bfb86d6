import Foundation

/// The settings of `dsr.yaml` (CONTRACT.md section 3), as written, before paths are resolved.
public struct WorkspaceConfiguration: Equatable, Sendable {
    /// The operations database (CONTRACT.md section 2), relative to the workspace folder.
    public var operationsDB: String
    /// Where `file_path` values point.
    public var filesRoot: String
    /// dsr's own data: state database, secret key (mode 0700).
    public var stateDir: String
    /// Where access exports are written (files mode 0600).
    public var exportsDir: String
    /// ISO 3166 alpha-2 country for national phone numbers with no other context.
    public var defaultCountry: String
    /// `builtin` or the path of a data map file.
    public var datamap: String
    /// `builtin` or the path of an edited copy of `templates/`.
    public var templatesDir: String
    /// How long to wait for another process's lock before giving up (exit 75), in seconds.
    public var busyTimeoutSeconds: Double
    /// Who we are, for the access export's letter and page (Art. 13(1)(a), 15): the
    /// controller's name, postal address, e-mail, the DPO's contact and the supervisory
    /// authority a subject may complain to.
    public var controller = ControllerSettings()

    /// Every key `dsr.yaml` may contain.
    public static let knownKeys = [
        "operations_db", "files_root", "state_dir", "exports_dir", "default_country", "datamap",
        "templates_dir", "busy_timeout_seconds", "controller_name", "controller_address", "controller_email",
        "dpo_contact", "supervisory_authority",
    ]

    /// A configuration with the contract's defaults.
    public init(
        operationsDB: String = "ops.db", filesRoot: String = "files", stateDir: String = "state",
        exportsDir: String = "exports", defaultCountry: String = "NL", datamap: String = "builtin",
        templatesDir: String = "builtin", busyTimeoutSeconds: Double = Store.defaultBusyTimeout
    ) {
        self.operationsDB = operationsDB
        self.filesRoot = filesRoot
        self.stateDir = stateDir
        self.exportsDir = exportsDir
        self.defaultCountry = defaultCountry
        self.datamap = datamap
        self.templatesDir = templatesDir
        self.busyTimeoutSeconds = busyTimeoutSeconds
    }

    /// The YAML text of this configuration, with a comment per key.
    public var yaml: String {
        """
        # dsr workspace configuration. Relative paths resolve against this file's folder.
        operations_db: \(Self.quoted(operationsDB))  # the operations database (read, never changed by locate/export)
        files_root: \(Self.quoted(filesRoot))  # where file_path values in the database point
        state_dir: \(Self.quoted(stateDir))  # dsr's own data: requests, audit log, secret key (mode 0700)
        exports_dir: \(Self.quoted(exportsDir))  # access exports (files mode 0600)
        default_country: "\(defaultCountry)"  # country of national phone numbers without other context
        datamap: \(Self.quoted(datamap))  # builtin, or the path of a data map file
        templates_dir: \(Self.quoted(templatesDir))  # builtin, or a copy of templates/ you edited
        busy_timeout_seconds: \(Self.number(busyTimeoutSeconds))  # wait this long for a locked database, then exit 75
        # Who we are, as access exports tell the person:
        controller_name: \(Self.quoted(controller.name))
        controller_address: \(Self.quoted(controller.address))
        controller_email: \(Self.quoted(controller.email))
        dpo_contact: \(Self.quoted(controller.dpoContact))
        supervisory_authority: \(Self.quoted(controller.supervisoryAuthority))

        """
    }

    /// Whether `code` is a two-letter ISO 3166 alpha-2 code (letters only, any case).
    public static func isCountryCode(_ code: String) -> Bool { CountryCode.isAlpha2(code) }

    /// Quotes a path for YAML when it could be misread as something other than a string.
    static func quoted(_ value: String) -> String {
        let plain = value.unicodeScalars.allSatisfy {
            CharacterSet.alphanumerics.contains($0) || "/._-".unicodeScalars.contains($0)
        }
        if plain && !value.isEmpty && !["true", "false", "null", "yes", "no", "~"].contains(value.lowercased()) {
            return value
        }
        let escaped = value.replacingOccurrences(of: "\\", with: "\\\\")
            .replacingOccurrences(of: "\"", with: "\\\"")
        return "\"\(escaped)\""
    }

    static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}

/// The controller's identity as exports present it (CONTRACT.md section 1: the provider).
public struct ControllerSettings: Equatable, Sendable {
    public var name = "Telvora B.V."
    public var address = "Postbus 1234, 2500 AA Den Haag, Nederland"
    public var email = "privacy@telvora.example"
    public var dpoContact = "Data Protection Officer, privacy@telvora.example"
    public var supervisoryAuthority =
        "Autoriteit Persoonsgegevens, Postbus 93374, 2509 AJ Den Haag, autoriteitpersoonsgegevens.nl"

    /// The demo provider's identity; a real workspace sets its own in dsr.yaml.
    public init() {}
}
