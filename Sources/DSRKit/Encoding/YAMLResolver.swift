import Yams

/// The YAML tag rules dsr's files need: booleans, integers, floats and null.
///
/// Yams' default resolver also compiles the timestamp, merge and value rules, regular
/// expressions that every command would pay for at start-up without any dsr file using them.
enum YAMLResolver {
    static let dsr = Resolver.basic.appending(.bool).appending(.int).appending(.float).appending(.null)
}
