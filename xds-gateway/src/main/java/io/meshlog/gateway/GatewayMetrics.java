package io.meshlog.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The gateway's Prometheus metrics (served on the admin port's {@code /metrics}): connected streams and
 * proxies, pushes and bytes per type, NACKs per type, catch-up lag, readiness, and the convergence time from a
 * resource's event time to the proxy's ACK of the push that carried it; and the JVM's heap, non-heap and
 * threads ({@code jvm_memory_used_bytes{area="heap"}}, {@code jvm_threads_live_threads}), so what a gateway
 * holds per stream can be read from outside its process.
 */
public final class GatewayMetrics {
  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  GatewayMetrics(String gatewayId) {
    registry.config().commonTags("gateway", gatewayId);
    // Neither binder holds resources that need closing (JvmGcMetrics would: GC notification listeners).
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
  }

  void gauge(String name, String help, Supplier<Number> value) {
    Gauge.builder(name, () -> value.get().doubleValue()).description(help).register(registry);
  }

  void pushed(String typeUrl, long bytes) {
    Counter.builder("meshlog.xds.pushes").description("xDS responses sent").tag("type", shortType(typeUrl))
        .register(registry).increment();
    Counter.builder("meshlog.xds.push.bytes").baseUnit("bytes").description("serialized resource bytes sent")
        .tag("type", shortType(typeUrl)).register(registry).increment(bytes);
  }

  void nack(String typeUrl) {
    Counter.builder("meshlog.xds.nacks").description("responses a proxy rejected")
        .tag("type", shortType(typeUrl)).register(registry).increment();
  }

  void converged(String typeUrl, long millis) {
    Timer.builder("meshlog.xds.convergence")
        .description("event time of a changed resource to the proxy's ACK of the push carrying it")
        .publishPercentileHistogram()
        .tag("type", shortType(typeUrl)).register(registry).record(Duration.ofMillis(Math.max(0, millis)));
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }

  /** "type.googleapis.com/envoy.config.route.v3.RouteConfiguration" -> "RouteConfiguration". */
  static String shortType(String typeUrl) {
    return typeUrl.substring(typeUrl.lastIndexOf('.') + 1);
  }
}
