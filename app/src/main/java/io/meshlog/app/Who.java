package io.meshlog.app;

import java.net.InetAddress;

/** Who runs this command, as recorded in events' origin: user@host. */
final class Who {
  private Who() {}

  static String userAtHost() {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      host = "unknown-host";
    }
    return System.getProperty("user.name") + "@" + host;
  }
}
