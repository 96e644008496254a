/// UTF-8 decoding over raw bytes that may be invalid, following the Unicode "maximal subpart"
/// rule: each maximal ill-formed subsequence counts as one U+FFFD. This is what Swift's
/// `String(decoding:as:)`, ICU and Python's `bytes.decode(errors="replace")` do, so scalar offsets
/// computed here agree with all three.
public enum UTF8Decoding {
    /// Decodes the scalar (or the maximal invalid subpart) starting at `index`.
    /// - Returns: its length in bytes (≥ 1) and the scalar, or `nil` for an invalid subpart.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (length: Int, scalar: Unicode.Scalar?) {
        let count = bytes.count
        let b0 = bytes[index]
        if b0 < 0x80 { return (1, Unicode.Scalar(b0)) }
        // Table 3-7 of the Unicode standard: well-formed byte sequences.
        var need: Int
        var low: UInt8 = 0x80
        var high: UInt8 = 0xBF
        var value: UInt32
        switch b0 {
        case 0xC2...0xDF:
            need = 1
            value = UInt32(b0 & 0x1F)
        case 0xE0:
            need = 2
            low = 0xA0
            value = UInt32(b0 & 0x0F)
        case 0xE1...0xEC, 0xEE...0xEF:
            need = 2
            value = UInt32(b0 & 0x0F)
        case 0xED:
            need = 2
            high = 0x9F
            value = UInt32(b0 & 0x0F)
        case 0xF0:
            need = 3
            low = 0x90
            value = UInt32(b0 & 0x07)
        case 0xF1...0xF3:
            need = 3
            value = UInt32(b0 & 0x07)
        case 0xF4:
            need = 3
            high = 0x8F
            value = UInt32(b0 & 0x07)
        default: return (1, nil)
        }
        var length = 1
        while need > 0 {
            let i = index + length
            guard i < count else { return (length, nil) }
            let b = bytes[i]
            guard b >= low && b <= high else { return (length, nil) }
            value = (value << 6) | UInt32(b & 0x3F)
            low = 0x80
            high = 0xBF
            length += 1
            need -= 1
        }
        return (length, Unicode.Scalar(value))
    }

    /// True when every byte is part of a well-formed UTF-8 sequence.
    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            // Fast skip over ASCII, eight bytes at a time.
            while i + 8 <= n {
                let word = UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 != 0 { break }
                i += 8
            }
            guard i < n else { break }
            if bytes[i] < 0x80 {
                i += 1
                continue
            }
            let (length, scalar) = decode(bytes, at: i)
            if scalar == nil { return false }
            i += length
        }
        return true
    }
}

/// Converts increasing UTF-8 byte offsets into Unicode-scalar offsets in one forward pass.
struct ScalarCounter {
    private let bytes: UnsafeBufferPointer<UInt8>
    private let valid: Bool
    private var byteOffset = 0
    private var scalarOffset = 0

    init(_ bytes: UnsafeBufferPointer<UInt8>, valid: Bool) {
        self.bytes = bytes
        self.valid = valid
    }

    /// The scalar offset of byte offset `target`, which must not be smaller than the previous one.
    mutating func scalars(upTo target: Int) -> Int {
        if valid {
            // In valid UTF-8 every byte that is not a continuation byte starts a scalar.
            var i = byteOffset
            var s = scalarOffset
            while i < target {
                if bytes[i] & 0xC0 != 0x80 { s += 1 }
                i += 1
            }
            byteOffset = target
            scalarOffset = s
            return s
        }
        while byteOffset < target {
            byteOffset += UTF8Decoding.decode(bytes, at: byteOffset).length
            scalarOffset += 1
        }
        // A boundary inside an invalid subpart (ICU and the maximal-subpart rule disagreeing) is
        // counted as after it; offsets stay monotonic either way.
        return scalarOffset
    }
}

extension UTF8Decoding {
    /// Public entry for other modules: decodes one scalar or maximal invalid subpart at `index`.
    public static func decodeScalar(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (
        length: Int, scalar: Unicode.Scalar?
    ) {
        decode(bytes, at: index)
    }

    /// True when all bytes are well-formed UTF-8.
    public static func validate(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { isValid(bytes) }
}
