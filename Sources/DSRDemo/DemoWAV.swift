import DSRKit

/// Short deterministic WAV files (RIFF/WAVE, PCM, 8000 Hz, 16-bit, mono).
///
/// The audio is synthesised with integer arithmetic only (a triangle tone gated into
/// beeps), so the bytes are the same on every platform and every run.
enum DemoWAV {
    /// Sample rate in hertz.
    static let sampleRate = 8000

    /// A WAV file of `milliseconds` of beeps whose pitch and rhythm come from `seed`.
    static func make(seed: UInt64, milliseconds: Int) -> [UInt8] {
        let samples = sampleRate * milliseconds / 1000
        let dataLength = samples * 2
        var bytes: [UInt8] = []
        bytes.reserveCapacity(44 + dataLength)
        bytes += Array("RIFF".utf8)
        appendLE(&bytes, UInt32(36 + dataLength))
        bytes += Array("WAVEfmt ".utf8)
        appendLE(&bytes, UInt32(16))  // fmt chunk size
        appendLE16(&bytes, 1)  // PCM
        appendLE16(&bytes, 1)  // mono
        appendLE(&bytes, UInt32(sampleRate))
        appendLE(&bytes, UInt32(sampleRate * 2))  // byte rate
        appendLE16(&bytes, 2)  // block align
        appendLE16(&bytes, 16)  // bits per sample
        bytes += Array("data".utf8)
        appendLE(&bytes, UInt32(dataLength))
        let mixed = DemoRandom.mix(seed)
        let frequency = 300 + Int(mixed % 900)  // Hz
        let beepLength = sampleRate / (4 + Int(mixed >> 16 % 4))
        let period = sampleRate / frequency
        for index in 0..<samples {
            let inBeep = (index / beepLength) % 2 == 0
            var value = 0
            if inBeep {
                let phase = index % period
                let half = period / 2
                let ramp = phase < half ? phase : period - phase  // 0 ... half
                value = (ramp * 2 - half) * 12_000 / max(half, 1)
            }
            appendLE16(&bytes, UInt16(bitPattern: Int16(clamping: value)))
        }
        return bytes
    }

    private static func appendLE(_ bytes: inout [UInt8], _ value: UInt32) {
        for shift in stride(from: 0, to: 32, by: 8) { bytes.append(UInt8(value >> shift & 0xff)) }
    }

    private static func appendLE16(_ bytes: inout [UInt8], _ value: UInt16) {
        bytes.append(UInt8(value & 0xff))
        bytes.append(UInt8(value >> 8))
    }
}
