import Crypto
import Foundation
import Testing

@testable import DSRKit

@Suite struct KeyedHasherTests {
    let secret = SecretKey(bytes: (0..<32).map { UInt8($0 * 7 & 0xff) })

    func reference(_ text: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Data(text.utf8), using: SymmetricKey(data: secret.bytes)))
    }

    @Test func reusingTheKeyedStateGivesTheOneShotHMACEveryTime() {
        let hasher = KeyedHasher(secret: secret)
        for text in ["phone:+31681234567", "email:jan@example.nl", "", "phone:+31681234567"] {
            #expect(hasher.hex(text) == Digests.hex(reference(text)))
            let prefix = reference(text).prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
            #expect(hasher.index64(text) == Int64(bitPattern: prefix))
        }
    }

    @Test func anotherSecretGivesOtherHashes() {
        let other = KeyedHasher(secret: SecretKey(bytes: [UInt8](repeating: 1, count: 32)))
        #expect(other.hex("phone:+31681234567") != KeyedHasher(secret: secret).hex("phone:+31681234567"))
    }

    @Test func aHasherForAnotherThreadGivesTheSameHashesBesideTheOriginal() async {
        let hasher = KeyedHasher(secret: secret)
        let texts = (0..<2_000).map { "phone:+316\(10_000_000 + $0 * 7)" }
        // Both hash at once, as the index build's two threads do.
        async let mine = texts.map { hasher.index64($0) }
        async let theirs = { [other = hasher.forAnotherThread()] in texts.map { other.index64($0) } }()
        let (first, second) = await (mine, theirs)
        #expect(first == second)
        #expect(first[17] == KeyedHasher(secret: secret).index64(texts[17]))
        #expect(hasher.forAnotherThread().hex(texts[3]) == Digests.hex(reference(texts[3])))
    }
}
