package io.meshlog.gateway;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway CA made at test time, issuing a server certificate for 127.0.0.1/localhost, client certificates
 * and workload certificates (both uses) carrying one SPIFFE URI SAN; everything is written as PEM (keys PKCS#8)
 * into a directory. Public for app's end-to-end tests (xds-gateway's test jar).
 */
public final class TestCerts {
  /** PEM files of one certificate: its chain (leaf only) and key. */
  public record Pem(Path cert, Path key) {}

  private static final AtomicLong SERIAL = new AtomicLong(1);

  private final Path dir;
  private final KeyPair caKeys;
  private final X509Certificate ca;
  private final Path caFile;

  public TestCerts(Path dir) {
    this.dir = dir;
    this.caKeys = keyPair();
    X500Name name = new X500Name("CN=meshlog test CA");
    this.ca = sign(new JcaX509v3CertificateBuilder(name, serial(), notBefore(), notAfter(), name, caKeys.getPublic()),
        b -> {
          b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
          b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
        });
    this.caFile = write("ca.pem", pem("CERTIFICATE", encoded(ca)));
  }

  public Path caFile() {
    return caFile;
  }

  /** A server certificate valid for IP 127.0.0.1 and DNS localhost. */
  public Pem server(String file) {
    return issue(file, "CN=meshlog gateway", new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth},
        new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost"));
  }

  /** A client certificate whose only SAN is the URI {@code spiffeId}. */
  public Pem client(String file, String spiffeId) {
    return issue(file, "CN=" + file, new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth},
        new GeneralName(GeneralName.uniformResourceIdentifier, spiffeId));
  }

  /** A workload certificate (server and client use, as Istio's) whose only SAN is the URI {@code spiffeId}. */
  public Pem workload(String file, String spiffeId) {
    return issue(file, "CN=" + file,
        new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth},
        new GeneralName(GeneralName.uniformResourceIdentifier, spiffeId));
  }

  private Pem issue(String file, String subject, KeyPurposeId[] purposes, GeneralName... sans) {
    KeyPair keys = keyPair();
    X509Certificate cert = sign(new JcaX509v3CertificateBuilder(ca, serial(), notBefore(), notAfter(),
        new X500Name(subject), keys.getPublic()), b -> {
          b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
          b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
          b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purposes));
          b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans));
        });
    return new Pem(write(file + ".pem", pem("CERTIFICATE", encoded(cert))),
        write(file + "-key.pem", pem("PRIVATE KEY", keys.getPrivate().getEncoded())));
  }

  private interface Extensions {
    void add(X509v3CertificateBuilder builder) throws IOException;
  }

  private X509Certificate sign(X509v3CertificateBuilder builder, Extensions extensions) {
    try {
      extensions.add(builder);
      var signer = new JcaContentSignerBuilder("SHA256withECDSA").build(caKeys.getPrivate());
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static KeyPair keyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"));
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] encoded(X509Certificate cert) {
    try {
      return cert.getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  private Path write(String name, String content) {
    try {
      return Files.writeString(dir.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static BigInteger serial() {
    return BigInteger.valueOf(SERIAL.getAndIncrement());
  }

  private static Date notBefore() {
    return Date.from(Instant.now().minus(Duration.ofHours(1)));
  }

  private static Date notAfter() {
    return Date.from(Instant.now().plus(Duration.ofDays(1)));
  }
}
