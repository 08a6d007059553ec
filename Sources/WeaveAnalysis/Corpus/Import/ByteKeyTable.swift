/// A hash table from byte strings to their insertion positions, looked up with the bytes of a CSV
/// field directly, so reading millions of codings builds no string per row.
struct ByteKeyTable: Sendable {
    /// Key `i` is `arena[starts[i] ..< starts[i + 1]]`.
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    /// Open addressing with linear probing; -1 marks an empty slot.
    private var slots: [Int32]
    private var mask: Int

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: -1, count: size)
        mask = size - 1
    }

    init(keys: some Sequence<String>) {
        let keys = Array(keys)
        self.init(capacity: keys.count)
        for key in keys {
            var key = key
            key.withUTF8 { _ = insert($0) }
        }
    }

    /// The number of keys.
    var count: Int { starts.count - 1 }

    /// The position of a key, if present.
    func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        var slot = Int(truncatingIfNeeded: Self.hash(bytes)) & mask
        while true {
            let entry = Int(slots[slot])
            if entry < 0 { return nil }
            if keyEquals(entry, bytes) { return entry }
            slot = (slot + 1) & mask
        }
    }

    /// The position of a key, adding it at the end if new.
    mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>) -> (index: Int, inserted: Bool) {
        if let index = find(bytes) { return (index, false) }
        if (count + 1) * 2 > slots.count { rehash(size: slots.count * 2) }
        let index = count
        arena.append(contentsOf: bytes)
        starts.append(arena.count)
        place(index, hash: Self.hash(bytes))
        return (index, true)
    }

    /// Whether key `index` has exactly these bytes.
    @inline(__always)
    func keyEquals(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[index], length = starts[index + 1] - start
        guard length == bytes.count else { return false }
        return arena.withUnsafeBufferPointer { stored in
            var offset = 0
            while offset < length {
                if stored[start + offset] != bytes[offset] { return false }
                offset += 1
            }
            return true
        }
    }

    private mutating func place(_ index: Int, hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(index)
    }

    private mutating func rehash(size: Int) {
        slots = Array(repeating: -1, count: size)
        mask = size - 1
        for index in 0..<count {
            let hash = arena.withUnsafeBufferPointer { stored in
                Self.hash(UnsafeBufferPointer(rebasing: stored[starts[index] ..< starts[index + 1]]))
            }
            place(index, hash: hash)
        }
    }

    /// A fast 64-bit hash: eight bytes at a time, multiplied and rotated, then MurmurHash3's final
    /// mix, so that keys differing only in their last characters (`code-123`, `code-124`) still spread
    /// over the low bits the table uses.
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(bytes.count)
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return mix(hash) }
        let raw = UnsafeRawPointer(base)
        var offset = 0
        while offset + 8 <= bytes.count {
            let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            hash = (hash ^ word) &* 0xFF51_AFD7_ED55_8CCD
            hash = (hash << 31) | (hash >> 33)
            offset += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while offset < bytes.count {
            tail |= UInt64(bytes[offset]) << shift
            shift += 8
            offset += 1
        }
        return mix(hash ^ tail)
    }

    /// MurmurHash3's 64-bit finaliser: every input bit affects every output bit.
    @inline(__always)
    private static func mix(_ value: UInt64) -> UInt64 {
        var hash = value
        hash ^= hash >> 33
        hash = hash &* 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash = hash &* 0xC4CE_B9FE_1A85_EC53
        return hash ^ (hash >> 33)
    }
}
