/// One record (row) of a CSV file, handed to the closure given to ``CSVReader/forEachRecord(progress:_:)``.
///
/// A record points into the reader's buffer: it is valid only during that call, and its fields are
/// read as bytes (fast, no allocation) or as strings (allocating). Every field is valid UTF-8 with
/// quotes removed and doubled quotes undone.
public struct CSVRecord {
    /// The 1-based line the record starts on; a quoted field may carry it over several lines.
    public let line: Int
    let base: UnsafePointer<UInt8>
    /// Start and end offsets from `base`, two per field.
    let bounds: UnsafeBufferPointer<Int>

    /// The number of fields.
    public var count: Int { bounds.count / 2 }

    /// The bytes of a field, valid only while the record is.
    public func bytes(_ field: Int) -> UnsafeBufferPointer<UInt8> {
        precondition(field >= 0 && field < count, "field out of range")
        let start = bounds[2 * field]
        return UnsafeBufferPointer(start: base + start, count: bounds[2 * field + 1] - start)
    }

    /// A field as a string.
    public subscript(field: Int) -> String {
        String(decoding: bytes(field), as: UTF8.self)
    }

    /// Whether a field is empty.
    public func isEmpty(_ field: Int) -> Bool {
        bounds[2 * field] == bounds[2 * field + 1]
    }

    /// Every field as a string.
    public var fields: [String] {
        (0..<count).map { self[$0] }
    }
}

