import DSRKit

/// Writes the `cdrs` table: `calls` rows in chronological id order, streaming.
///
/// Nothing per call is kept: a row's time comes from its id, its number, caller and outcome
/// from `DemoRandom.hash(seed, id)`. Planted calls are written at their assigned ids. Only
/// the few calls that leave a recording or voicemail are collected (up to the caps).
final class DemoCallWriter {
    let world: DemoWorld
    private let lines: [DemoCallLine]
    private let traffic: [Int]
    private let alwaysActive: [Int]
    private let plans = DemoCountry.all.map(DemoCallerPlan.init)
    private let planted: [DemoPlantedCall]
    private let calls: Int
    private let seed: UInt64
    private let recordingCap: Int
    private let voicemailCap: Int
    private(set) var media: [DemoMediaCall] = []

    /// Notes a call that left a recording or voicemail.
    func appendMedia(_ call: DemoMediaCall) { media.append(call) }

    /// Random-caller forms, weighted like real network data (mostly E.164).
    private static let forms: [DemoPhoneForm] = {
        let weights: [(DemoPhoneForm, Int)] = [
            (.e164, 45), (.national, 15), (.nationalDashed, 5), (.spaced, 5), (.grouped, 5),
            (.trunkInParentheses, 3), (.doubleZero, 8), (.bare, 5), (.dashed, 2),
            (.nationalGrouped, 4), (.nationalSpaced, 2), (.nationalParentheses, 1),
        ]
        return weights.flatMap { Array(repeating: $0.0, count: $0.1) }
    }()

    /// Share of calls per hour of the day (UTC), as a cumulative fraction table.
    private static let hourCumulative: [Double] = {
        let weights: [Double] = [
            1, 1, 1, 1, 1, 2, 4, 8, 12, 14, 14, 13, 12, 13, 13, 12, 11, 10, 8, 7, 5, 4, 3, 2,
        ]
        let total = weights.reduce(0, +)
        var running = 0.0
        return [0]
            + weights.map {
                running += $0 / total; return running
            }
    }()

    init(world: DemoWorld, planted: [DemoPlantedCall], options: DemoOptions) {
        self.world = world
        self.planted = planted
        calls = options.calls
        seed = options.seed
        lines = world.services.map { DemoCallLine($0, seed: options.seed) }
        traffic = world.services.indices.filter { world.services[$0].randomTraffic }
        alwaysActive = traffic.filter {
            world.services[$0].activeFrom <= 0 && world.services[$0].activeUntil == nil
        }
        recordingCap = min(600, options.calls / 25)
        voicemailCap = min(400, options.calls / 40)
    }

    /// Seconds since midnight for a position `part / whole` through a day.
    @inline(__always)
    private static func clock(part: Int, whole: Int) -> Int {
        let fraction = Double(part) / Double(whole)
        var hour = 0
        while hour < 23, hourCumulative[hour + 1] <= fraction { hour += 1 }
        let width = hourCumulative[hour + 1] - hourCumulative[hour]
        let seconds = hour * 3600 + Int((fraction - hourCumulative[hour]) / width * 3600)
        return min(seconds, 86_399)
    }

    /// The instant of row `id` (1-based): chronological, denser in office hours.
    @inline(__always)
    func instant(of id: Int) -> (day: Int, seconds: Int) {
        let scaled = (id - 1) * DemoCalendar.periodDays
        let day = scaled / calls
        return (day, Self.clock(part: scaled - day * calls, whole: calls))
    }

    /// Inserts all rows through `insert`, committing every 50,000 rows.
    ///
    /// - Throws: the SQLite error of a failed insert or commit.
    func run(
        insert: RawStatement, commit: () throws -> Void, progress: (Int) -> Void
    ) throws {
        let dayPrefixes: [[UInt8]] = (0..<DemoCalendar.periodDays).map { day in
            let out = DemoBytes()
            DemoCalendar.writeISO(day * DemoCalendar.day, into: out)
            return Array(out.bytes.prefix(11))
        }
        let dayMonths = (0..<DemoCalendar.periodDays).map {
            DemoCalendar.monthIndex($0 * DemoCalendar.day)
        }
        let number = DemoBytes()
        let caller = DemoBytes()
        let nsn = DemoBytes()
        let started = DemoBytes()
        let forwarded = DemoBytes()
        let pool = UInt64(20_000 + calls / 10)
        let recordingShare = max(1, traffic.filter { lines[$0].recording }.count)
        let recordingThreshold = UInt64(
            min(
                1.0,
                Double(recordingCap) * 1.2 * Double(traffic.count)
                    / (Double(calls) * Double(recordingShare) * 0.8)) * 1_000_000)
        let voicemailShare = max(1, traffic.filter { lines[$0].voicemail }.count)
        let voicemailThreshold = UInt64(
            min(
                1.0,
                Double(voicemailCap) * 1.2 * Double(traffic.count)
                    / (Double(calls) * Double(voicemailShare) * 0.06)) * 1_000_000)
        var recordings = 0
        var voicemails = 0
        var withheldCount = 0
        var plantedIndex = 0
        var nextPlanted = planted.first?.id ?? Int.max
        for id in 1...calls {
            let (day, seconds) = instant(of: id)
            let when = day * DemoCalendar.day + seconds
            started.reset()
            started.append(dayPrefixes[day])
            DemoCalendar.writeClock(seconds, into: started)
            if id == nextPlanted {
                try writePlanted(
                    planted[plantedIndex], when: when, month: dayMonths[day], started: started, insert: insert)
                plantedIndex += 1
                nextPlanted = plantedIndex < planted.count ? planted[plantedIndex].id : Int.max
            } else {
                var hash = DemoRandom.hash(seed, UInt64(id))
                var lineIndex = traffic[Int(hash % UInt64(traffic.count))]
                var tries = 0
                while !lines[lineIndex].isActive(at: when) {
                    tries += 1
                    hash = DemoRandom.mix(hash)
                    lineIndex =
                        tries < 4
                        ? traffic[Int(hash % UInt64(traffic.count))]
                        : alwaysActive[Int(hash % UInt64(alwaysActive.count))]
                }
                let line = lines[lineIndex]
                let draw = DemoRandom.mix(hash ^ 0x5bd1_e995)
                let outcome = draw % 100
                let withheld = (draw >> 8) % 1000 < 40
                let restricted = (draw >> 18) % 1000 < 3
                insert.bind(id)
                number.reset()
                number.append(line.number)
                insert.bind(number)
                if withheld && !restricted {
                    let spelling = DemoPlantedCallPlan.withheldSpellings[
                        withheldCount % DemoPlantedCallPlan.withheldSpellings.count]
                    withheldCount += 1
                    insert.bind(spelling)
                } else {
                    let foreign = (draw >> 28) % 100 < 12
                    let country = foreign ? DemoCountry.weightTable[Int((draw >> 36) % 100)] : line.country
                    let plan = plans[country]
                    let key = seed ^ UInt64(country) << 56 ^ ((draw >> 40) % pool)
                    nsn.reset()
                    let split = plan.writeCaller(key: key, into: nsn)
                    var form = Self.forms[Int((hash >> 32) % 100)]
                    if form.isNational && country != line.country { form = .doubleZero }
                    caller.reset()
                    DemoPhoneWriter.write(
                        callingCode: plan.callingCode, nsn: nsn, split: split, form: form, into: caller)
                    insert.bind(caller)
                }
                insert.bind(withheld ? 1 : 0)
                insert.bind(started)
                let voicemail = line.voicemail && outcome >= 6 && outcome < 12
                let duration: Int
                if outcome < 6 {
                    duration = 0
                } else if voicemail {
                    duration = 5 + Int((draw >> 44) % 55)
                } else {
                    let long = (draw >> 50) % 10 < 2
                    duration = 3 + Int((draw >> 20) % 240) + (long ? Int((draw >> 30) % 1800) : 0)
                }
                insert.bind(duration)
                if duration > 0, !voicemail, !line.forwards.isEmpty {
                    forwarded.reset()
                    forwarded.append(line.forwards[Int((draw >> 54) % UInt64(line.forwards.count))])
                    insert.bind(forwarded)
                } else {
                    insert.bindNull()
                }
                insert.bind(line.premiumRate.map { duration * $0 / 60 })
                insert.bind(world.invoice(customerId: line.customerId, month: dayMonths[day]))
                try insert.step()
                let sample = DemoRandom.mix(draw) % 1_000_000
                if line.recording, duration > 0, !voicemail, recordings < recordingCap, sample < recordingThreshold {
                    recordings += 1
                    media.append(
                        DemoMediaCall(
                            cdrId: id, startedAt: when, duration: duration, service: lineIndex,
                            caller: nil, kind: .recording, emailed: false, subject: nil, planted: false))
                } else if voicemail, voicemails < voicemailCap, sample < voicemailThreshold {
                    voicemails += 1
                    let text = withheld ? nil : caller.string  // never shown to the owner (CONTRACT §2)
                    media.append(
                        DemoMediaCall(
                            cdrId: id, startedAt: when, duration: duration, service: lineIndex,
                            caller: text, kind: .voicemail, emailed: sample % 10 < 6, subject: nil,
                            planted: false))
                }
            }
            if id % 50_000 == 0 { try commit() }
            if id % 100_000 == 0 { progress(id) }
        }
    }
}
