public enum Framewatch {
    public static let version = "0.1.0"

    /// "1 mention", "2 mentions": a count with its noun in the right number (the plural is the
    /// noun + "s" unless given).
    public static func count(_ n: Int, _ noun: String, plural: String? = nil) -> String {
        n == 1 ? "1 \(noun)" : "\(n) \(plural ?? noun + "s")"
    }
}
