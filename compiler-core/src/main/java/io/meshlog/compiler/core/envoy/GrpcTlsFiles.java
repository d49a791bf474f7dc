package io.meshlog.compiler.core.envoy;

import io.meshlog.mesh.ClientTls;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The PEM files of a DestinationRule's SIMPLE or MUTUAL {@code tls} as proxyless gRPC takes them: grpc-java reads
 * TLS material only from certificate provider instances its bootstrap defines (gRFC A29), so the grpc cluster names
 * an instance and the client's bootstrap must define one under that name, a {@code file_watcher} over these files.
 *
 * <p>The name spells the files out, {@code file:cert=<path>,key=<path>,ca=<path>} (parts that are empty left
 * out), rather than hashing them: grpc-java NACKs a cluster whose instance its bootstrap lacks and quotes the
 * name, so the operator reads which files to add, and {@link #parse} turns that same text back into the files
 * (a path holding a comma cannot be given that way). Empty strings mean unset.
 *
 * @param cert the client certificate chain (MUTUAL)
 * @param key the client's private key (MUTUAL)
 * @param ca the CA certificates that verify the server; empty for MUTUAL means {@link #SYSTEM_BUNDLE}
 */
public record GrpcTlsFiles(String cert, String key, String ca) {
  /** What the instance's CA file is when MUTUAL names none: the bundle the sidecar shape trusts then. */
  public static final String SYSTEM_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";
  static final String PREFIX = "file:";

  public GrpcTlsFiles {
    if (cert.isEmpty() != key.isEmpty()) {
      throw new IllegalArgumentException("cert and key go together");
    }
    if (cert.isEmpty() && ca.isEmpty()) {
      throw new IllegalArgumentException("give ca, or cert and key");
    }
  }

  /** The files of a SIMPLE rule with caCertificates or of a MUTUAL rule; null for any other mode. */
  public static GrpcTlsFiles of(ClientTls tls) {
    return switch (tls.mode()) {
      case SIMPLE -> tls.caCertificates().isEmpty() ? null : new GrpcTlsFiles("", "", tls.caCertificates());
      case MUTUAL -> new GrpcTlsFiles(tls.clientCertificate(), tls.privateKey(), tls.caCertificates());
      default -> null;
    };
  }

  /** {@code cert=<path>,key=<path>,ca=<path>}, as {@code meshlog up --grpc-tls} takes it; parts may be left out. */
  public static GrpcTlsFiles parse(String spec) {
    String usage = "'" + spec + "': expected cert=FILE,key=FILE,ca=FILE (cert and key, ca, or all three)";
    Map<String, String> parts = new LinkedHashMap<>();
    for (String part : spec.split(",", -1)) {
      int eq = part.indexOf('=');
      String name = eq < 0 ? part : part.substring(0, eq);
      if (eq < 0 || !List.of("cert", "key", "ca").contains(name) || parts.put(name, part.substring(eq + 1)) != null) {
        throw new IllegalArgumentException(usage);
      }
    }
    try {
      return new GrpcTlsFiles(parts.getOrDefault("cert", ""), parts.getOrDefault("key", ""), parts.getOrDefault("ca", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(usage + ": " + e.getMessage());
    }
  }

  public boolean hasIdentity() {
    return !cert.isEmpty();
  }

  /** The certificate provider instance both the grpc cluster and the client's bootstrap name. */
  public String instanceName() {
    return PREFIX + spec();
  }

  /** The {@link #parse} form. */
  public String spec() {
    List<String> parts = new ArrayList<>();
    if (hasIdentity()) {
      parts.add("cert=" + cert);
      parts.add("key=" + key);
    }
    if (!ca.isEmpty()) {
      parts.add("ca=" + ca);
    }
    return String.join(",", parts);
  }
}
