import DSRKit

/// The planted calls: the subjects' own calls, the other traffic on the planted owners'
/// numbers, and the decoy callers. Each gets a fixed position in the period; the call loop
/// writes it at the row id of that position, so it is present at any `--calls`.
struct DemoPlantedCall {
    /// What the call left behind.
    enum Media { case none, recording, voicemailEmailed, voicemailKept }

    var position: Double
    var service: Int
    var caller: String?
    var withheld: Bool
    var duration: Int
    /// Form of `forwarded_to` (nil: not forwarded).
    var forwardedForm: DemoPhoneForm?
    /// The planted subject whose call this is (caller_number is theirs).
    var subject: Int?
    var media: Media = .none
    var id = 0
}

/// Builds the planted call list.
struct DemoPlantedCallPlan {
    private var random: DemoRandom
    private let world: DemoWorld
    private(set) var calls: [DemoPlantedCall] = []

    init(world: DemoWorld, seed: UInt64) {
        self.world = world
        random = DemoRandom(seed: seed, stream: 77)
    }

    /// Marker spellings of a withheld caller, plus NULL and empty (CONTRACT.md section 2).
    static let withheldSpellings: [String?] = [
        nil, "", "anonymous", "Anonymous", "ANONYMOUS", "unknown", "Unknown", "UNKNOWN",
        "restricted", "Restricted", "RESTRICTED",
    ]

    /// A random-range caller (digit after the mobile prefix 1–5) of a country.
    static func randomCaller(_ country: DemoCountry, _ random: inout DemoRandom) -> DemoPhone {
        let prefix = random.pick(country.mobilePrefixes)
        let nsn =
            prefix + String(random.inRange(1...5))
            + random.digits(country.mobileLength - prefix.count - 1)
        return DemoPhone(callingCode: country.callingCode, nsn: nsn, split: country.mobileSplit)
    }

    private mutating func add(
        _ number: String, caller: String?, subject: Int?, withheld: Bool = false,
        media: DemoPlantedCall.Media = .none, latest: Double = 1
    ) {
        let index = world.serviceIndex(number)
        let service = world.services[index]
        let k = Double(calls.count)
        let spread = (0.5 + k * 0.618_033_988_75).truncatingRemainder(dividingBy: 1)
        let voicemail = media == .voicemailEmailed || media == .voicemailKept
        let answered = !voicemail && (media == .recording || random.percent(92))
        calls.append(
            DemoPlantedCall(
                position: 0.005 + spread * 0.97 * latest, service: index, caller: caller,
                withheld: withheld,
                duration: voicemail ? random.inRange(6...55) : answered ? random.inRange(8...900) : 0,
                forwardedForm: answered && service.forwardPhone != nil
                    ? random.pick([.e164, .e164, .spaced, .national, .doubleZero]) : nil,
                subject: subject, media: media))
    }

    /// All planted calls, in plan order (ids are assigned by ``assignIds(calls:)``).
    mutating func build() {
        typealias N = DemoPlantedWorld.Number
        let sanne = DemoPlanted.sanne
        let domestic = [N.nlFree, N.nlPremium, N.nlLocal, N.pieterFree, N.pieterPremium]
        let foreign = [N.beFree, N.bePremium, N.bgFree, N.bgLocal]
        var domesticCount = 0
        for k in 0..<80 {
            let isForeign = k % 6 == 5
            let number = isForeign ? foreign[k / 6 % foreign.count] : domestic[k % domestic.count]
            let form =
                isForeign
                ? DemoPhoneForm.international[k % DemoPhoneForm.international.count]
                : DemoPhoneForm.allCases[domesticCount % DemoPhoneForm.allCases.count]
            if !isForeign { domesticCount += 1 }
            let recorded = [N.nlFree, N.pieterFree, N.beFree, N.bgFree].contains(number) && k % 3 == 0
            add(
                number, caller: sanne.text(form), subject: DemoPlanted.caller,
                withheld: k == 17 || k == 52, media: recorded ? .recording : .none)
        }
        add(N.nlLocal, caller: sanne.text(.e164), subject: DemoPlanted.caller, media: .voicemailEmailed)
        add(N.nlLocal, caller: sanne.text(.nationalDashed), subject: DemoPlanted.caller, media: .voicemailKept)
        add(N.pieterPremium, caller: sanne.text(.national), subject: DemoPlanted.caller, media: .voicemailEmailed)
        add(N.pieterLocal, caller: sanne.text(.nationalSpaced), subject: DemoPlanted.caller, latest: 0.7)
        // Other traffic on Pieter's numbers, including every withheld spelling.
        let pieterNumbers = [N.pieterFree, N.pieterPremium, N.pieterLocal]
        for k in 0..<18 {
            let caller = Self.randomCaller(random.percent(80) ? .nl : .be, &random)
            add(
                pieterNumbers[k % 3],
                caller: caller.text(k % 4 == 0 && caller.callingCode == "31" ? .national : .e164),
                subject: nil, media: k == 3 ? .recording : k == 4 ? .voicemailEmailed : .none,
                latest: k % 3 == 2 ? 0.7 : 1)
        }
        for (k, spelling) in Self.withheldSpellings.enumerated() {
            add(pieterNumbers[k % 2], caller: spelling, subject: nil, withheld: true)
        }
        buildMarieAndGeorgi()
        buildDecoys()
    }

    private mutating func buildMarieAndGeorgi() {
        typealias N = DemoPlantedWorld.Number
        let marie = DemoPlanted.marie
        let targets = [N.beFree, N.beLocal, N.nlFree, N.nlPremium, N.bePremium]
        for k in 0..<20 {
            let number = targets[k % targets.count]
            let national = number.hasPrefix("+32")
            let forms = national ? DemoPhoneForm.allCases : DemoPhoneForm.international
            add(
                number, caller: marie.text(forms[k % forms.count]), subject: DemoPlanted.ownerAndCaller,
                media: number == N.beFree && k % 10 == 0 ? .recording : .none)
        }
        for k in 0..<8 {
            let caller = Self.randomCaller(random.percent(70) ? .be : .nl, &random)
            add(
                N.marieFree, caller: caller.text(.e164), subject: nil,
                media: k == 2 ? .voicemailEmailed : .none)
        }
        add(N.marieFree, caller: "Anonymous", subject: nil, withheld: true)
        add(N.marieFree, caller: nil, subject: nil, withheld: true)
        let georgi = DemoPlanted.georgi
        let bgForms: [DemoPhoneForm] = [
            .nationalGrouped, .national, .e164, .spaced, .doubleZero, .bare, .nationalDashed,
            .trunkInParentheses,
        ]
        for k in 0..<15 {
            let number = [N.bgFree, N.bgPremium, N.bgLocal][k % 3]
            add(
                number, caller: georgi.text(bgForms[k % bgForms.count]), subject: DemoPlanted.bgCaller,
                media: k == 3 ? .recording : k == 5 ? .voicemailKept : .none)
        }
        for form in [DemoPhoneForm.doubleZero, .e164, .grouped] {
            add(N.nlFree, caller: georgi.text(form), subject: DemoPlanted.bgCaller)
        }
    }

    private mutating func buildDecoys() {
        typealias N = DemoPlantedWorld.Number
        let decoys = DemoPlanted.decoyCallers
        for _ in 0..<3 { add(N.nlFree, caller: decoys[0], subject: nil) }
        for _ in 0..<2 { add(N.beLocal, caller: decoys[1], subject: nil) }
        for _ in 0..<2 { add(N.bgLocal, caller: decoys[2], subject: nil) }
        add(N.bgFree, caller: decoys[3], subject: nil)
        for _ in 0..<3 {
            let caller = Self.randomCaller(.nl, &random)
            add(DemoPlanted.decoyServiceNumber, caller: caller.text(.e164), subject: nil)
        }
    }

    /// Gives each planted call a distinct row id near its position, in position order.
    mutating func assignIds(calls total: Int) {
        let order = calls.indices.sorted { calls[$0].position < calls[$1].position }
        var previous = 0
        for index in order {
            let wanted = 1 + Int(calls[index].position * Double(total))
            previous = max(previous + 1, wanted)
            calls[index].id = previous
        }
        var limit = total
        for index in order.reversed() {
            calls[index].id = min(calls[index].id, limit)
            limit = calls[index].id - 1
        }
        calls.sort { $0.id < $1.id }
    }
}
