/// A value templates are rendered with: its stored properties are the templates' fields.
///
/// swift-mustache reads a context by reflection and renders a name it does not find as
/// nothing, so a misspelt field in a DPO's edited template would silently drop a sentence of
/// a legal letter. Each model therefore says which templates it renders and which field names
/// exist, and ``TemplateRenderer`` refuses any other name with its file and line.
protocol TemplateModel {
    /// The template files (`erasure.txt`) rendered with this model.
    static var templateNames: [String] { get }
    /// Every field name a template of this model may use, at any depth.
    static var fieldNames: Set<String> { get }
}

extension TemplateModel {
    /// The labels of every stored property of `sample` and of the values inside it: give a
    /// sample with one element in every list and a value in every optional.
    static func collectFieldNames(from sample: Any) -> Set<String> {
        var names: Set<String> = []
        func collect(_ value: Any) {
            for child in Mirror(reflecting: value).children {
                if let label = child.label { names.insert(label) }
                collect(child.value)
            }
        }
        collect(sample)
        return names
    }
}
