package io.meshlog.mesh;

/**
 * One Sidecar egress host {@code namespace/dnsName}, with Istio's meanings: namespace {@code *} any, {@code .}
 * the Sidecar's own namespace, {@code ~} none; dnsName {@code *} any host, {@code *.suffix} any host ending in
 * {@code .suffix}, else exactly that host.
 */
public record EgressHost(String namespace, String host) {
  public static final String ANY = "*";
  public static final String SAME = ".";
  public static final String NONE = "~";

  public boolean admits(String sidecarNamespace, String serviceNamespace, String serviceHost) {
    boolean namespaceOk = switch (namespace) {
      case ANY -> true;
      case SAME -> sidecarNamespace.equals(serviceNamespace);
      case NONE -> false;
      default -> namespace.equals(serviceNamespace);
    };
    if (!namespaceOk) {
      return false;
    }
    if (host.equals(ANY)) {
      return true;
    }
    if (host.startsWith("*.")) {
      // "*.example.com" covers "a.example.com" and a ServiceEntry's own "*.example.com", not "example.com".
      String suffix = host.substring(1);
      return serviceHost.endsWith(suffix) || serviceHost.equals(host);
    }
    return host.equals(serviceHost);
  }

  @Override
  public String toString() {
    return namespace + "/" + host;
  }
}
