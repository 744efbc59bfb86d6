import DSRKit

extension ControllerSettings {
    /// The made-up provider of the demo data, so that a demo export reads like a real one.
    /// Only `dsr demo` writes it; `dsr init` leaves the identity for the DPO to fill in.
    static let demo = ControllerSettings(
        name: "Telvora B.V.", address: "Postbus 1234, 2500 AA Den Haag, Nederland",
        email: "privacy@telvora.example", dpoContact: "Data Protection Officer, privacy@telvora.example",
        supervisoryAuthority:
            "Autoriteit Persoonsgegevens, Postbus 93374, 2509 AJ Den Haag, autoriteitpersoonsgegevens.nl")
}
