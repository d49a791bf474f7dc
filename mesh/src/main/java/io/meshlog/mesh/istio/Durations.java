package io.meshlog.mesh.istio;

import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Istio durations as written in YAML: Go syntax ({@code 1h2m}, {@code 1.5s}, {@code 300ms}). */
final class Durations {
  private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|us|µs|ns|h|m|s)");
  private static final Map<String, BigDecimal> NANOS = Map.of(
      "h", BigDecimal.valueOf(3_600_000_000_000L), "m", BigDecimal.valueOf(60_000_000_000L),
      "s", BigDecimal.valueOf(1_000_000_000L), "ms", BigDecimal.valueOf(1_000_000L),
      "us", BigDecimal.valueOf(1_000L), "µs", BigDecimal.valueOf(1_000L), "ns", BigDecimal.ONE);

  private Durations() {}

  /**
   * Milliseconds of {@code text}, or -1 after reporting why it is invalid. Istio rejects durations under 1 ms
   * (proxies cannot honour them), so does this.
   *
   * @param allowZero whether {@code 0s} is meaningful here (a disabled timeout)
   */
  static long millis(String text, String path, Errors errors, boolean allowZero) {
    Matcher m = PART.matcher(text);
    BigDecimal nanos = BigDecimal.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      nanos = nanos.add(new BigDecimal(m.group(1)).multiply(NANOS.get(m.group(2))));
      end = m.end();
    }
    if (text.isEmpty() || end != text.length()) {
      errors.add(path, "invalid duration \"" + text + "\": use a number and a unit, e.g. 300ms, 1.5s, 1m");
      return -1;
    }
    long ms = nanos.divideToIntegralValue(NANOS.get("ms")).longValue();
    if (ms == 0 && !(allowZero && nanos.signum() == 0)) {
      errors.add(path, "duration must be at least 1ms");
      return -1;
    }
    return ms;
  }
}
