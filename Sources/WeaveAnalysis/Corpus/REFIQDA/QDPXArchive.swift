import Foundation
import ZIPFoundation

/// Reads `project.qde` out of a `.qdpx` archive in memory, refusing hostile archives, and never
/// writes anything to disk.
///
/// The central directory is read here rather than through ZIPFoundation's `Archive`, and only the
/// inflating is left to ZIPFoundation (`Data.decompress`): `Archive.extract` keeps asking for input
/// forever when a deflate stream runs to the end of the file unfinished, and does not expose where an
/// entry's data starts, so a crafted archive could hang the import. Here the inflater gets exactly the
/// entry's compressed bytes, and every limit is checked on what is actually read and inflated.
struct QDPXArchive {
    /// The name of the XML document in a REFI-QDA project archive.
    static let projectEntry = "project.qde"

    /// The bytes of an archive, on disk or in memory.
    enum Bytes {
        case file(FileHandle, size: Int)
        case data(Data)

        var count: Int {
            switch self {
            case .file(_, let size): size
            case .data(let data): data.count
            }
        }

        /// `count` bytes from `offset`; the caller has checked the range lies inside the archive.
        func read(at offset: Int, count: Int) throws -> Data {
            switch self {
            case .data(let data):
                return data.subdata(in: data.startIndex + offset ..< data.startIndex + offset + count)
            case .file(let handle, _):
                try handle.seek(toOffset: UInt64(offset))
                let chunk = try handle.read(upToCount: count) ?? Data()
                guard chunk.count == count else { throw CocoaError(.fileReadCorruptFile) }
                return chunk
            }
        }
    }

    /// One entry of the central directory.
    struct Entry {
        var name: String
        var rawName: [UInt8]
        var method: UInt16
        var flags: UInt16
        var crc32: UInt32
        var compressedSize: UInt64
        var uncompressedSize: UInt64
        var localHeaderOffset: UInt64
        var isSymlink: Bool
    }

    let bytes: Bytes
    /// How problems name the archive.
    let display: String
    let limits: CorpusImporter.ArchiveLimits

    private func refuse(_ message: String) -> CorpusImportError {
        CorpusImportError(display, "refused: \(message); nothing was extracted")
    }

    private func damaged(_ message: String) -> CorpusImportError {
        CorpusImportError(display, "is not a readable .qdpx (ZIP) archive: \(message)")
    }

    /// Checks every entry and returns the inflated `project.qde`.
    ///
    /// - Parameter progress: Called with the fraction of `project.qde` inflated.
    func projectDocument(progress: (Double) -> Void) throws(CorpusImportError) -> Data {
        let entries = try centralDirectory()
        var total: UInt64 = 0
        for entry in entries {
            if let reason = Self.unsafePathReason(entry.rawName) {
                throw refuse("the entry \"\(entry.name)\" \(reason) (path traversal)")
            }
            if entry.isSymlink {
                throw refuse("the entry \"\(entry.name)\" is a symbolic link; a .qdpx holds only plain files")
            }
            if entry.uncompressedSize > UInt64(limits.maximumEntryBytes) {
                throw refuse("the entry \"\(entry.name)\" declares \(Self.size(entry.uncompressedSize)), more than the \(Self.size(UInt64(limits.maximumEntryBytes))) allowed per entry")
            }
            total += entry.uncompressedSize
            if total > UInt64(limits.maximumTotalBytes) {
                throw refuse("its entries declare more than \(Self.size(UInt64(limits.maximumTotalBytes))) in total")
            }
        }
        let project = entries.first { $0.name == Self.projectEntry }
            ?? entries.first { $0.name.lowercased() == Self.projectEntry }
        guard let project else {
            throw CorpusImportError(display, "has no project.qde; a REFI-QDA project (.qdpx) holds project.qde at its top level")
        }
        return try inflate(project, progress: progress)
    }

    // MARK: - Central directory

    private func centralDirectory() throws(CorpusImportError) -> [Entry] {
        let size = bytes.count
        guard size >= 22 else { throw damaged("it is too short to be a ZIP archive") }
        // The end-of-central-directory record sits in the last 22 + 65,535 bytes.
        let tailLength = min(size, 22 + 0xFFFF)
        let tail = try read(at: size - tailLength, count: tailLength)
        guard let recordStart = Self.lastSignature(0x0605_4B50, in: tail, minimumRemaining: 22) else {
            throw damaged("it has no ZIP end-of-central-directory record")
        }
        var entryCount = UInt64(tail.uint16(at: recordStart + 10))
        var directorySize = UInt64(tail.uint32(at: recordStart + 12))
        var directoryOffset = UInt64(tail.uint32(at: recordStart + 16))
        if tail.uint16(at: recordStart + 4) != 0 || tail.uint16(at: recordStart + 6) != 0 {
            throw damaged("it is split over several disks")
        }
        // ZIP64: the real numbers are in the ZIP64 record, found through its locator just before.
        if entryCount == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            let locatorStart = size - tailLength + recordStart - 20
            guard locatorStart >= 0 else { throw damaged("its ZIP64 locator is missing") }
            let locator = try read(at: locatorStart, count: 20)
            guard locator.uint32(at: 0) == 0x0706_4B50 else { throw damaged("its ZIP64 locator is missing") }
            let recordOffset = locator.uint64(at: 8)
            guard recordOffset <= UInt64(size - 56) else { throw damaged("its ZIP64 record is outside the file") }
            let record = try read(at: Int(recordOffset), count: 56)
            guard record.uint32(at: 0) == 0x0606_4B50 else { throw damaged("its ZIP64 record is missing") }
            entryCount = record.uint64(at: 32)
            directorySize = record.uint64(at: 40)
            directoryOffset = record.uint64(at: 48)
        }
        guard entryCount <= UInt64(limits.maximumEntries) else {
            throw refuse("it lists \(entryCount) entries, more than the \(limits.maximumEntries) allowed")
        }
        // Each entry needs at most 46 bytes and three 64 KiB fields.
        guard directoryOffset <= UInt64(size), directorySize <= UInt64(size) - directoryOffset,
              directorySize <= entryCount * (46 + 3 * 0xFFFF) + 46 else {
            throw damaged("its central directory lies outside the file")
        }
        let directory = try read(at: Int(directoryOffset), count: Int(directorySize))
        var entries: [Entry] = []
        var position = 0
        while position + 46 <= directory.count && directory.uint32(at: position) == 0x0201_4B50 {
            guard entries.count < limits.maximumEntries else {
                throw refuse("it holds more than the \(limits.maximumEntries) entries allowed")
            }
            let madeBy = directory.uint16(at: position + 4)
            let flags = directory.uint16(at: position + 8)
            let method = directory.uint16(at: position + 10)
            let crc = directory.uint32(at: position + 16)
            var compressed = UInt64(directory.uint32(at: position + 20))
            var uncompressed = UInt64(directory.uint32(at: position + 24))
            let nameLength = Int(directory.uint16(at: position + 28))
            let extraLength = Int(directory.uint16(at: position + 30))
            let commentLength = Int(directory.uint16(at: position + 32))
            let external = directory.uint32(at: position + 38)
            var offset = UInt64(directory.uint32(at: position + 42))
            let end = position + 46 + nameLength + extraLength + commentLength
            guard end <= directory.count else { throw damaged("its central directory is cut short") }
            let rawName = [UInt8](directory[directory.startIndex + position + 46 ..< directory.startIndex + position + 46 + nameLength])
            // ZIP64 sizes and offset, in the order of the fields that overflowed.
            var extra = position + 46 + nameLength
            let extraEnd = extra + extraLength
            while extra + 4 <= extraEnd {
                let tag = directory.uint16(at: extra), length = Int(directory.uint16(at: extra + 2))
                if tag == 0x0001 {
                    var field = extra + 4
                    let fieldEnd = min(extraEnd, extra + 4 + length)
                    if uncompressed == 0xFFFF_FFFF, field + 8 <= fieldEnd { uncompressed = directory.uint64(at: field); field += 8 }
                    if compressed == 0xFFFF_FFFF, field + 8 <= fieldEnd { compressed = directory.uint64(at: field); field += 8 }
                    if offset == 0xFFFF_FFFF, field + 8 <= fieldEnd { offset = directory.uint64(at: field) }
                }
                extra += 4 + length
            }
            // Unix and macOS archivers keep the file mode in the high half of the external attributes.
            let host = madeBy >> 8
            let mode = (external >> 16) & 0o170000
            entries.append(Entry(
                name: String(decoding: rawName, as: UTF8.self), rawName: rawName, method: method, flags: flags,
                crc32: crc, compressedSize: compressed, uncompressedSize: uncompressed, localHeaderOffset: offset,
                isSymlink: (host == 3 || host == 19) && mode == 0o120000))
            position = end
        }
        guard UInt64(entries.count) == entryCount else {
            throw damaged("its central directory lists \(entries.count) entries where its end record says \(entryCount)")
        }
        return entries
    }

    // MARK: - Inflating

    private func inflate(_ entry: Entry, progress: (Double) -> Void) throws(CorpusImportError) -> Data {
        let name = entry.name
        guard entry.flags & 1 == 0 else { throw refuse("\(name) is encrypted") }
        let size = UInt64(bytes.count)
        guard entry.localHeaderOffset <= size - min(size, 30) else { throw damaged("\(name) lies outside the file") }
        let header = try read(at: Int(entry.localHeaderOffset), count: 30)
        guard header.uint32(at: 0) == 0x0403_4B50 else { throw damaged("the local header of \(name) is missing") }
        let dataStart = entry.localHeaderOffset + 30 + UInt64(header.uint16(at: 26)) + UInt64(header.uint16(at: 28))
        guard dataStart <= size, entry.compressedSize <= size - dataStart else {
            throw damaged("the data of \(name) runs past the end of the file")
        }
        let limit = limits.maximumEntryBytes
        switch entry.method {
        case 0:
            guard entry.compressedSize <= UInt64(limit) else {
                throw refuse("\(name) is larger than the \(Self.size(UInt64(limit))) allowed")
            }
            let data = try read(at: Int(dataStart), count: Int(entry.compressedSize))
            guard data.crc32(checksum: 0) == entry.crc32 else { throw damaged("\(name) fails its checksum") }
            progress(1)
            return data
        case 8:
            var output = Data()
            var consumed = 0
            let compressedSize = Int(entry.compressedSize)
            let expected = max(1, Double(entry.uncompressedSize))
            let chunkSize = 1 << 16
            let ratioLimit = max(limits.compressionRatioFloor, compressedSize.multipliedReportingOverflow(by: limits.maximumCompressionRatio).partialValue)
            do {
                let checksum = try Data.decompress(
                    size: Int64(compressedSize), bufferSize: chunkSize, skipCRC32: false,
                    provider: { _, requested in
                        // ZIPFoundation tells zlib a full chunk is there; pad the last one with zeros,
                        // which end an unfinished stream with a data error instead of a read past the end.
                        guard consumed < compressedSize else { throw ArchiveProblem.truncated }
                        let count = min(requested, compressedSize - consumed)
                        var chunk = try bytes.read(at: Int(dataStart) + consumed, count: count)
                        consumed += count
                        if chunk.count < requested { chunk.append(Data(count: requested - chunk.count)) }
                        return chunk
                    },
                    consumer: { piece in
                        // Counted on what inflates, not on what the headers declare.
                        guard output.count + piece.count <= limit else { throw ArchiveProblem.tooLarge }
                        guard output.count + piece.count <= ratioLimit else { throw ArchiveProblem.ratio }
                        output.append(piece)
                        progress(min(1, Double(output.count) / expected))
                    })
                guard checksum == entry.crc32 else { throw damaged("\(name) fails its checksum") }
            } catch let error as CorpusImportError {
                throw error
            } catch ArchiveProblem.tooLarge {
                throw refuse("\(name) inflates to more than \(Self.size(UInt64(limit))) (a possible zip bomb)")
            } catch ArchiveProblem.ratio {
                throw refuse("\(name) inflates to more than \(limits.maximumCompressionRatio) times its compressed size of \(Self.size(UInt64(compressedSize))) (a possible zip bomb)")
                        } catch ArchiveProblem.truncated {
                throw damaged("the compressed data of \(name) is cut short")
            } catch {
                throw damaged("the compressed data of \(name) is corrupt")
            }
            return output
        default:
            throw refuse("\(name) is compressed with method \(entry.method); only stored and deflate are read")
        }
    }

    private enum ArchiveProblem: Error {
        case truncated, tooLarge, ratio
    }

    private func read(at offset: Int, count: Int) throws(CorpusImportError) -> Data {
        do {
            return try bytes.read(at: offset, count: count)
        } catch {
            throw damaged("it cannot be read (\(error.localizedDescription))")
        }
    }

    // MARK: - Helpers

    /// Why an entry name would write outside the folder it is extracted to, or `nil` when it would not.
    static func unsafePathReason(_ name: [UInt8]) -> String? {
        if name.contains(0) { return "has a NUL character in its name" }
        guard let first = name.first else { return "has an empty name" }
        if first == UInt8(ascii: "/") || first == UInt8(ascii: "\\") { return "has an absolute path" }
        if name.count >= 2 && name[1] == UInt8(ascii: ":") { return "starts with a drive letter" }
        let components = name.split { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "\\") }
        if components.contains(where: { $0.elementsEqual("..".utf8) }) { return "climbs out of the archive with \"..\"" }
        return nil
    }

    /// The offset of the last record with this signature leaving at least `minimumRemaining` bytes.
    static func lastSignature(_ signature: UInt32, in data: Data, minimumRemaining: Int) -> Int? {
        var position = data.count - minimumRemaining
        while position >= 0 {
            if data.uint32(at: position) == signature { return position }
            position -= 1
        }
        return nil
    }

    static func size(_ bytes: UInt64) -> String {
        bytes >= 1 << 20 ? "\(bytes >> 20) MiB" : bytes >= 1 << 10 ? "\(bytes >> 10) KiB" : "\(bytes) bytes"
    }
}

extension Data {
    /// Little-endian integers at an offset from the start of the data.
    func uint16(at offset: Int) -> UInt16 {
        UInt16(self[startIndex + offset]) | UInt16(self[startIndex + offset + 1]) << 8
    }

    func uint32(at offset: Int) -> UInt32 {
        UInt32(uint16(at: offset)) | UInt32(uint16(at: offset + 2)) << 16
    }

    func uint64(at offset: Int) -> UInt64 {
        UInt64(uint32(at: offset)) | UInt64(uint32(at: offset + 4)) << 32
    }
}
