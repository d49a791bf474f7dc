package io.meshlog.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Percentiles of a set of durations (nearest-rank), in milliseconds. */
record Stats(int count, double p50, double p99, double max, double mean) {
  static Stats ofNanos(long[] nanos) {
    if (nanos.length == 0) {
      return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double sum = 0;
    for (long n : sorted) {
      sum += n;
    }
    return new Stats(sorted.length, ms(rank(sorted, 0.50)), ms(rank(sorted, 0.99)), ms(sorted[sorted.length - 1]),
        ms(sum / sorted.length));
  }

  private static long rank(long[] sorted, double q) {
    int i = (int) Math.ceil(q * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  private static double ms(double nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }

  Map<String, Object> json() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("count", count);
    m.put("p50_ms", p50);
    m.put("p99_ms", p99);
    m.put("max_ms", max);
    m.put("mean_ms", mean);
    return m;
  }

  String brief() {
    return "p50 %s / p99 %s / max %s ms".formatted(Fmt.num(p50), Fmt.num(p99), Fmt.num(max));
  }
}
