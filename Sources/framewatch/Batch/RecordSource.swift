import Foundation
import FramewatchCore

/// One input record before parsing: where it came from and its raw content.
enum RawRecord: Sendable {
    /// A JSON Lines line.
    case json(line: Int, bytes: [UInt8])
    /// A CSV row, already mapped to a document (or an error).
    case csv(line: Int, result: Result<DocumentInput, RecordError>)
    /// A `.txt` file of a folder (id = file name).
    case file(line: Int, name: String, bytes: [UInt8])
    /// A record that could not be read at all.
    case failed(line: Int, error: RecordError)

    var line: Int {
        switch self {
        case .json(let line, _), .csv(let line, _), .file(let line, _, _), .failed(let line, _): return line
        }
    }

    /// Bytes of input this record stands for (for throughput figures).
    var size: Int {
        switch self {
        case .json(_, let bytes), .file(_, _, let bytes): return bytes.count
        case .csv(_, let result): return (try? result.get().text.count) ?? 0
        case .failed: return 0
        }
    }
}

/// Where batch records come from.
protocol RecordSource: AnyObject {
    /// The next record, or nil at the end.
    func next() throws -> RawRecord?
    /// Total input size in bytes when known (for the ETA).
    var totalBytes: Int? { get }
    /// Bytes consumed so far.
    var consumedBytes: Int { get }
}

/// Reads a file descriptor in large chunks.
final class ChunkReader {
    private let fd: Int32
    private var buffer = [UInt8](repeating: 0, count: 1 << 20)
    private(set) var consumed = 0

    init(fd: Int32) { self.fd = fd }

    /// The next chunk, or nil at the end of the input.
    func read() throws -> ArraySlice<UInt8>? {
        while true {
            let n = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            if n > 0 {
                consumed += n
                return buffer[0..<n]
            }
            if n == 0 { return nil }
            if errno == EINTR { continue }
            throw CLIError.cannotRead(path: "input", reason: String(cString: strerror(errno)))
        }
    }
}

/// JSON Lines: one record per line (LF or CRLF). A line longer than the limit is not kept in
/// memory: it is skipped to its end and reported as `too_large`.
final class JSONLinesSource: RecordSource {
    private let reader: ChunkReader
    private let maximumBytes: Int
    private var pending: ArraySlice<UInt8> = []
    private var line: [UInt8] = []
    private var lineNumber = 0
    private var oversize = 0
    private var finished = false
    let totalBytes: Int?
    var consumedBytes: Int { reader.consumed }

    init(fd: Int32, totalBytes: Int?, maximumBytes: Int) {
        reader = ChunkReader(fd: fd)
        self.totalBytes = totalBytes
        self.maximumBytes = maximumBytes
    }

    func next() throws -> RawRecord? {
        while true {
            if let newline = pending.firstIndex(of: 0x0A) {
                let part = pending[pending.startIndex..<newline]
                pending = pending[(newline + 1)...]
                return complete(part)
            }
            if !pending.isEmpty { take(pending) }
            pending = []
            guard !finished else { return nil }
            if let chunk = try reader.read() {
                pending = chunk
            } else {
                finished = true
                if !line.isEmpty || oversize > 0 { return complete([]) }
                return nil
            }
        }
    }

    private func take(_ part: ArraySlice<UInt8>) {
        if oversize > 0 || line.count + part.count > maximumBytes + 2 {
            oversize += line.count + part.count
            line.removeAll()
        } else {
            line.append(contentsOf: part)
        }
    }

    private func complete(_ part: ArraySlice<UInt8>) -> RawRecord {
        take(part)
        lineNumber += 1
        defer {
            line.removeAll(keepingCapacity: line.count < (4 << 20))
            oversize = 0
        }
        if oversize > 0 {
            return .failed(
                line: lineNumber,
                error: RecordError(.tooLarge, "line of \(oversize) bytes is over the limit of \(maximumBytes) bytes"))
        }
        return .json(line: lineNumber, bytes: line)
    }
}

/// CSV with a header row naming `text` and optional `id`, `lang`, `outlet`, `published`, `url`.
final class CSVSource: RecordSource {
    private let reader: ChunkReader
    private var parser: CSVParser
    private var mapper: CSVDocumentMapper?
    private var ready: [CSVParser.Row] = []
    private var finished = false
    private var rowNumber = 0
    let totalBytes: Int?
    var consumedBytes: Int { reader.consumed }

    init(fd: Int32, totalBytes: Int?, maximumBytes: Int) {
        reader = ChunkReader(fd: fd)
        parser = CSVParser(maximumRowBytes: maximumBytes)
        self.totalBytes = totalBytes
    }

    func next() throws -> RawRecord? {
        while ready.isEmpty {
            guard !finished else { return nil }
            if let chunk = try reader.read() {
                parser.feed(chunk)
            } else {
                finished = true
                if case .failure(let error) = parser.finish() {
                    ready += parser.take()
                    rowNumber += 1
                    return .failed(line: rowNumber, error: error)
                }
            }
            ready += parser.take()
        }
        let row = ready.removeFirst()
        guard let mapper else {
            // The first row is the header.
            do {
                mapper = try CSVDocumentMapper(header: row.fields)
            } catch let error as RecordError {
                throw CLIError.configuration("CSV input: \(error.message)")
            }
            return try next()
        }
        rowNumber += 1
        return .csv(line: rowNumber, result: mapper.document(row))
    }
}

/// A folder of `.txt` files, in name order; the id of each document is its file name.
final class FolderSource: RecordSource {
    private var files: [String]
    private let directory: String
    private let maximumBytes: Int
    private var index = 0
    let totalBytes: Int?
    private(set) var consumedBytes = 0

    /// `excluding`: the run's output file, when it is in the folder (a rerun would score it).
    init(directory: String, maximumBytes: Int, excluding output: String? = nil) throws {
        self.directory = directory
        self.maximumBytes = maximumBytes
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
        files = names.filter { $0.lowercased().hasSuffix(".txt") }.sorted()
        if let output {
            files.removeAll { BatchCommand.sameFile((directory as NSString).appendingPathComponent($0), output) }
        }
        guard !files.isEmpty else { throw CLIError.configuration("\(directory) contains no .txt files") }
        var total = 0
        for f in files {
            let attributes = try? FileManager.default.attributesOfItem(atPath: directory + "/" + f)
            total += (attributes?[.size] as? Int) ?? 0
        }
        totalBytes = total
    }

    func next() throws -> RawRecord? {
        guard index < files.count else { return nil }
        let name = files[index]
        index += 1
        let path = (directory as NSString).appendingPathComponent(name)
        let size = ((try? FileManager.default.attributesOfItem(atPath: path)[.size]) as? Int) ?? 0
        if size > maximumBytes {
            consumedBytes += size
            return .failed(
                line: index,
                error: RecordError(.tooLarge, "\(name) is \(size) bytes; the limit is \(maximumBytes) bytes", id: name))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failed(line: index, error: RecordError(.unreadable, "cannot read \(name)", id: name))
        }
        consumedBytes += data.count
        return .file(line: index, name: name, bytes: [UInt8](data))
    }
}
