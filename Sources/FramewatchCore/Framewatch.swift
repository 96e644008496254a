public enum Framewatch { public static let version = "0.1.0" }
