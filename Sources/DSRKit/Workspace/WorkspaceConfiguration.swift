import Foundation

/// The settings of `dsr.yaml` (CONTRACT.md section 3), as written, before paths are resolved.
public struct WorkspaceConfiguration: Equatable, Sendable {
    /// The operations database (CONTRACT.md section 2), relative to the workspace folder, or
    /// a `postgresql://` URL (section 9).
    public var operationsDB: String
    /// A mode-0600 file holding the PostgreSQL password (its first line); nil: `$PGPASSWORD`.
    public var passwordFile: String?
    /// Where `file_path` values point.
    public var filesRoot: String
    /// dsr's own data: state database, secret key (mode 0700).
    public var stateDir: String
    /// Where access exports are written (files mode 0600).
    public var exportsDir: String
    /// ISO 3166 alpha-2 country for national phone numbers with no other context.
    public var defaultCountry: String
    /// The IANA time zone letters and pages show times in (`Europe/Amsterdam`).
    public var timeZone = WorkspaceConfiguration.defaultTimeZone
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
        "dpo_contact", "supervisory_authority", "time_zone", "password_file",
    ]

    /// The time zone of letters and pages unless `time_zone` says otherwise.
    public static let defaultTimeZone = "Europe/Amsterdam"

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
        \(passwordFile.map { "password_file: \(Self.quoted($0))  # the PostgreSQL password (mode 0600)\n" } ?? "")files_root: \(Self.quoted(filesRoot))  # where file_path values in the database point
        state_dir: \(Self.quoted(stateDir))  # dsr's own data: requests, audit log, secret key (mode 0700)
        exports_dir: \(Self.quoted(exportsDir))  # access exports (files mode 0600)
        default_country: "\(defaultCountry)"  # country of national phone numbers without other context
        time_zone: \(Self.quoted(timeZone))  # IANA time zone of the dates and times in letters and pages
        datamap: \(Self.quoted(datamap))  # builtin, or the path of a data map file
        templates_dir: \(Self.quoted(templatesDir))  # builtin, or a copy of templates/ you edited
        busy_timeout_seconds: \(Self.number(busyTimeoutSeconds))  # wait this long for a locked database, then exit 75
        # Who we are, as every letter and page of an access export tells the person (Art. 15):
        # the DPO must fill in these five keys; `dsr export` refuses while any of them is empty.
        controller_name: \(Self.quoted(controller.name))  # the controller's legal name
        controller_address: \(Self.quoted(controller.address))  # its postal address
        controller_email: \(Self.quoted(controller.email))  # where a person writes about their data
        dpo_contact: \(Self.quoted(controller.dpoContact))  # how to reach the data protection officer
        supervisory_authority: \(Self.quoted(controller.supervisoryAuthority))  # name and address of the authority to complain to

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

/// The controller's identity as exports present it (CONTRACT.md section 3).
///
/// Empty until the DPO fills it in `dsr.yaml`: dsr never invents who the controller is,
/// because every letter presents it to the person; only `dsr demo` writes a (made-up) one.
public struct ControllerSettings: Equatable, Sendable {
    public var name: String
    public var address: String
    public var email: String
    public var dpoContact: String
    public var supervisoryAuthority: String

    /// An identity; every part empty by default.
    public init(
        name: String = "", address: String = "", email: String = "", dpoContact: String = "",
        supervisoryAuthority: String = ""
    ) {
        self.name = name
        self.address = address
        self.email = email
        self.dpoContact = dpoContact
        self.supervisoryAuthority = supervisoryAuthority
    }

    /// The `dsr.yaml` keys still empty, in the file's order.
    public var emptyKeys: [String] {
        let keys = [
            ("controller_name", name), ("controller_address", address), ("controller_email", email),
            ("dpo_contact", dpoContact), ("supervisory_authority", supervisoryAuthority),
        ]
        return keys.filter { $0.1.isEmpty }.map(\.0)
    }
}
