/// A JSON decoding error in words, naming the field by its path ("stages[0].openedOn is
/// missing …"), for import and settings files.
public func describe(decodingError error: any Error) -> String {
    func path(_ context: DecodingError.Context) -> String {
        guard !context.codingPath.isEmpty else { return "the top level" }
        var text = ""
        for key in context.codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }
    switch error {
    case DecodingError.dataCorrupted(let context): return "\(context.debugDescription) at \(path(context))"
    case DecodingError.keyNotFound(let key, let context): return "\(path(context)) is missing \"\(key.stringValue)\""
    case DecodingError.typeMismatch(_, let context): return "\(path(context)) has the wrong type of value"
    case DecodingError.valueNotFound(_, let context): return "\(path(context)) has no value"
    default: return "\(error)"
    }
}
