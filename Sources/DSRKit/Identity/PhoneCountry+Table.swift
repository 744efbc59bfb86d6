import Foundation

// The phone number table: one row per country, data only.
//
// Lengths are those of the national significant number (ITU-T E.164 §6.2.1: the digits after
// the calling code, without any trunk prefix), taken from the national numbering plans as
// published to the ITU. They are deliberately a little generous: rejecting a real number
// would make an access export miss a record (GDPR Art. 15), while an implausible number
// that is accepted only fails to match anything.
//
// Italy has no trunk prefix: the leading 0 of a fixed line is part of the number and stays
// after +39. Hungary's trunk prefix is 06. Lithuania moved its trunk prefix from 8 to 0;
// both are read.

extension PhoneCountry {
    /// Every country whose national-form numbers dsr can read: EU/EEA, GB, CH, NANP, neighbours.
    public static let all: [PhoneCountry] = europe + nanp + neighbours

    /// The EU and EEA member states, the United Kingdom and Switzerland.
    static let europe: [PhoneCountry] = [
        PhoneCountry("AT", "43", trunk: ["0"], lengths: 4...13),
        PhoneCountry("BE", "32", trunk: ["0"], lengths: 8...9),
        PhoneCountry("BG", "359", trunk: ["0"], lengths: 6...9),
        PhoneCountry("HR", "385", trunk: ["0"], lengths: 6...9),
        PhoneCountry("CY", "357", trunk: [], lengths: [8]),
        PhoneCountry("CZ", "420", trunk: [], lengths: 9...12),
        PhoneCountry("DK", "45", trunk: [], lengths: [8]),
        PhoneCountry("EE", "372", trunk: [], lengths: 7...10),
        PhoneCountry("FI", "358", trunk: ["0"], lengths: 5...12),
        PhoneCountry("FR", "33", trunk: ["0"], lengths: [9]),
        PhoneCountry("DE", "49", trunk: ["0"], lengths: 5...13),
        PhoneCountry("GR", "30", trunk: [], lengths: [10]),
        PhoneCountry("HU", "36", trunk: ["06"], lengths: 8...9),
        PhoneCountry("IE", "353", trunk: ["0"], lengths: 7...10),
        PhoneCountry("IT", "39", trunk: [], lengths: 6...11, leadingDigits: "0123456789"),
        PhoneCountry("LV", "371", trunk: [], lengths: [8]),
        PhoneCountry("LT", "370", trunk: ["8", "0"], lengths: [8]),
        PhoneCountry("LU", "352", trunk: [], lengths: 4...11),
        PhoneCountry("MT", "356", trunk: [], lengths: [8]),
        // 0800/0900 numbers have 4 or 7 digits after the prefix (NSN 7 or 10); M2M 097 has 11.
        PhoneCountry("NL", "31", trunk: ["0"], lengths: [7, 9, 10, 11]),
        PhoneCountry("PL", "48", trunk: [], lengths: [9]),
        PhoneCountry("PT", "351", trunk: [], lengths: [9]),
        PhoneCountry("RO", "40", trunk: ["0"], lengths: [9]),
        PhoneCountry("SK", "421", trunk: ["0"], lengths: 6...9),
        PhoneCountry("SI", "386", trunk: ["0"], lengths: 5...8),
        PhoneCountry("ES", "34", trunk: [], lengths: [9]),
        PhoneCountry("SE", "46", trunk: ["0"], lengths: 6...10),
        PhoneCountry("IS", "354", trunk: [], lengths: [7, 9]),
        PhoneCountry("LI", "423", trunk: [], lengths: [7, 9]),
        PhoneCountry("NO", "47", trunk: [], lengths: [5, 8]),
        PhoneCountry("GB", "44", trunk: ["0"], lengths: 7...10),
        PhoneCountry("CH", "41", trunk: ["0"], lengths: [9]),
    ]

    /// The North American Numbering Plan (+1): 10-digit numbers, trunk prefix 1, usually
    /// written without it; `011` is the international prefix. US first: it answers for `+1`.
    static let nanp: [PhoneCountry] = [
        "US", "CA", "PR", "VI", "GU", "AS", "MP", "AG", "AI", "BB", "BM", "BS", "DM", "DO",
        "GD", "JM", "KN", "KY", "LC", "MS", "SX", "TC", "TT", "VC", "VG",
    ].map {
        PhoneCountry(
            $0, "1", trunk: ["1"], lengths: [10], leadingDigits: "23456789", nationalWithoutTrunk: true,
            internationalPrefix: "011")
    }

    /// Frequent non-EU neighbours of the data (Cyrillic-script callers, Turkey).
    static let neighbours: [PhoneCountry] = [
        PhoneCountry("RU", "7", trunk: ["8"], lengths: [10]),
        PhoneCountry("UA", "380", trunk: ["0"], lengths: [9]),
        PhoneCountry("TR", "90", trunk: ["0"], lengths: [10]),
    ]
}
