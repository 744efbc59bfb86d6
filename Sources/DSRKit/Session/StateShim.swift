// TEMPORARY until the state-and-demo branch lands: the API it provides.
import Foundation
import GRDB

public typealias StateDatabase = DatabaseQueue

extension RequestRegister {
    init(state: DatabaseQueue, hasher: KeyedHasher, actor: String, now: Date) throws {
        self.state = state
        self.hasher = hasher
        self.actor = actor
        self.now = now
        try forgetDueIdentifiers()
    }
}
