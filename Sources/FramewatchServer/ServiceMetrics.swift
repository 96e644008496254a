import CoreMetrics
import Foundation
import FramewatchCore
import Metrics
import Prometheus
import Synchronization

/// The service's metrics (swift-metrics API, Prometheus exposition via swift-prometheus).
///
/// - `framewatch_http_requests_total{route,method,status}`
/// - `framewatch_http_request_duration_seconds{route}` (histogram)
/// - `framewatch_documents_scored_total`, `framewatch_bytes_scored_total`
/// - `framewatch_record_errors_total{code}`
/// - `framewatch_lexicon_info{name,version,hash}` = 1 for the loaded pack
final class ServiceMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    private let factory: PrometheusMetricsFactory
    private let lexiconInfo: Mutex<(gauge: CoreMetrics.Gauge, identity: LexiconPack.Identity)?> = Mutex(nil)

    /// One registry per process: swift-metrics can be bootstrapped once.
    static let shared = ServiceMetrics()

    private init() {
        registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
            .milliseconds(25),
            .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5),
        ]
        self.factory = factory
        MetricsSystem.bootstrap(factory)
    }

    func request(route: String, method: String, status: Int, seconds: Double) {
        CoreMetrics.Counter(
            label: "framewatch_http_requests_total",
            dimensions: [("route", route), ("method", method), ("status", String(status))]
        ).increment()
        CoreMetrics.Timer(label: "framewatch_http_request_duration_seconds", dimensions: [("route", route)])
            .recordNanoseconds(Int64(seconds * 1e9))
    }

    func scored(bytes: Int) {
        CoreMetrics.Counter(label: "framewatch_documents_scored_total").increment()
        CoreMetrics.Counter(label: "framewatch_bytes_scored_total").increment(by: bytes)
    }

    func recordError(_ code: String) {
        CoreMetrics.Counter(label: "framewatch_record_errors_total", dimensions: [("code", code)]).increment()
    }

    func lexicon(_ identity: LexiconPack.Identity) {
        lexiconInfo.withLock { current in
            if let current { current.gauge.record(0) }
            let gauge = CoreMetrics.Gauge(
                label: "framewatch_lexicon_info",
                dimensions: [("name", identity.name), ("version", identity.version), ("hash", identity.hash)])
            gauge.record(1)
            current = (gauge, identity)
        }
    }

    /// The Prometheus text exposition.
    func exposition() -> [UInt8] {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return buffer
    }
}
