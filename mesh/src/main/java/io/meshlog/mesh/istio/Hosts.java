package io.meshlog.mesh.istio;

import java.util.regex.Pattern;

/** Host names as Istio reads them: validation, wildcards, and short names qualified by namespace. */
final class Hosts {
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9]*[A-Za-z0-9])?");
  private static final Pattern IPV4 =
      Pattern.compile("((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

  private Hosts() {}

  /**
   * Istio qualifies a host without a dot, like {@code reviews}, with the object's namespace; hosts with a dot
   * and wildcards are used as written.
   */
  static String qualify(String host, String namespace) {
    if (host.contains(".") || host.contains("*")) {
      return host;
    }
    return host + "." + namespace + ".svc.cluster.local";
  }

  static boolean isHostname(String s) {
    if (s.isEmpty() || s.length() > 253) {
      return false;
    }
    for (String label : s.split("\\.", -1)) {
      if (label.length() > 63 || !LABEL.matcher(label).matches()) {
        return false;
      }
    }
    return true;
  }

  /** A hostname, "*", or a wildcard prefix like {@code *.example.com}. */
  static boolean isHostOrWildcard(String s) {
    return "*".equals(s) || (s.startsWith("*.") && isHostname(s.substring(2))) || isHostname(s);
  }

  static boolean isIp(String s) {
    return IPV4.matcher(s).matches() || isIpv6(s);
  }

  private static boolean isIpv6(String s) {
    if (!s.contains(":") || !IPV6_CHARS.matcher(s).matches()) {
      return false;
    }
    try {
      // A literal with only these characters is parsed without any name lookup.
      return java.net.InetAddress.getByName(s) instanceof java.net.Inet6Address;
    } catch (java.net.UnknownHostException e) {
      return false;
    }
  }

  static boolean isIpOrCidr(String s) {
    int slash = s.indexOf('/');
    if (slash < 0) {
      return isIp(s);
    }
    String ip = s.substring(0, slash);
    String bits = s.substring(slash + 1);
    if (!isIp(ip) || !bits.matches("[0-9]{1,3}")) {
      return false;
    }
    int max = ip.contains(":") ? 128 : 32;
    return Integer.parseInt(bits) <= max;
  }
}
