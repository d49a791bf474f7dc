package io.meshlog.app;

import io.grpc.Channel;
import io.grpc.StatusRuntimeException;
import java.util.Map;
import java.util.TreeMap;

/** Who answers calls through a channel: the tally the end-to-end tests compare. */
final class Answers {
  private Answers() {}

  /** Which backend answered each of n calls ({@code error} for a failed call), by name. */
  static Map<String, Integer> split(Channel channel, int n) {
    Map<String, Integer> out = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      String who;
      try {
        who = Echo.who(channel);
      } catch (StatusRuntimeException e) {
        who = "error";
      }
      out.merge(who, 1, Integer::sum);
    }
    return out;
  }
}
