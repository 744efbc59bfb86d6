import DSRKit

/// What the call loop needs of a service number and of a caller country, precomputed as
/// bytes so a row is built without allocating.
struct DemoCallLine {
    var number: [UInt8]
    var country: Int
    var customerId: Int
    var activeFrom: Int
    var activeUntil: Int
    var premiumRate: Int?
    var forwards: [[UInt8]]
    var recording: Bool
    var voicemail: Bool

    init(_ service: DemoWorld.Service, seed: UInt64) {
        number = Array(service.number.utf8)
        country = service.country.index
        customerId = service.customerId
        activeFrom = service.activeFrom
        activeUntil = service.activeUntil ?? Int.max
        let mixed = DemoRandom.mix(seed ^ DemoRandom.stableHash(service.number))
        premiumRate = service.type == "premium" ? 45 + Int(mixed % 255) : nil
        if let phone = service.forwardPhone {
            forwards = [.e164, .e164, .e164, .spaced, .national, .doubleZero, .nationalDashed]
                .map { Array(phone.text($0).utf8) }
        } else {
            forwards = []
        }
        recording = service.recording
        voicemail = service.voicemail
    }

    /// Whether the number was in service at an instant.
    @inline(__always)
    func isActive(at instant: Int) -> Bool {
        instant >= activeFrom && instant < activeUntil
    }
}

/// A caller country's number plan as bytes.
struct DemoCallerPlan {
    var callingCode: [UInt8]
    var mobilePrefixes: [[UInt8]]
    var mobileLength: Int
    var mobileSplit: Int
    var areaCodes: [[UInt8]]
    var landlineLength: Int

    init(_ country: DemoCountry) {
        callingCode = Array(country.callingCode.utf8)
        mobilePrefixes = country.mobilePrefixes.map { Array($0.utf8) }
        mobileLength = country.mobileLength
        mobileSplit = country.mobileSplit
        areaCodes = country.areaCodes.map { Array($0.utf8) }
        landlineLength = country.landlineLength
    }

    /// Writes the national significant number of random caller `key` (digit after the
    /// mobile prefix 1–5, landline subscriber starting 2–7) and returns its split.
    @inline(__always)
    func writeCaller(key: UInt64, into nsn: DemoBytes) -> Int {
        let mixed = DemoRandom.mix(key)
        var rest = mixed >> 24
        if mixed & 0xff < 170 {
            let prefix = mobilePrefixes[Int((mixed >> 8) % UInt64(mobilePrefixes.count))]
            nsn.append(prefix)
            nsn.append(UInt8(49 + (mixed >> 16) % 5))
            for _ in 0..<(mobileLength - prefix.count - 1) {
                nsn.append(UInt8(48 + rest % 10))
                rest /= 10
            }
            return mobileSplit
        }
        let area = areaCodes[Int((mixed >> 8) % UInt64(areaCodes.count))]
        nsn.append(area)
        nsn.append(UInt8(50 + (mixed >> 16) % 6))
        for _ in 0..<(landlineLength - area.count - 1) {
            nsn.append(UInt8(48 + rest % 10))
            rest /= 10
        }
        return area.count
    }
}
