package io.meshlog.app;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.meshlog.compiler.core.envoy.GrpcTlsFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A gRPC bootstrap's {@code certificate_providers} for DestinationRule SIMPLE and MUTUAL files: one
 * {@code file_watcher} instance per {@link GrpcTlsFiles}, under the name the grpc cluster gives it.
 *
 * <p>grpc-java 1.85.1's {@code file_watcher} requires {@code certificate_file} and {@code private_key_file} in
 * every instance, and a CA file (its {@code FileWatcherCertificateProviderProvider}). So a CA-only instance
 * (SIMPLE) carries the CA file as its certificate and a placeholder key made here: the cluster names the instance
 * for its roots only, and grpc-java never presents that identity (it ignores the identity updates of a roots-only
 * instance). MUTUAL without a CA file trusts {@link GrpcTlsFiles#SYSTEM_BUNDLE}, as the sidecar shape does.
 */
final class GrpcFileProviders {
  private GrpcFileProviders() {}

  /** The instances as a JSON object's members (no braces); placeholderKey is used by CA-only instances. */
  static String json(List<GrpcTlsFiles> files, Path placeholderKey) {
    List<String> members = new ArrayList<>();
    for (GrpcTlsFiles f : files) {
      String cert = f.hasIdentity() ? f.cert() : f.ca();
      String key = f.hasIdentity() ? f.key() : placeholderKey.toString();
      String ca = f.ca().isEmpty() ? GrpcTlsFiles.SYSTEM_BUNDLE : f.ca();
      members.add("""
          %s: {
                "plugin_name": "file_watcher",
                "config": {"certificate_file": %s, "private_key_file": %s, "ca_certificate_file": %s}
              }""".formatted(quote(f.instanceName()), quote(cert), quote(key), quote(ca)));
    }
    return String.join(",\n    ", members);
  }

  /** Whether any instance needs {@link #writePlaceholderKey}. */
  static boolean needsPlaceholderKey(List<GrpcTlsFiles> files) {
    return files.stream().anyMatch(f -> !f.hasIdentity());
  }

  /** Writes a fresh EC private key (PKCS#8 PEM, owner-only) unless the file exists; it is never used to sign. */
  static Path writePlaceholderKey(Path file) throws IOException {
    if (Files.exists(file)) {
      return file;
    }
    byte[] der;
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      der = g.generateKeyPair().getPrivate().getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e); // every JDK has EC P-256
    }
    String pem = "-----BEGIN PRIVATE KEY-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END PRIVATE KEY-----\n";
    Files.createDirectories(file.toAbsolutePath().getParent());
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    }
    return Files.writeString(file, pem);
  }

  private static String quote(String s) {
    return "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
  }
}
