/// A deterministic pseudo-random sequence (a 64-bit linear congruential generator, high bits
/// out) for the randomised comparisons with ICU: the same seed gives the same strings on every
/// run, so a failure can be reproduced.
struct SeededRandom {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// A number in `0..<bound`.
    mutating func next(_ bound: Int) -> Int {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return Int((state >> 33) % UInt64(bound))
    }
}
