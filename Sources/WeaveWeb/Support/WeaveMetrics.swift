import Foundation
import Prometheus

/// The numbers `/metrics` shows, in Prometheus's text format. Kept in a registry of our own rather than
/// the process-wide metrics system, so every app built in a test has its own.
final class WeaveMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    let canvasEvents: Counter
    let openSockets: Gauge

    init() {
        canvasEvents = registry.makeCounter(name: "weave_canvas_events_total", help: "Changes stored in session event logs.")
        openSockets = registry.makeGauge(name: "weave_websocket_connections", help: "Open live-canvas WebSocket connections.")
    }

    /// Counts a request and its time, by method, route pattern (never the raw path: ids would explode the
    /// label set) and status.
    func record(method: String, route: String, status: Int, duration: Duration) {
        registry.makeCounter(name: "weave_http_requests_total",
                             labels: [("method", method), ("route", route), ("status", String(status))],
                             help: "HTTP requests by method, route and status.").increment()
        registry.makeDurationHistogram(name: "weave_http_request_duration_seconds", labels: [("method", method), ("route", route)],
                                       buckets: [.milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
                                                 .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(5)],
                                       help: "Time to answer HTTP requests, by method and route.")
            .record(duration)
    }

    /// The text Prometheus scrapes.
    func exposition() -> String {
        var buffer: [UInt8] = []
        registry.emit(into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }
}
